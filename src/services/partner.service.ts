/**
 * Partner ministries' systems ("hệ thống của bộ, ngành kết nối"): who they are,
 * what they may see (scopes), which persisted operations they may run, how
 * often, and their API keys. A key is shown once, at creation or rotation; the
 * warehouse keeps only its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PartnerClient, PartnerKey } from '../entities/partner.entity.js';
import { DomainError } from '../domain/errors.js';
import { PARTNER_SCOPES, isPartnerScope } from '../partners/scopes.js';
import { checkText } from '../domain/text.js';

/** Keys start with this, so a leaked one is recognisable (secret scanners, logs). */
export const KEY_PREFIX = 'vssp_';
const NAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function newKey(partner: PartnerClient): { key: string; row: PartnerKey } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = new PartnerKey();
  row.partner = ref(partner);
  row.keyHash = hashKey(key);
  row.prefix = key.slice(0, 12);
  return { key, row };
}

export interface PartnerSpec {
  name: string;
  scopes: string[];
  /** Names of the persisted operations it may run. */
  operations?: string[];
  rateLimitPerMinute?: number;
}

function checkSpec(spec: PartnerSpec): void {
  if (!NAME.test(spec.name)) {
    throw new DomainError('INVALID_ARGUMENT', 'A partner name is 2–64 characters: lower-case letters, digits, dots, hyphens, underscores', { argumentPath: ['name'] });
  }
  const unknown = spec.scopes.filter((s) => !isPartnerScope(s));
  if (unknown.length) {
    throw new DomainError('INVALID_ARGUMENT', `Unknown scopes ${unknown.join(', ')}; known: ${Object.keys(PARTNER_SCOPES).join(', ')}`, { argumentPath: ['scopes'] });
  }
  const badOperations = (spec.operations ?? []).filter((o) => !OPERATION_NAME.test(o));
  if (badOperations.length) {
    throw new DomainError('INVALID_ARGUMENT', `Not GraphQL operation names: ${badOperations.join(', ')}`, { argumentPath: ['operations'] });
  }
  const rate = spec.rateLimitPerMinute;
  if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 1_000_000)) {
    throw new DomainError('INVALID_ARGUMENT', 'The rate limit is an integer between 1 and 1000000 requests per minute', { argumentPath: ['rateLimitPerMinute'] });
  }
}

/** Registers a partner and issues its first key (returned once, never stored in clear). */
export async function createPartner(em: EntityManager, spec: PartnerSpec): Promise<{ partner: PartnerClient; key: string }> {
  checkSpec(spec);
  return em.transactional(async (tx) => {
    if (await tx.count(PartnerClient, { name: spec.name })) {
      throw new DomainError('DUPLICATE', `A partner named ${spec.name} already exists`, { argumentPath: ['name'] });
    }
    const partner = new PartnerClient();
    partner.name = spec.name;
    partner.scopes = [...new Set(spec.scopes)].sort();
    partner.allowedOperations = [...new Set(spec.operations ?? [])].sort();
    if (spec.rateLimitPerMinute !== undefined) partner.rateLimitPerMinute = spec.rateLimitPerMinute;
    const { key, row } = newKey(partner);
    tx.persist([partner, row]);
    return { partner, key };
  });
}

async function activePartner(em: EntityManager, name: string): Promise<PartnerClient> {
  checkText(name, 'code', ['name']);
  const partner = await em.findOne(PartnerClient, { name });
  if (!partner) throw new DomainError('NOT_FOUND', `No partner named ${name}`, { argumentPath: ['name'] });
  if (partner.revokedAt) throw new DomainError('FORBIDDEN', `Partner ${name} was revoked on ${partner.revokedAt.toISOString()}`, { argumentPath: ['name'] });
  return partner;
}

/**
 * Issues a new key, valid at once; the keys in use keep working for `graceMinutes`
 * so the partner can deploy the new one without downtime.
 */
export async function rotatePartnerKey(em: EntityManager, name: string, graceMinutes = 60): Promise<{ key: string; previousKeysExpireAt: Date }> {
  if (!Number.isInteger(graceMinutes) || graceMinutes < 0 || graceMinutes > 30 * 24 * 60) {
    throw new DomainError('INVALID_ARGUMENT', 'The grace period is a whole number of minutes, at most 30 days', { argumentPath: ['graceMinutes'] });
  }
  return em.transactional(async (tx) => {
    const partner = await activePartner(tx, name);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + graceMinutes * 60_000);
    const inUse = await tx.find(PartnerKey, { partner, revokedAt: null, $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] });
    for (const old of inUse) {
      if (!old.expiresAt || old.expiresAt > expiresAt) old.expiresAt = expiresAt;
    }
    const { key, row } = newKey(partner);
    tx.persist(row);
    return { key, previousKeysExpireAt: expiresAt };
  });
}

/** Revokes the partner and every key it has, at once. */
export async function revokePartner(em: EntityManager, name: string): Promise<void> {
  await em.transactional(async (tx) => {
    const partner = await activePartner(tx, name);
    const now = new Date();
    partner.revokedAt = now;
    await tx.nativeUpdate(PartnerKey, { partner, revokedAt: null }, { revokedAt: now });
  });
}

export interface PartnerListing {
  name: string;
  scopes: string[];
  allowedOperations: string[];
  rateLimitPerMinute: number;
  revokedAt: Date | null;
  keys: { prefix: string; createdAt: Date; expiresAt: Date | null; revokedAt: Date | null }[];
}

export async function listPartners(em: EntityManager): Promise<PartnerListing[]> {
  const partners = await em.find(PartnerClient, {}, { populate: ['keys'], orderBy: { name: 'asc' } });
  return partners.map((p) => ({
    name: p.name,
    scopes: p.scopes,
    allowedOperations: p.allowedOperations,
    rateLimitPerMinute: p.rateLimitPerMinute,
    revokedAt: p.revokedAt ?? null,
    keys: p.keys
      .getItems()
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((k) => ({ prefix: k.prefix, createdAt: k.createdAt, expiresAt: k.expiresAt ?? null, revokedAt: k.revokedAt ?? null })),
  }));
}
