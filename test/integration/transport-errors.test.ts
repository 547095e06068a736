/**
 * Transport errors (issue 11, item 1): whatever the HTTP layer cannot read — a
 * persisted-query hash that does not match its text, a truncated multipart
 * upload, a bad URI encoding, a broken body — is a 4xx with the graph's error
 * body (`{ errors: [{ message, extensions: { code, reason } }] }`), never a 500.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startProcessApp, type ProcessApp } from './process-fixtures.js';

let t: ProcessApp;
beforeAll(async () => {
  t = await startProcessApp({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-characters' });
});
afterAll(async () => {
  await t?.close();
});

/** The graph's error body, and nothing that leaks the server's insides. */
function expectGraphError(res: { status: number; body: unknown; text: string }, status: number, code: string) {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { errors: [{ message: expect.any(String), extensions: { code } }] } });
  expect(res.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\bselect\b|\binsert\b/i);
}

describe('transport errors', () => {
  it('an automatic persisted query whose hash does not match its text', async () => {
    const query = '{ __typename }';
    const wrong = createHash('sha256').update('{ other }').digest('hex');
    const res = await t.http.post('/graphql').set('authorization', `Bearer ${t.as.receiving}`).set('content-type', 'application/json')
      .send({ query, extensions: { persistedQuery: { version: 1, sha256Hash: wrong } } });
    expectGraphError(res, 400, 'BAD_USER_INPUT');
    expect(res.body.errors[0].extensions.reason).toBe('MALFORMED_REQUEST');
  });

  it('a truncated multipart upload', async () => {
    const boundary = '----vss-truncated';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 truncated`;
    const res = await t.http.post('/files').set('authorization', `Bearer ${t.as.receiving}`).set('content-type', `multipart/form-data; boundary=${boundary}`).send(body);
    expectGraphError(res, 400, 'BAD_USER_INPUT');
    expect(res.body.errors[0].extensions.reason).toBe('INVALID_FILE');
  });

  it('a download whose code holds NUL, or is badly encoded', async () => {
    for (const path of ['/files/documents/%00', '/files/documents/%E0%A4%A', '/files/documents/%C0%AF', '/files/documents/a%ZZ']) {
      const res = await t.http.get(path).set('authorization', `Bearer ${t.as.receiving}`);
      expectGraphError(res, 400, 'BAD_USER_INPUT');
    }
  });

  it('any other body-parser error: broken JSON, an unsupported charset or encoding, a body over the limit, a blocked form post', async () => {
    const post = () => t.http.post('/graphql').set('authorization', `Bearer ${t.as.receiving}`);
    expectGraphError(await post().set('content-type', 'application/json').send('{"query": '), 400, 'BAD_USER_INPUT');
    expectGraphError(await post().set('content-type', 'application/json; charset=koi8-r').send('{"query": "{ __typename }"}'), 415, 'BAD_USER_INPUT');
    expectGraphError(await post().set('content-type', 'text/plain').send('{"query": "{ __typename }"}'), 400, 'BAD_USER_INPUT'); // CSRF prevention
    expectGraphError(await post().set('content-type', 'application/json').send(JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(t.config.maxBodyBytes) })), 413, 'BAD_USER_INPUT');
    expectGraphError(await post().set('content-type', 'application/json').set('content-encoding', 'x-unknown').send('{}'), 415, 'BAD_USER_INPUT');
  });
});
