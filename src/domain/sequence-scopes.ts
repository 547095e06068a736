/**
 * Scopes of the per-agency-per-day counters behind business codes (the `code_sequence`
 * table, one row per scope). Dossier codes and digitization result codes each count
 * per receiving agency and per Vietnam-local day, so agencies never contend for one
 * lock (DESIGN.md, "Codes are unique without a global lock"; domain.md, "Codes").
 *
 * Every writer of codes — the services, the demo seed, bulk imports — builds its
 * scope here, so a code issued by one never collides with a code issued by another.
 */
import { vietnamDay } from './codes.js';

/** Scope of the dossier-code sequence: `dossier:<agency code>:<YYMMDD>`, e.g. `dossier:000.00.01.H41:250702`. */
export function dossierSequenceScope(agencyCode: string, instant: Date): string {
  return `dossier:${agencyCode}:${vietnamDay(instant)}`;
}

/**
 * Scope of the digitization-result-code sequence: `document:<agency code>:<YYMMDD>`.
 * One sequence per agency and day across all document types (the type is in the code too).
 */
export function documentSequenceScope(agencyCode: string, instant: Date): string {
  return `document:${agencyCode}:${vietnamDay(instant)}`;
}
