/** The `graphql-http` package's server audit (GraphQL over HTTP conformance) against the real server on a real port. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { serverAudits, type AuditResult } from 'graphql-http';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let server: http.Server;
let url: string;

beforeAll(async () => {
  t = await startTestApp();
  server = http.createServer(t.app.express);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

it('passes every MUST of the GraphQL-over-HTTP server audit', async () => {
  const results: AuditResult[] = [];
  for (const audit of serverAudits({ url })) results.push(await audit.fn());

  const level = (r: AuditResult) => r.name.split(' ')[0];
  const lines = ['MUST', 'SHOULD', 'MAY'].map((requirement) => {
    const mine = results.filter((r) => level(r) === requirement);
    const by = (status: string) => mine.filter((r) => r.status === status).length;
    return `${requirement.padEnd(6)} ${mine.length} audits: ${by('ok')} ok, ${by('warn')} warn, ${by('notice')} notice, ${by('error')} error`;
  });
  const notOk = results.filter((r) => r.status !== 'ok').map((r) => `  ${r.status.padEnd(6)} ${r.name}${'reason' in r ? ` (${r.reason})` : ''}`);
  console.log(`graphql-http ${results.length} server audits against ${url}\n${lines.join('\n')}\n${notOk.join('\n')}`);

  expect(results.length).toBeGreaterThan(40);
  const failedMusts = results.filter((r) => level(r) === 'MUST' && r.status !== 'ok');
  expect(failedMusts.map((r) => r.name)).toEqual([]);
});
