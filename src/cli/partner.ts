/**
 * Manages partner systems on DATABASE_URL.
 *
 *   npm run partner -- create --name <name> --scopes <a,b> [--operations <A,B>] [--rate-limit <n>]
 *   npm run partner -- rotate-key --name <name> [--grace-minutes <n>]
 *   npm run partner -- revoke --name <name>
 *   npm run partner -- list
 *
 * `create` and `rotate-key` print the new API key as the last word of their
 * last line; it is shown this once and stored only as its SHA-256. Without
 * `--operations`, a new partner may run every published operation its scopes open.
 */
import { parseArgs } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import { withDatabase } from './with-database.js';
import { createPartner, listPartners, revokePartner, rotatePartnerKey } from '../services/partner.service.js';
import { operationsOpenedBy } from '../partners/publish.js';
import { PARTNER_SCOPES } from '../partners/scopes.js';
import { createSchema } from '../schema/build-schema.js';
import { DomainError } from '../domain/errors.js';

const USAGE = `Usage: npm run partner -- <command>
  create --name <name> --scopes <a,b> [--operations <A,B>] [--rate-limit <requests per minute>]
  rotate-key --name <name> [--grace-minutes <minutes, default 60>]
  revoke --name <name>
  list
Scopes: ${Object.entries(PARTNER_SCOPES).map(([scope, what]) => `\n  ${scope.padEnd(20)} ${what}`).join('')}`;

function usage(message?: string): never {
  if (message) console.error(message);
  console.error(USAGE);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      scopes: { type: 'string' },
      operations: { type: 'string' },
      'rate-limit': { type: 'string' },
      'grace-minutes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  usage((error as Error).message);
}
const { values, positionals } = parsed;
if (values.help) usage();
const [command] = positionals;
const list = (raw: string | undefined) => (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const whole = (raw: string | undefined, option: string) => {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) usage(`--${option} must be a whole number, got "${raw}"`);
  return value;
};
const name = () => values.name ?? usage(`${command} needs --name`);

async function create(em: EntityManager): Promise<number> {
  const scopes = list(values.scopes);
  if (scopes.length === 0) usage('create needs --scopes');
  const operations = values.operations !== undefined ? list(values.operations) : await operationsOpenedBy(em, await createSchema(), scopes);
  const { partner, key } = await createPartner(em, { name: name(), scopes, operations, rateLimitPerMinute: whole(values['rate-limit'], 'rate-limit') });
  console.log(`Partner ${partner.name} created: scopes ${partner.scopes.join(', ')}; ${partner.rateLimitPerMinute} requests per minute.`);
  console.log(`Operations allowed: ${partner.allowedOperations.join(', ') || '(none yet: publish operations, then give --operations)'}`);
  console.log('Store this API key now: it is not shown again (only its hash is kept). Send it as the X-Api-Key header.');
  console.log(`API key: ${key}`);
  return 0;
}

async function rotate(em: EntityManager): Promise<number> {
  const { key, previousKeysExpireAt } = await rotatePartnerKey(em, name(), whole(values['grace-minutes'], 'grace-minutes'));
  console.log(`The keys in use stay valid until ${previousKeysExpireAt.toISOString()}; deploy the new one before then.`);
  console.log(`New API key: ${key}`);
  return 0;
}

async function listAll(em: EntityManager): Promise<number> {
  const partners = await listPartners(em);
  if (partners.length === 0) console.log('No partners.');
  const when = (d: Date | null) => d?.toISOString() ?? '-';
  for (const p of partners) {
    console.log(`${p.name}${p.revokedAt ? ` (revoked ${when(p.revokedAt)})` : ''}: scopes ${p.scopes.join(', ')}; ${p.rateLimitPerMinute}/min; operations ${p.allowedOperations.join(', ') || '-'}`);
    for (const k of p.keys) console.log(`  key ${k.prefix}…  created ${when(k.createdAt)}  expires ${when(k.expiresAt)}  revoked ${when(k.revokedAt)}`);
  }
  return 0;
}

const commands: Record<string, (em: EntityManager) => Promise<number>> = {
  create,
  'rotate-key': rotate,
  revoke: async (em) => {
    await revokePartner(em, name());
    console.log(`Partner ${values.name} and all its keys are revoked.`);
    return 0;
  },
  list: listAll,
};

const run = command ? commands[command] : undefined;
if (!run) usage(command ? `Unknown command ${command}` : undefined);
await withDatabase((orm) => run(orm.em.fork()), (error) => error instanceof DomainError);
