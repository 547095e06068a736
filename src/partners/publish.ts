/**
 * Publishing trusted documents. Each partner operation is a file under
 * `persisted/`, one operation per file, reviewed like code, whose header
 * declares the legal purpose of its reads:
 *
 *     # purpose: Issue a health insurance card for a child under six (Decision 3509/QĐ-BHXH)
 *     query ChildHealthInsuranceCard(...) { ... }
 *
 * (a long purpose may go on over the following `#` lines). GraphQL Code
 * Generator (codegen.yml, client preset, persisted documents, SHA-256) writes
 * the manifest `persisted/generated/persisted-documents.json`, normalized
 * document by `sha256:<hex>`; publishing loads it with each operation's purpose.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Kind, parse, type GraphQLSchema } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PersistedOperation } from '../entities/partner.entity.js';
import { operationScopes, type PartnerScope } from './scopes.js';

export const PERSISTED_DIR = 'persisted';
export const MANIFEST_PATH = 'persisted/generated/persisted-documents.json';

/** Operation name → the purpose declared in its file. */
export type Purposes = Map<string, { purpose: string; file: string }>;

export class PublishError extends Error {
  override name = 'PublishError';
}

/** The `# purpose:` header of a file: the line, and the comment lines right after it. */
export function purposeOf(source: string): string | null {
  const lines = source.split(/\r?\n/);
  const start = lines.findIndex((l) => /^#\s*purpose:/i.test(l.trim()));
  if (start < 0) return null;
  const parts = [lines[start].trim().replace(/^#\s*purpose:\s*/i, '')];
  for (const line of lines.slice(start + 1)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('#')) break;
    parts.push(trimmed.replace(/^#\s*/, ''));
  }
  const purpose = parts.join(' ').replace(/\s+/g, ' ').trim();
  return purpose || null;
}

/** Reads every `.graphql` file of `dir`: one named operation each, with its purpose. */
export async function readPurposes(dir: string): Promise<Purposes> {
  const purposes: Purposes = new Map();
  const files = (await readdir(dir)).filter((f) => f.endsWith('.graphql')).sort();
  for (const name of files) {
    const file = path.join(dir, name);
    const source = await readFile(file, 'utf8');
    const operations = parse(source).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operations.length !== 1 || !operations[0].name) throw new PublishError(`${file}: a persisted file holds exactly one named operation`);
    const operationName = operations[0].name.value;
    const purpose = purposeOf(source);
    if (!purpose) throw new PublishError(`${file}: declare the legal purpose of ${operationName} in a "# purpose: ..." header`);
    const clash = purposes.get(operationName);
    if (clash) throw new PublishError(`${file}: operation ${operationName} is also defined in ${clash.file}`);
    purposes.set(operationName, { purpose, file });
  }
  return purposes;
}

/** The codegen manifest: `sha256:<hex>` → normalized document. */
export async function readManifest(file: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new PublishError(`${file} is missing: run \`npm run codegen\` first`);
  }
  return JSON.parse(text) as Record<string, string>;
}

export interface PublishedOperation {
  operationName: string;
  hash: string;
  purpose: string;
  status: 'new' | 'purpose updated' | 'unchanged';
}

/**
 * Loads every manifest entry with its purpose, in one transaction. A hash must
 * be the SHA-256 of its text, and every operation must have a declared purpose
 * (and every declared one a manifest entry): otherwise nothing is published.
 */
export async function publishPersistedOperations(em: EntityManager, manifest: Record<string, string>, purposes: Purposes): Promise<PublishedOperation[]> {
  const entries = Object.entries(manifest).map(([id, document]) => {
    const hash = id.replace(/^sha256:/, '');
    if (createHash('sha256').update(document, 'utf8').digest('hex') !== hash) throw new PublishError(`Manifest entry ${id} is not the SHA-256 of its document`);
    const operation = parse(document).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const operationName = operation?.name?.value;
    if (!operationName) throw new PublishError(`Manifest entry ${id} holds no named operation`);
    const declared = purposes.get(operationName);
    if (!declared) throw new PublishError(`Operation ${operationName} (${id}) has no declared purpose`);
    return { hash, operationName, document, purpose: declared.purpose };
  });
  const inManifest = new Set(entries.map((e) => e.operationName));
  const unpublished = [...purposes.keys()].filter((name) => !inManifest.has(name));
  if (unpublished.length) throw new PublishError(`Not in the manifest (run \`npm run codegen\`): ${unpublished.join(', ')}`);

  return em.transactional(async (tx) => {
    const existing = new Map((await tx.find(PersistedOperation, { hash: { $in: entries.map((e) => e.hash) } })).map((row) => [row.hash, row]));
    return entries.map((entry): PublishedOperation => {
      const row = existing.get(entry.hash);
      if (!row) {
        tx.create(PersistedOperation, entry);
        return { ...entry, status: 'new' };
      }
      if (row.purpose === entry.purpose) return { ...entry, status: 'unchanged' };
      row.purpose = entry.purpose;
      return { ...entry, status: 'purpose updated' };
    });
  });
}

/** Names of the published operations whose fields the given scopes all open: a new partner's default allow-list. */
export async function operationsOpenedBy(em: EntityManager, schema: GraphQLSchema, scopes: readonly string[]): Promise<string[]> {
  const rows = await em.find(PersistedOperation, {}, { orderBy: { operationName: 'asc' } });
  const opened = rows.filter((row) => {
    const access = operationScopes(schema, parse(row.document));
    return access.closedFields.length === 0 && access.scopes.every((s: PartnerScope) => scopes.includes(s));
  });
  return [...new Set(opened.map((row) => row.operationName))];
}
