/**
 * Officer tokens verified against the identity provider's keys (JWKS_URL), served
 * by a real local HTTP server: a token signed by the provider's key is accepted,
 * one signed by any other key, or the development secret, is not.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { startTestApp, HANOI_AGENCY, HANOI_OFFICER, type TestApp } from '../helpers/app.js';
import { OfficerRole } from '../../src/entities/enums.js';
import { signDevelopmentToken } from '../../src/auth/tokens.js';

const QUERY = '{ procedures { code } }';

let t: TestApp;
let provider: http.Server;
let providerKey: CryptoKey;
let strangerKey: CryptoKey;

function sign(key: CryptoKey, claims: { sub: string; agency: string; roles: string[] }) {
  return new SignJWT({ agency: claims.agency, roles: claims.roles })
    .setProtectedHeader({ alg: 'RS256', kid: 'provider-1' })
    .setSubject(claims.sub)
    .setIssuer(t.config.jwt.issuer)
    .setAudience(t.config.jwt.audience)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  providerKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'provider-1', alg: 'RS256', use: 'sig' };
  provider = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  const { port } = provider.address() as AddressInfo;
  t = await startTestApp({ JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json` });
});

afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => provider?.close(resolve));
});

describe('JWKS verification', () => {
  const claims = { sub: HANOI_OFFICER.RECEIVING_OFFICER, agency: HANOI_AGENCY, roles: [OfficerRole.RECEIVING_OFFICER] };

  it("accepts a token signed by the identity provider's key", async () => {
    const res = await t.graphql(QUERY, {}, await sign(providerKey, claims));
    expect(res.errors).toBeUndefined();
    expect(res.data.procedures.length).toBeGreaterThanOrEqual(10);
  });

  it('refuses a token signed by another key', async () => {
    const res = await t.graphql(QUERY, {}, await sign(strangerKey, claims));
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a development (HS256) token once JWKS_URL is set', async () => {
    const res = await t.graphql(QUERY, {}, await signDevelopmentToken(t.config, claims));
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
