/**
 * Officer bearer tokens. HS256 with a configured secret in development and
 * tests; verification against a JWKS URL (the identity provider) when set.
 * A token must expire (`exp`), and live no longer than JWT_MAX_LIFETIME_SECONDS.
 * That the officer exists and is active is checked after this, per request,
 * through a short cache (officer-directory.ts).
 */
import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { AppConfig } from '../config.js';
import { OfficerRole } from '../entities/enums.js';
import { DomainError } from '../domain/errors.js';
import type { OfficerViewer } from './viewer.js';

const ROLES = new Set<string>(Object.values(OfficerRole));

export interface TokenClaims {
  sub: string;
  agency: string;
  roles: OfficerRole[];
}

/** A development token living `lifetimeSeconds` (default: the longest the configuration accepts). */
export async function signDevelopmentToken(config: AppConfig, claims: TokenClaims, lifetimeSeconds = config.jwt.maxLifetimeSeconds): Promise<string> {
  return new SignJWT({ agency: claims.agency, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(config.jwt.issuer)
    .setAudience(config.jwt.audience)
    .setIssuedAt()
    .setExpirationTime(`${lifetimeSeconds}s`)
    .sign(new TextEncoder().encode(config.jwt.secret));
}

export type TokenVerifier = (token: string) => Promise<OfficerViewer>;

export function createTokenVerifier(config: AppConfig): TokenVerifier {
  const options = { issuer: config.jwt.issuer, audience: config.jwt.audience, requiredClaims: ['exp'] };
  const maxLifetime = config.jwt.maxLifetimeSeconds;
  const verify = config.jwt.jwksUrl
    ? (() => {
        const jwks = createRemoteJWKSet(new URL(config.jwt.jwksUrl));
        return (token: string) => jwtVerify(token, jwks, options);
      })()
    : (() => {
        const key = new TextEncoder().encode(config.jwt.secret);
        return (token: string) => jwtVerify(token, key, { ...options, algorithms: ['HS256'] });
      })();
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await verify(token));
    } catch (error) {
      throw new DomainError('UNAUTHENTICATED', `Invalid bearer token: ${(error as Error).message}`);
    }
    // jose checked that `exp` is there and not past; a token living longer than allowed is refused all the same.
    const now = Math.floor(Date.now() / 1000);
    const exp = payload.exp!;
    if (exp - now > maxLifetime || (typeof payload.iat === 'number' && exp - payload.iat > maxLifetime)) {
      throw new DomainError('UNAUTHENTICATED', `Invalid bearer token: it lives longer than the ${maxLifetime} s allowed`);
    }
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is OfficerRole => typeof r === 'string' && ROLES.has(r)) : [];
    if (typeof payload.sub !== 'string' || typeof payload.agency !== 'string' || roles.length === 0) {
      throw new DomainError('UNAUTHENTICATED', 'Bearer token lacks sub, agency or roles');
    }
    return { kind: 'officer', code: payload.sub, agencyCode: payload.agency, roles };
  };
}
