/**
 * Partner systems authenticate with `X-Api-Key`. The key is looked up by its
 * SHA-256 on every request, so a revocation takes effect at once.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { PartnerKey } from '../entities/partner.entity.js';
import { DomainError } from '../domain/errors.js';
import { KEY_PREFIX, hashKey } from '../services/partner.service.js';
import type { PartnerViewer } from './viewer.js';

export async function authenticateApiKey(em: EntityManager, key: string): Promise<PartnerViewer> {
  const refused = new DomainError('UNAUTHENTICATED', 'Unknown, expired or revoked API key');
  if (!key.startsWith(KEY_PREFIX) || key.length > 128) throw refused;
  const row = await em.findOne(PartnerKey, { keyHash: hashKey(key) }, { populate: ['partner'] });
  const now = Date.now();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) throw refused;
  const partner = row.partner.getEntity();
  if (partner.revokedAt) throw refused;
  return {
    kind: 'partner',
    name: partner.name,
    scopes: partner.scopes,
    allowedOperations: partner.allowedOperations,
    rateLimitPerMinute: partner.rateLimitPerMinute,
  };
}
