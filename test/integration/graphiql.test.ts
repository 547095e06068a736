/**
 * GraphiQL for developers (issue 14 items 2 and 8): the page loads only this origin's
 * assets from npm packages (the explorer plugin among them), signs in through
 * /dev/token and keeps it, preloads the README's first query; the running schema is
 * served as SDL at /schema.graphql. None of it in production.
 * (docs/screenshots/ shows the page in a browser: scripts/graphiql-screenshots.mjs.)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse, print } from 'graphql';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { DEFAULT_QUERY, GRAPHIQL_ASSETS_PATH, SIGN_IN_STORAGE_KEY } from '../../src/http/graphiql.js';
import { SCHEMA_FILE } from '../../src/schema/emit.js';

let t: TestApp;
let prod: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  prod = await startTestApp({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-characters' });
});
afterAll(async () => {
  await t.close();
  await prod.close();
});

async function page(): Promise<string> {
  const res = await t.http.get('/graphql').set('accept', 'text/html');
  expect(res.status).toBe(200);
  return res.text;
}

describe('the GraphiQL page', () => {
  it('loads only its own assets, from npm packages, the explorer plugin among them', async () => {
    const html = await page();
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((url) => !url.startsWith('data:'));
    expect(urls.every((url) => url.startsWith(`${GRAPHIQL_ASSETS_PATH}/`))).toBe(true);
    expect(urls.map((url) => url.split('?')[0]!.split('/').pop())).toEqual(
      expect.arrayContaining(['graphiql.min.js', 'plugin-explorer.umd.js', 'plugin-explorer.css', 'react.production.min.js']),
    );
    for (const url of urls) {
      const asset = await t.http.get(url);
      expect([url, asset.status]).toEqual([url, 200]);
      expect(asset.headers['content-type']).toMatch(url.includes('.css') ? /^text\/css/ : /^text\/javascript/);
    }
    const explorer = await t.http.get(urls.find((url) => url.includes('plugin-explorer.umd.js'))!);
    expect(explorer.text).toContain('GraphiQLPluginExplorer');
  });

  it('runs only its own inline script (CSP hash), which signs in through /dev/token, keeps it and sends it as Authorization', async () => {
    const html = await page();
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    expect(csp).toContain("connect-src 'self'");
    const inline = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(csp).toContain(`'sha256-${createHash('sha256').update(inline).digest('base64')}'`);
    expect(inline).toContain("fetch('/dev/token', { method: 'POST'");
    expect(inline).toContain(`localStorage.setItem(STORE`);
    expect(inline).toContain(JSON.stringify(SIGN_IN_STORAGE_KEY));
    expect(inline).toContain("headers.Authorization = 'Bearer ' + current.token");
    expect(inline).toContain('GraphiQLPluginExplorer.explorerPlugin()');
    expect(html).toMatch(/<select id="signin-role">/);
    expect(html).toMatch(/<select id="signin-agency">/);
  });

  it("preloads the README's first query", async () => {
    const readme = readFileSync('README.md', 'utf8');
    const first = /A first query:\s*```graphql\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(print(parse(DEFAULT_QUERY))).toBe(print(parse(first)));
    expect(await page()).toContain(JSON.stringify(DEFAULT_QUERY).replace(/</g, '\\u003c'));
  });

  it('is not served in production', async () => {
    const res = await prod.http.get('/graphql').set('accept', 'text/html');
    expect(res.text).not.toMatch(/graphiql|signin/i);
    expect((await prod.http.get(`${GRAPHIQL_ASSETS_PATH}/plugin-explorer.umd.js`)).status).toBe(404);
  });
});

describe('GET /schema.graphql', () => {
  it('serves the running schema as the emitted, checked-in SDL', async () => {
    const res = await t.http.get('/schema.graphql');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });

  it('is not served in production', async () => {
    expect((await prod.http.get('/schema.graphql')).status).toBe(404);
  });
});
