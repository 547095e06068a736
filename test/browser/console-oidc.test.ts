/**
 * Production sign-in: the console signs an officer in with a real OpenID Connect provider started here
 * (`oidc-provider`), authorization code + PKCE through oidc-client-ts in Chromium, and the API verifies
 * the provider's JWT access tokens with JWKS_URL: the graph answers the console with them.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import type { Browser } from 'playwright-core';
import { startTestApp, HANOI_AGENCY, HANOI_OFFICER, type TestApp } from '../helpers/app.js';
import { ensureConsoleBuilt, launchChromium, listen, seriousViolations } from './console-browser.js';

let t: TestApp;
let app: Server;
let idp: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  ensureConsoleBuilt();
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => void res.writeHead(503).end();
  idp = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  t = await startTestApp({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'vss-console', JWKS_URL: `${issuer}/jwks`, JWT_ISSUER: issuer, JWT_AUDIENCE: 'vss-dwh-api' });
  ({ server: app, base } = await listen(t.app.express));

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const key = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'console-test' };
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'vss-console', token_endpoint_auth_method: 'none', redirect_uris: [`${base}/`], grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [key as any] },
    pkce: { required: () => true },
    clientBasedCORS: () => true,
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'urn:vss:dwh-api',
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'openid profile', audience: 'vss-dwh-api', accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    // The agency's directory: the officer's code is the login; agency and role ride in the access token.
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id, name: 'Hoàng Thị Mai' }) }),
    extraTokenClaims: () => ({ agency: HANOI_AGENCY, roles: ['RECEIVING_OFFICER'] }),
  } as any);
  handler = provider.callback();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => app?.close(r));
  await new Promise((r) => idp?.close(r));
  await t?.close();
});

it('signs in at the provider (code + PKCE) and calls the graph with its token', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await expect(seriousViolations(page)).resolves.toEqual([]);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  // oidc-provider's development login and consent pages.
  await page.locator('input[name=login]').fill(HANOI_OFFICER.RECEIVING_OFFICER);
  await page.locator('input[name=password]').fill('any');
  await page.locator('button[type=submit]').click();
  await page.locator('button[type=submit]').click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  await expect(page.getByTestId('who').textContent()).resolves.toContain(HANOI_AGENCY);
  // The graph accepts the provider's token: the procedures load in reception.
  await page.getByRole('menuitem', { name: 'Tiếp nhận' }).click();
  await page.locator('#reception-procedure').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title^="1.002759"]').waitFor();
  await context.close();
}, 120_000);
