/**
 * The officer console in Debian's Chromium against the real API, database and search (no mocked graph):
 * an officer signs in with the development picker, searches a citizen without accents and opens them,
 * receives a dossier reusing two components and digitizing one scan; a processing officer submits it;
 * an approver approves and returns the result; a leader's dashboard shows digitizationStats' numbers;
 * the auditor sees the reads just made, with their purpose. axe-core on each screen; screenshots to docs/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { HANOI_OFFICER } from '../helpers/app.js';
import { testIndexPrefix, testSearch, type TestSearch } from '../helpers/elasticsearch.js';
import { OfficerRole } from '../../src/entities/enums.js';
import {
  EVIDENCE, RESOLVE, RETURN, SUBMIT, digitize, metadata, newCitizen, receive, scans, startProcessApp, upload, type ProcessApp,
} from '../integration/process-fixtures.js';
import { choose, ensureConsoleBuilt, launchChromium, listen, screenshot, seriousViolations } from './console-browser.js';

let t: ProcessApp;
let search: TestSearch;
let server: Server;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
let citizen: { personalId: string; fullName: string };
let dossierCode = '';
const PURPOSE = 'Tra cứu theo yêu cầu của người dân';

beforeAll(async () => {
  ensureConsoleBuilt();
  const prefix = testIndexPrefix('console');
  t = await startProcessApp({ SEARCH_INDEX_PREFIX: prefix });
  search = testSearch(t, prefix);
  ({ server, base } = await listen(t.app.express));
  browser = await launchChromium();

  // A citizen whose first procedure (a health insurance card) left three papers in the warehouse:
  // the card (a result), the participant declaration and the identity card (scans).
  citizen = await newCitizen(t, 'Lương Thị Thu Hằng');
  const first = await receive(t, '1.001939', citizen.personalId);
  await digitize(t, first.code, 'TP01', metadata.TK1TS(citizen.fullName));
  await digitize(t, first.code, 'TP02', metadata.CCCD(citizen.fullName, citizen.personalId));
  for (const [operation, variables, as] of [
    [SUBMIT, { code: first.code }, t.as.processing],
    [RESOLVE, { input: { dossierCode: first.code, decision: 'APPROVED', resultFileId: (await upload(t, scans.png(), 'card.png', t.as.approver)).id, resultMetadata: metadata.BHYT(citizen.fullName) } }, t.as.approver],
    [RETURN, { code: first.code }, t.as.receiving],
  ] as const) {
    const res = await t.graphql(operation, variables, as);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }
  // The run's own indexes, built from PostgreSQL as `npm run reindex` does, then the outbox drained.
  await search.reindexAll();
  await search.indexer().drain();
  for (let i = 0; ; i++) {
    const res = await t.graphql('query($q: String!) { search(query: $q, first: 50, filter: { kinds: [INDIVIDUAL] }) { edges { node { ... on Individual { personalId } } } } }', { q: citizen.personalId }, t.as.receiving);
    if (res.data?.search.edges.some((e: any) => e.node.personalId === citizen.personalId)) break;
    if (i > 60) throw new Error('the citizen never became searchable');
    await new Promise((r) => setTimeout(r, 500));
  }
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await search?.close();
  await t?.close();
});

/** A fresh browser context (its own sessionStorage), 1366×768 as the desks have, signed in with the picker. */
async function signIn(roleLabel: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('browser error:', error.message));
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
  await choose(page, 'sign-in-role', roleLabel);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  return page;
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

describe('the officer console in a browser', () => {
  it('shows the sign-in picker first, in Vietnamese, accessible, and measures the time to it', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    contexts.push(context);
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    console.log(`console: first screen (sign-in picker) ready ${Date.now() - started} ms after navigation`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Đăng nhập bàn làm việc cán bộ');
    await expectAccessible(page);
    await screenshot(page, 'sign-in');
  });

  it('receiving officer: searches without accents, opens the citizen, receives with two reuses and one scan', async () => {
    const page = await signIn('Cán bộ tiếp nhận');
    // Search: a purpose first, then the name without accents.
    await choose(page, 'search-purpose', PURPOSE);
    await page.locator('#search-box').fill('luong thi thu hang');
    await page.locator('#search-box').press('Enter');
    const hit = page.locator('.ant-list-item', { hasText: citizen.personalId });
    await hit.waitFor();
    await expect(hit.locator('mark').count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page);
    await screenshot(page, 'search');

    await hit.getByRole('button', { name: /^Mở/ }).click();
    await page.getByRole('heading', { name: `Hồ sơ cá nhân: ${citizen.fullName}` }).waitFor();
    const documents = page.locator('.ant-card', { hasText: 'Giấy tờ trong kho' });
    await documents.locator('tbody tr.ant-table-row').nth(2).waitFor();
    await expect(documents.locator('tbody tr.ant-table-row').count()).resolves.toBe(3);
    await expectAccessible(page);
    await screenshot(page, 'person');

    // Reception of the re-issue (1.002759): the card and the declaration are reused, the identity card is scanned anew.
    await page.getByRole('menuitem', { name: 'Tiếp nhận' }).click();
    await page.locator('#reception-procedure').click();
    await page.locator('#reception-procedure').fill('1.002759');
    await page.keyboard.press('Enter');
    await page.locator('#reception-applicant').fill(citizen.personalId);
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    dossierCode = (await page.getByTestId('dossier-code').textContent())!.trim();
    expect(dossierCode).toMatch(/^000\.00\.01\.H41-/);
    for (const code of ['TP01', 'TP02']) {
      const row = page.getByTestId(`component-${code}`);
      await row.getByRole('button', { name: new RegExp(`^Dùng lại ${code}:`) }).click();
      await row.getByRole('button', { name: /^Dùng lại/ }).waitFor({ state: 'detached' });
      await row.locator('.ant-tag', { hasText: 'Dùng lại' }).waitFor();
    }
    const tp03 = page.getByTestId('component-TP03');
    await tp03.getByRole('button', { name: 'Tải bản quét lên TP03' }).click();
    await tp03.locator('input[type=file]').setInputFiles({ name: 'cccd.pdf', mimeType: 'application/pdf', buffer: scans.pdf() });
    await tp03.locator('.ant-progress-status-success').waitFor();
    await page.locator('#scan-TP03-personalId').fill(citizen.personalId);
    await page.locator('#scan-TP03-fullName').fill(citizen.fullName);
    await page.locator('#scan-TP03-dateOfBirth').fill('1990-07-07');
    await choose(page, 'scan-TP03-gender', 'FEMALE');
    await page.locator('#scan-TP03-issueDate').fill('2021-06-01');
    await tp03.getByRole('button', { name: 'Số hoá' }).click();
    await tp03.locator('.ant-tag', { hasText: 'Bản quét' }).waitFor();
    // The declared name, without accents, matches the warehouse.
    await page.locator('#declared-fullName').fill('LUONG THI THU HANG');
    await page.getByRole('button', { name: 'Kiểm tra thống nhất' }).click();
    await page.getByTestId('consistent').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'reception');

    const evidence = await t.graphql('query($code: String!) { dossier(code: $code) { status components { provision requirement { code } } } }', { code: dossierCode }, t.as.receiving);
    expect(evidence.data.dossier.components.map((c: any) => [c.requirement.code, c.provision])).toEqual([
      ['TP01', 'REUSED'], ['TP02', 'REUSED'], ['TP03', 'SCANNED'], ['TP04', 'PENDING'],
    ]);
    void EVIDENCE;
  });

  it('processing officer submits; approver approves and returns the result', async () => {
    const processing = await signIn('Cán bộ xử lý');
    await processing.goto(`${base}/#/dossier/${encodeURIComponent(dossierCode)}`);
    await processing.getByRole('button', { name: 'Chuyển xử lý' }).click();
    await processing.getByTestId('dossier-status').getByText('Đang xử lý').waitFor();

    const approver = await signIn('Lãnh đạo phê duyệt');
    await approver.getByRole('menuitem', { name: 'Xử lý, phê duyệt' }).click();
    await approver.getByTestId('queue-total').getByText(/\d/).waitFor();
    await approver.goto(`${base}/#/dossier/${encodeURIComponent(dossierCode)}`);
    await choose(approver, 'result-type', 'BHYT — Thẻ bảo hiểm y tế');
    const card = metadata.BHYT(citizen.fullName);
    await approver.locator('#result-cardNumber').fill(card.cardNumber);
    await approver.locator('#result-fullName').fill(card.fullName);
    await approver.locator('#result-dateOfBirth').fill(card.dateOfBirth);
    await approver.locator('#result-initialClinic').fill(card.initialClinic);
    await approver.locator('#result-validFrom').fill(card.validFrom);
    await approver.locator('#result-validTo').fill(card.validTo);
    await expectAccessible(approver);
    await screenshot(approver, 'queue');
    await approver.getByRole('button', { name: 'Phê duyệt' }).click();
    await approver.getByTestId('dossier-status').getByText('Đã phê duyệt').waitFor();
    await approver.getByRole('button', { name: 'Trả kết quả' }).click();
    await approver.getByTestId('dossier-status').getByText('Đã trả kết quả').waitFor();

    const done = await t.graphql('query($code: String!) { dossier(code: $code) { status reuseRate result { decision returnedAt } } }', { code: dossierCode }, t.as.approver);
    expect(done.data.dossier).toMatchObject({ status: 'RESULT_RETURNED', result: { decision: 'APPROVED' } });
  });

  it("leader: the dashboard's numbers are digitizationStats'", async () => {
    const page = await signIn('Lãnh đạo phê duyệt');
    await page.getByRole('menuitem', { name: 'Bảng chỉ số' }).click();
    await page.getByTestId('table-province').waitFor();
    const stats = await t.graphql(
      '{ digitizationStats { dossiersReceived dossiersOverdue componentsReused componentsScanned reuseRate breakdown(by: PROVINCE) { key label dossiersReceived } } }',
      {},
      await t.token(OfficerRole.APPROVER),
    );
    expect(stats.errors).toBeUndefined();
    const s = stats.data.digitizationStats;
    const shown = async (key: string) => (await page.getByTestId(`stat-${key}`).textContent())!.replace(/[.,\s]/g, '');
    expect(await shown('dossiersReceived')).toBe(String(s.dossiersReceived));
    expect(await shown('dossiersOverdue')).toBe(String(s.dossiersOverdue));
    expect(await shown('componentsReused')).toBe(String(s.componentsReused));
    expect(await shown('componentsScanned')).toBe(String(s.componentsScanned));
    expect((await page.getByTestId('stat-reuseRate').textContent())!.trim()).toBe((s.reuseRate * 100).toFixed(1));
    const rows = page.getByTestId('table-province').locator('tbody tr.ant-table-row');
    await expect(rows.count()).resolves.toBe(s.breakdown.length);
    await expectAccessible(page);
    await screenshot(page, 'dashboard');
  });

  it('auditor: the reads just made are listed, with their purpose', async () => {
    const page = await signIn('Kiểm toán viên');
    await page.locator('#audit-subject').fill(citizen.personalId);
    await page.getByRole('button', { name: 'Lọc' }).click();
    const read = page.locator('tbody tr.ant-table-row', { hasText: PURPOSE }).filter({ hasText: HANOI_OFFICER.RECEIVING_OFFICER });
    await read.first().waitFor();
    await page.locator('tbody tr.ant-table-row', { hasText: `Giải quyết hồ sơ ${dossierCode}` }).first().waitFor();
    await expectAccessible(page);
    await screenshot(page, 'audit');
  });
});
