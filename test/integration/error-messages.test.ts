/**
 * Messages by Accept-Language (issue 14, item 5): Vietnamese by default, English
 * on request, in GraphQL errors (formatError) and in the refusals answered at the
 * HTTP edge; the code, the reason and the extension fields never change.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startProcessApp, type ProcessApp } from './process-fixtures.js';

let t: ProcessApp;
beforeAll(async () => {
  t = await startProcessApp();
});
afterAll(async () => {
  await t?.close();
});

type Language = 'vi' | 'en' | null;
const graphql = (body: unknown, language: Language, token: string | null = t.as.processing) => {
  const request = t.http.post('/graphql').set('content-type', 'application/json');
  if (token) request.set('authorization', `Bearer ${token}`);
  if (language) request.set('accept-language', language === 'en' ? 'en-US,en;q=0.9' : 'vi-VN');
  return request.send(body as object);
};

describe('messages in Vietnamese and English', () => {
  it('an error raised while executing a field: Vietnamese by default, English on request, the same code, reason and fields', async () => {
    const body = { query: 'mutation { submitForProcessing(dossierCode: "000.00.01.H41-200101-9999") { code } }' };
    const [byDefault, vi, en] = await Promise.all([graphql(body, null), graphql(body, 'vi'), graphql(body, 'en')]);
    expect(byDefault.body.errors[0].message).toBe('Không tìm thấy hồ sơ: dossierCode');
    expect(vi.body.errors[0].message).toBe(byDefault.body.errors[0].message);
    expect(en.body.errors[0].message).toBe('No dossier has the code 000.00.01.H41-200101-9999');
    for (const res of [byDefault, en]) {
      expect(res.body.errors[0].extensions).toEqual({ code: 'NOT_FOUND', reason: 'DOSSIER_NOT_FOUND', argumentPath: ['dossierCode'] });
    }
    expect(byDefault.headers.vary).toMatch(/Accept-Language/i);
  });

  it('a refusal at the HTTP edge (missing credentials): 401 in both languages', async () => {
    const body = { query: '{ procedures { code } }' };
    const [vi, en] = await Promise.all([graphql(body, null, null), graphql(body, 'en', null)]);
    expect([vi.status, en.status]).toEqual([401, 401]);
    expect(vi.body.errors[0].extensions).toEqual(en.body.errors[0].extensions);
    expect(vi.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'UNAUTHENTICATED' });
    expect(vi.body.errors[0].message).toMatch(/^Chưa đăng nhập/);
    expect(en.body.errors[0].message).toMatch(/sign in|credentials|authorization/i);
    expect(en.body.errors[0].message).not.toBe(vi.body.errors[0].message);
  });

  it('a transport error (a broken JSON body) in both languages', async () => {
    const send = (language: Language) => {
      const request = t.http.post('/graphql').set('authorization', `Bearer ${t.as.processing}`).set('content-type', 'application/json');
      if (language) request.set('accept-language', language);
      return request.send('{"query": ');
    };
    const [vi, en] = await Promise.all([send(null), send('en')]);
    expect([vi.status, en.status]).toEqual([400, 400]);
    expect(vi.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'MALFORMED_REQUEST' });
    expect(en.body.errors[0].extensions).toEqual(vi.body.errors[0].extensions);
    expect(vi.body.errors[0].message).toBe('Yêu cầu không đọc được (thân, biểu mẫu hoặc mã hóa)');
    expect(en.body.errors[0].message).not.toBe(vi.body.errors[0].message);
  });

  it('fills the reason\'s fields into the Vietnamese message (a limit refused before execution)', async () => {
    const deep = '{ dossier(code: "x") { components { document { originDossier { components { document { originDossier { components { document { originDossier { components { document { code } } } } } } } } } } } } }';
    const vi = await graphql({ query: deep }, 'vi');
    expect(vi.status).toBe(400);
    expect(vi.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_DEEP', depth: 13, maxDepth: 12 });
    expect(vi.body.errors[0].message).toBe('Truy vấn lồng 13 cấp; tối đa 12');
  });
});
