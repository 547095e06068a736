/**
 * Relay global IDs: base64url("<Type>:<key>"). Decoding checks every part —
 * length, alphabet, a type found in an own-property map (never a prototype
 * lookup: `constructor`, `toString`, `__proto__` are not types), and a key of
 * the kind that type's table has. Anything else is `INVALID_ID`.
 */
import { DomainError } from './errors.js';
import { isKey, type KeyKind } from './ids.js';

/** Types reachable by global ID (the graph's `node(id)`), and the kind of their key. */
export const GLOBAL_ID_TYPES: ReadonlyMap<string, KeyKind> = new Map<string, KeyKind>([
  ['Individual', 'uuid'],
  ['Organization', 'uuid'],
  ['DocumentType', 'uuid'],
  ['AdministrativeProcedure', 'uuid'],
  ['DigitizedDocument', 'uuid'],
  ['Dossier', 'uuid'],
  ['Officer', 'uuid'],
]);

/** base64url of the longest type name, a colon and a UUID, with room to spare. */
export const MAX_GLOBAL_ID_LENGTH = 120;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

/** The type and key a global ID names; `INVALID_ID` when any part is not one this API gives out. */
export function fromGlobalId(globalId: string, argumentPath: (string | number)[] = ['id']): { type: string; id: string } {
  const invalid = (why: string) => new DomainError('INVALID_ID', `The id is not one this API gave out (${why})`, { argumentPath });
  if (globalId.length > MAX_GLOBAL_ID_LENGTH) throw invalid('too long');
  if (!BASE64URL.test(globalId)) throw invalid('not base64url');
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) throw invalid('no type');
  const type = decoded.slice(0, colon);
  const id = decoded.slice(colon + 1);
  const keyKind = GLOBAL_ID_TYPES.get(type);
  if (!keyKind) throw invalid('unknown type');
  if (!isKey(keyKind, id)) throw invalid(`not a ${keyKind} key`);
  return { type, id };
}
