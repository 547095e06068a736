/**
 * Screenshots of GraphiQL for the README (docs/screenshots/graphiql-*.png), taken with
 * Debian's headless Chromium (apt-get install chromium) driven by playwright-core, from a
 * running development API:
 *
 *   npm start                        # in another terminal
 *   node scripts/graphiql-screenshots.mjs [http://localhost:4000/graphql] [--chromium /usr/bin/chromium]
 *
 * 1. graphiql-sign-in.png: first visit — signed in as a receiving officer, the README's first
 *    query run, the explorer open beside it.
 * 2. graphiql-role-switcher.png: switched to an approver of another agency, a query built by
 *    clicking in the explorer and run with that officer's token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { chromium: { type: 'string', default: '/usr/bin/chromium' }, out: { type: 'string', default: 'docs/screenshots' } } });
const url = positionals[0] ?? 'http://localhost:4000/graphql';
const profile = mkdtempSync(join(tmpdir(), 'graphiql-shots-'));

// A closed network: nothing but the API is reached (and the page itself loads nothing else).
const context = await chromium.launchPersistentContext(profile, {
  executablePath: values.chromium,
  headless: true,
  viewport: { width: 1440, height: 860 },
  deviceScaleFactor: 1,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const foreign = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(new URL(url).origin) && !request.url().startsWith('data:')) foreign.push(request.url());
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.locator('#signin-status', { hasText: 'Signed in as' }).waitFor();
  await page.locator('.graphiql-explorer-root').getByText('procedures', { exact: true }).first().waitFor();
  await page.locator('.graphiql-execute-button').click();
  await page.locator('.result-window', { hasText: '"procedures"' }).waitFor();
  await page.screenshot({ path: join(values.out, 'graphiql-sign-in.png') });

  await page.selectOption('#signin-role', 'APPROVER');
  await page.locator('#signin-status', { hasText: 'APPROVER' }).waitFor();
  await page.selectOption('#signin-agency', '000.00.79.H41');
  await page.locator('#signin-status', { hasText: 'APPROVER at 000.00.79.H41' }).waitFor();
  // A new query built by clicking in the explorer: untick the first query's field, tick the dossiers'.
  const explorer = page.locator('.graphiql-explorer-root');
  await explorer.getByText('procedures', { exact: true }).first().click();
  await explorer.getByText('dossiers', { exact: true }).first().click();
  for (const field of ['totalCount', 'edges']) await explorer.getByText(field, { exact: true }).first().click();
  await page.waitForTimeout(300);
  await page.locator('.graphiql-execute-button').click();
  await page.locator('.result-window', { hasText: '"dossiers"' }).waitFor();
  await page.screenshot({ path: join(values.out, 'graphiql-role-switcher.png') });

  if (foreign.length) throw new Error(`the page reached outside its origin: ${foreign.join(', ')}`);
  console.log(`wrote ${values.out}/graphiql-sign-in.png and ${values.out}/graphiql-role-switcher.png`);
} catch (error) {
  await context.pages()[0]?.screenshot({ path: join(tmpdir(), 'graphiql-screenshots-failed.png') });
  throw error;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
