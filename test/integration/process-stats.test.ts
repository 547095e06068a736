/**
 * `digitizationStats` against the data: the figures the query answers are
 * recomputed here, dossier by dossier, from the rows themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Dossier } from '../../src/entities/dossier.entity.js';
import { ComponentProvision, DossierStatus } from '../../src/entities/enums.js';
import { vietnamDate } from '../../src/domain/dates.js';
import { REUSE, digitize, metadata, newCitizen, receive, startProcessApp, type ProcessApp } from './process-fixtures.js';

let t: ProcessApp;
beforeAll(async () => {
  t = await startProcessApp();
});
afterAll(() => t.close());

const FIGURES = 'dossiersReceived componentsReused componentsScanned componentsScannedFromCopy componentsNotDigitized reuseRate dossiersOverdue dossiersAwaitingOverdueVerification';
const STATS = `query($filter: StatsFilter, $by: StatsDimension!) {
  digitizationStats(filter: $filter) { ${FIGURES} breakdown(by: $by) { key label ${FIGURES} } }
}`;

interface Filter {
  provinceCode?: string;
  procedureCode?: string;
  from?: string;
  to?: string;
}

const CLOSED = [DossierStatus.APPROVED, DossierStatus.REJECTED, DossierStatus.RESULT_RETURNED];

/** The figures, counted in JavaScript from every dossier and component row. */
async function recount(filter: Filter) {
  const dossiers = await t.app.orm.em.fork().find(Dossier, {}, { populate: ['components', 'procedure', 'verifications'] });
  const now = Date.now();
  const today = vietnamDate(new Date(now));
  const chosen = dossiers.filter((d) => {
    const day = vietnamDate(d.receivedAt);
    return (!filter.provinceCode || d.province.unwrap().code === filter.provinceCode)
      && (!filter.procedureCode || d.procedure.getEntity().code === filter.procedureCode)
      && (!filter.from || day >= filter.from)
      && (!filter.to || day <= filter.to);
  });
  const provisions = chosen.flatMap((d) => d.components.getItems().map((c) => c.provision));
  const reused = provisions.filter((p) => p === ComponentProvision.REUSED).length;
  const scanned = provisions.filter((p) => p === ComponentProvision.SCANNED).length;
  const fromCopy = provisions.filter((p) => p === ComponentProvision.SCANNED_FROM_COPY).length;
  return {
    dossiersReceived: chosen.length,
    componentsReused: reused,
    componentsScanned: scanned,
    componentsScannedFromCopy: fromCopy,
    componentsNotDigitized: provisions.filter((p) => p === ComponentProvision.NOT_DIGITIZED).length,
    reuseRate: reused + scanned + fromCopy === 0 ? 0 : reused / (reused + scanned + fromCopy),
    dossiersOverdue: chosen.filter((d) => d.dueAt.getTime() < now && !CLOSED.includes(d.status)).length,
    dossiersAwaitingOverdueVerification: chosen.filter((d) => !CLOSED.includes(d.status) && d.verifications.getItems().some((v) => !v.answeredAt && v.dueOn < today)).length,
  };
}

async function stats(filter: Filter | null, by = 'PROVINCE') {
  const res = await t.graphql(STATS, { filter, by }, t.as.auditor);
  expect(res.errors).toBeUndefined();
  return res.data.digitizationStats;
}

const COUNTS = [
  'dossiersReceived', 'componentsReused', 'componentsScanned', 'componentsScannedFromCopy', 'componentsNotDigitized', 'dossiersOverdue', 'dossiersAwaitingOverdueVerification',
] as const;

function withoutBreakdown(s: Record<string, unknown>) {
  const { breakdown: _breakdown, ...figures } = s;
  return { ...figures, reuseRate: expect.closeTo(figures.reuseRate as number, 10) };
}

describe('digitizationStats', () => {
  it.each<[string, Filter]>([
    ['everything', {}],
    ['one province', { provinceCode: '01' }],
    ['one procedure', { procedureCode: '1.001939' }],
    ['a range of receipt days', { from: '2026-09-01', to: '2026-10-31' }],
    ['all filters at once', { provinceCode: '79', procedureCode: '1.001667', from: '2025-01-01', to: '2026-11-30' }],
  ])('matches the rows for %s', async (_what, filter) => {
    const expected = await recount(filter);
    expect(expected.dossiersReceived).toBeGreaterThan(0);
    expect(withoutBreakdown(await stats(filter))).toEqual({ ...expected, reuseRate: expect.closeTo(expected.reuseRate, 10) });
  });

  it('has meaningful demo data: dossiers, reuses, scans and overdue ones', async () => {
    const all = await recount({});
    expect(all.dossiersReceived).toBeGreaterThan(100);
    expect(all.componentsReused).toBeGreaterThan(0);
    expect(all.componentsScanned).toBeGreaterThan(0);
    expect(all.dossiersOverdue).toBeGreaterThan(0);
  });

  it.each(['PROVINCE', 'PROCEDURE', 'MONTH'])('breaks down by %s into buckets that match the rows and add up', async (by) => {
    const total = await stats({}, by);
    const buckets = total.breakdown as ({ key: string; label: string | null; reuseRate: number } & Record<(typeof COUNTS)[number], number>)[];
    expect(buckets.length).toBeGreaterThan(1);
    for (const field of COUNTS) {
      expect(buckets.reduce((sum, b) => sum + b[field], 0)).toBe(total[field]);
    }
    const sample = buckets[0];
    const filter: Filter = by === 'PROVINCE' ? { provinceCode: sample.key } : by === 'PROCEDURE' ? { procedureCode: sample.key } : monthRange(sample.key);
    const { key: _key, label: _label, ...figures } = sample;
    const expected = await recount(filter);
    expect({ ...figures, reuseRate: expect.closeTo(figures.reuseRate, 10) }).toEqual({ ...expected, reuseRate: expect.closeTo(expected.reuseRate, 10) });
  });

  it('follows a new dossier: one received, one component reused, one scanned', async () => {
    const filter = { provinceCode: '01', procedureCode: '1.001939' };
    const before = await stats(filter);
    const citizen = await newCitizen(t);
    const earlier = await receive(t, '1.001939', citizen.personalId);
    const { component } = await digitize(t, earlier.code, 'TP01', metadata.TK1TS(citizen.fullName));
    const dossier = await receive(t, '1.001939', citizen.personalId);
    await t.graphql(REUSE, { input: { dossierCode: dossier.code, requirementCode: 'TP01', documentCode: component.document.code } }, t.as.receiving);
    await digitize(t, dossier.code, 'TP02', metadata.CCCD(citizen.fullName, citizen.personalId));

    const after = await stats(filter);
    expect(after.dossiersReceived - before.dossiersReceived).toBe(2);
    expect(after.componentsReused - before.componentsReused).toBe(1);
    expect(after.componentsScanned - before.componentsScanned).toBe(2);
    expect(withoutBreakdown(after)).toEqual(withoutBreakdown({ ...(await recount(filter)), breakdown: [] }));
  });

  it('refuses a malformed filter and callers without a role', async () => {
    const bad = await t.graphql(STATS, { filter: { provinceCode: '1' }, by: 'MONTH' }, t.as.auditor);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['filter', 'provinceCode'] });
    const backwards = await t.graphql(STATS, { filter: { from: '2026-02-01', to: '2026-01-01' }, by: 'MONTH' }, t.as.auditor);
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['filter', 'to'] });
    const anonymous = await t.graphql(STATS, { by: 'MONTH' }, null);
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

/** The first and last Vietnam day of a `YYYY-MM` month. */
function monthRange(month: string): Filter {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
