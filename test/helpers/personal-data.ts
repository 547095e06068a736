/** What the personal-data policy should show of stored rows, computed from the database and the policy (not from the API). */
import type { TestApp } from './app.js';
import { DigitizedDocument } from '../../src/entities/digitized-document.entity.js';
import { maskJson } from '../../src/auth/masks.js';
import { metadataPolicy } from '../../src/auth/personal-data-policy.js';

/** Document code → its metadata as stored, and as a viewer without the right sees it. */
export async function metadataByCode(t: TestApp, codes: string[]): Promise<Map<string, { stored: Record<string, unknown>; masked: unknown }>> {
  const documents = await t.app.orm.em.fork().find(DigitizedDocument, { code: { $in: codes } }, { populate: ['documentType'] });
  return new Map(documents.map((d) => [d.code, { stored: d.metadata, masked: maskJson(d.metadata, metadataPolicy(d.documentType.getEntity().metadataSchema)) }]));
}
