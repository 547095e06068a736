/**
 * Development sign-in through the API itself (GraphiQL's role switcher, the console's
 * picker): GET /dev/token lists who can sign in, POST /dev/token gives a token the graph
 * honours. Refusals in the graph's error shape; absent in production.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { OfficerRole } from '../../src/entities/enums.js';

const ME = '{ procedures { code } }';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('development sign-in', () => {
  it('lists the roles and, per agency with demo officers, its officers', async () => {
    const res = await t.http.get('/dev/token');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.roles).toEqual(Object.values(OfficerRole));
    const hanoi = res.body.agencies.find((a: { code: string }) => a.code === '000.00.01.H41');
    expect(hanoi.officers.map((o: { roles: string[] }) => o.roles[0]).sort()).toEqual([...Object.values(OfficerRole)].sort());
  });

  it('issues a token for a role at an agency that the graph accepts', async () => {
    const res = await t.http.post('/dev/token').send({ role: 'APPROVER', agency: '000.00.79.H41' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'APPROVER', agency: '000.00.79.H41', officer: expect.stringMatching(/^CB79-/) });
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    const read = await t.graphql(ME, {}, res.body.token);
    expect(read.status).toBe(200);
    expect(read.errors).toBeUndefined();
    expect(read.data.procedures.length).toBeGreaterThan(0);
  });

  it.each([
    [{ role: 'SUPERUSER' }, ['role']],
    [{}, ['role']],
    [{ role: 'APPROVER', agency: '999.99.99.H41' }, ['agency']],
    [{ role: 'APPROVER', officer: 'CB79-0001' }, ['officer']],
    [{ role: { $ne: 1 } }, ['role']],
  ])('refuses %j with BAD_USER_INPUT at %j', async (body, path) => {
    const res = await t.http.post('/dev/token').send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: path });
    expect(res.body.token).toBeUndefined();
  });

  it('does not exist in production', async () => {
    const prod = await startTestApp({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-characters' });
    try {
      expect((await prod.http.post('/dev/token').send({ role: 'APPROVER' })).status).toBe(404);
      expect((await prod.http.get('/dev/token')).status).toBe(404);
    } finally {
      await prod.close();
    }
  });
});
