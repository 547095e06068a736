/**
 * Applies the personal-data policy (src/auth/personal-data-policy.ts): a
 * personal value is shown in clear to a viewer with the right, and recorded in
 * the request's access log, or masked and recorded nowhere.
 *
 * - `personalView` masks one object — an entity or a plain row — at once: the
 *   read path that resolves plain rows calls it once per object.
 * - `personalDataMiddleware` applies the same entries field by field to what
 *   the graph's resolvers return (one global middleware, a map lookup for a
 *   field that holds nothing personal).
 * - `checkMayDownload` / `recordDownload`: the rights of a file download.
 */
import type { MiddlewareFn } from 'type-graphql';
import type { Context } from '../context.js';
import { DomainError } from '../domain/errors.js';
import type { AccessRecorder } from './access-recorder.js';
import type { Viewer } from './viewer.js';
import { holdsPersonalData, maskJson, maskLeaf, maskString, type JsonPolicy } from './masks.js';
import {
  CLEAR_READERS,
  DOWNLOADS,
  PERSONAL_DATA_POLICY,
  fieldPolicy,
  logNameOf,
  subjectOf,
  type FieldPolicy,
  type PolicyEnv,
  type Row,
  type SubjectRef,
} from './personal-data-policy.js';

/** Whether the viewer reads personal data in clear (CLEAR_READERS). */
export function mayReadInClear(viewer: Viewer): boolean {
  switch (viewer.kind) {
    case 'officer':
      return viewer.roles.some((r) => CLEAR_READERS.roles.includes(r));
    case 'partner':
      return viewer.scopes.includes(CLEAR_READERS.partnerScope);
    case 'anonymous':
      return false;
  }
}

/** What one request may see, and where its clear reads are recorded. */
export interface PersonalDataAccess {
  clear: boolean;
  recorder: AccessRecorder;
}

export function personalDataAccess(viewer: Viewer, recorder: AccessRecorder): PersonalDataAccess {
  return { clear: mayReadInClear(viewer), recorder };
}

/** An environment without a catalog: metadata keys are then all treated as undeclared (masked). */
export const NO_CATALOG: PolicyEnv = { documentType: () => undefined, documentTypeByCode: () => undefined, documentTypes: () => [] };

/** Entries that can hold personal data (everything but `public` and `edge`). */
type PersonalEntry = Exclude<FieldPolicy, { kind: 'public' } | { kind: 'edge' }>;

function isPersonalEntry(entry: FieldPolicy | undefined): entry is PersonalEntry {
  return entry !== undefined && entry.kind !== 'public' && entry.kind !== 'edge';
}

/** `Type.field` → entry, for the fields that can hold personal data: built once. */
const PERSONAL_FIELDS = new Map<string, PersonalEntry>(
  Object.entries(PERSONAL_DATA_POLICY).flatMap(([typeName, type]) =>
    Object.entries(type.fields).flatMap(([field, entry]) => (isPersonalEntry(entry) ? [[`${typeName}.${field}`, entry] as const] : [])),
  ),
);

const MARKS = /<\/?em>/g;

/** A value under a JSON policy: clear (recording the reveal when something personal is in it) or masked. */
function showJson(value: unknown, policy: JsonPolicy, clear: boolean, reveal: () => void): unknown {
  if (!clear) return maskJson(value, policy);
  if (holdsPersonalData(value, policy)) reveal();
  return value;
}

/**
 * One field's value as the request may see it. `subject` is the object's
 * subject (SubjectRef), null when the object says nobody's: personal values
 * are then masked for every viewer (fail closed).
 */
function showValue(typeName: string, field: string, entry: PersonalEntry, row: Row, value: unknown, subject: SubjectRef | null, access: PersonalDataAccess, env: PolicyEnv): unknown {
  if (value === null || value === undefined) return value;
  const clear = access.clear && subject !== null;
  const reveal = () => access.recorder.reveal(subject!.kind, subject!.id, logNameOf(typeName, field));
  switch (entry.kind) {
    case 'personal':
      if (!clear) return maskLeaf(value, entry.mask);
      reveal();
      return value;
    case 'json':
      return showJson(value, entry.keys(row, env), clear, reveal);
    case 'keyed':
      return showJson(value, entry.keyPolicy(row, subject, env), clear, reveal);
    case 'derived': {
      const source = entry.source(row);
      const origin = source && fieldPolicy(source.type, source.field);
      if (origin?.kind === 'public') return value;
      if (clear && origin?.kind === 'personal') {
        reveal();
        return value;
      }
      // Masked as the source field is (marks dropped: they would point at the hidden words); unknown source: nothing.
      const mask = origin?.kind === 'personal' ? origin.mask : 'withheld';
      const texts = Array.isArray(value) ? value : [value];
      return texts.flatMap((text) => {
        const masked = typeof text === 'string' ? maskString(text.replace(MARKS, ''), mask) : null;
        return masked === null ? [] : [masked];
      });
    }
  }
}

/**
 * The view of one object of GraphQL type `typeName` for this request: a copy
 * whose personal fields are in clear (each recorded once as revealed) or masked,
 * as the policy says. `fields`: the fields the response will show (default:
 * every field of the policy the object has), so only what is shown is recorded.
 * Applied once per object; the object itself is not changed.
 */
export function personalView<T extends object>(typeName: string, row: T, access: PersonalDataAccess, env: PolicyEnv = NO_CATALOG, fields?: Iterable<string>): T {
  const type = PERSONAL_DATA_POLICY[typeName];
  if (!type) throw new Error(`The personal-data policy has no type ${typeName}`);
  const view: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  const subject = subjectOf(typeName, row);
  for (const field of fields ?? Object.keys(type.fields)) {
    const entry = type.fields[field];
    if (!isPersonalEntry(entry) || !(field in view)) continue;
    view[field] = showValue(typeName, field, entry, row, view[field], subject, access, env);
  }
  return view as T;
}

/**
 * The policy applied to every field the graph resolves: fields that can hold
 * personal data go through `showValue` with their object's subject; the others
 * pass untouched.
 */
export const personalDataMiddleware: MiddlewareFn<Context> = async ({ root, context, info }, next) => {
  const typeName = info.parentType.name;
  const entry = PERSONAL_FIELDS.get(`${typeName}.${info.fieldName}`);
  if (!entry) return next();
  const value = await next();
  if (value === null || value === undefined) return value;
  const env = entry.kind === 'json' || entry.kind === 'keyed' ? await context.catalog.policyEnv() : NO_CATALOG;
  return showValue(typeName, info.fieldName, entry, root, value, subjectOf(typeName, root), personalDataAccess(context.viewer, context.audit), env);
};

/**
 * Before anything is looked up: may this viewer download files of `route` at
 * all? A partner needs the scopes that open the object in the graph; everyone
 * needs the right to read personal data in clear (a scan has no masked form).
 */
export function checkMayDownload(viewer: Viewer, route: keyof typeof DOWNLOADS): void {
  const download = DOWNLOADS[route];
  if (viewer.kind === 'anonymous') throw new DomainError('UNAUTHENTICATED', 'Sign in: send "Authorization: Bearer <token>" (officers) or "X-Api-Key" (partners)');
  if (viewer.kind === 'partner') {
    const missing = download.partnerScopes.filter((s) => !viewer.scopes.includes(s));
    if (missing.length > 0) throw new DomainError('FORBIDDEN', `Downloading needs the scopes ${missing.join(', ')}`, { missingScopes: missing });
  }
  if (!mayReadInClear(viewer)) {
    throw new DomainError('FORBIDDEN', viewer.kind === 'partner' ? `Scans hold personal data: downloading needs the scope ${CLEAR_READERS.partnerScope}` : 'Scans hold personal data: your role may not read them');
  }
}

/** Records the download of `row` (an object of the route's type) in the request's access log; refuses when its subject is unknown. */
export function recordDownload(recorder: AccessRecorder, route: keyof typeof DOWNLOADS, row: Row): void {
  const download = DOWNLOADS[route];
  const subject = subjectOf(download.type, row);
  if (!subject) throw new DomainError('FORBIDDEN', 'Whose data this file holds is not known: it is not served');
  recorder.reveal(subject.kind, subject.id, download.logAs);
}
