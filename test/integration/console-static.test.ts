/** The console at `/` (static, every mode) and how it signs in (`/console-config.json`); /graphql unchanged. */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { loadConfig } from '../../src/config.js';
import { consoleConfig } from '../../src/http/console.js';
import { ensureConsoleBuilt } from '../browser/console-browser.js';

let t: TestApp;
beforeAll(async () => {
  ensureConsoleBuilt();
  t = await startTestApp();
});
afterAll(() => t?.close());

it('serves the built console at / with the assets it names, and the development sign-in config', async () => {
  const page = await t.http.get('/').expect(200);
  expect(page.headers['content-type']).toMatch(/text\/html/);
  expect(page.headers['cache-control']).toBe('no-cache');
  const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(page.text)?.[1];
  expect(script).toBeDefined();
  const asset = await t.http.get(script!).expect(200);
  expect(asset.headers['content-type']).toMatch(/javascript/);
  expect(asset.headers['cache-control']).toMatch(/immutable/);
  await t.http.get('/assets/missing.js').expect(404);
  const config = await t.http.get('/console-config.json').expect(200);
  expect(config.body).toEqual({ signIn: 'development', oidc: null });
  // The graph is untouched.
  const res = await t.graphql('{ procedures { code } }', {}, await t.token('RECEIVING_OFFICER' as any));
  expect(res.errors).toBeUndefined();
});

it('names the OpenID Connect provider when configured, and no development picker in production', () => {
  const base = { DATABASE_URL: 'postgres://x@127.0.0.1/x', JWKS_URL: 'https://id.example.gov.vn/jwks' };
  expect(consoleConfig(loadConfig({ ...base, NODE_ENV: 'production', OIDC_ISSUER: 'https://id.example.gov.vn', OIDC_CLIENT_ID: 'vss-console' }))).toEqual({
    signIn: 'oidc',
    oidc: { issuer: 'https://id.example.gov.vn', clientId: 'vss-console' },
  });
  expect(consoleConfig(loadConfig({ ...base, NODE_ENV: 'production' }))).toEqual({ signIn: 'unavailable', oidc: null });
  expect(() => loadConfig({ ...base, OIDC_ISSUER: 'ftp://id' })).toThrow(/OIDC_ISSUER/);
});
