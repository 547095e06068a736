/**
 * Whether the officer a token names may still act: the officer exists, is
 * active, and belongs to the token's agency. A token stays valid until it
 * expires, so without this a deactivated officer (or a `sub` that is nobody)
 * would read personal data with any unexpired token.
 *
 * Checked on every authenticated request through a short cache: one indexed
 * lookup (officer by its unique code, joined to its agency) per officer per
 * OFFICER_CACHE_SECONDS, shared by the requests that arrive meanwhile, so a
 * deactivation takes effect within that period.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../domain/errors.js';
import type { OfficerViewer } from './viewer.js';

/** What the warehouse holds of an officer; null: no such officer. */
export type OfficerStanding = { active: boolean; agencyCode: string } | null;

export type OfficerLookup = (code: string) => Promise<OfficerStanding>;

/** Reads one officer's standing with one statement on the officer's unique code. */
export function officerLookup(fork: () => EntityManager): OfficerLookup {
  return async (code) => {
    const rows = await fork()
      .getConnection()
      .execute<{ active: boolean; agency_code: string }[]>('select o.active, a.code as agency_code from officer o join agency a on a.id = o.agency_id where o.code = ?', [code]);
    return rows[0] ? { active: rows[0].active, agencyCode: rows[0].agency_code } : null;
  };
}

export class OfficerDirectory {
  private readonly known = new Map<string, { standing: OfficerStanding; until: number }>();
  private readonly pending = new Map<string, Promise<OfficerStanding>>();

  constructor(
    private readonly lookup: OfficerLookup,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    /** Officers remembered at most (the oldest are forgotten first). */
    private readonly capacity = 10_000,
  ) {}

  private async standing(code: string): Promise<OfficerStanding> {
    const cached = this.known.get(code);
    if (cached && cached.until > this.now()) return cached.standing;
    let pending = this.pending.get(code);
    if (!pending) {
      pending = this.lookup(code).then((standing) => {
        this.known.delete(code);
        if (this.ttlMs > 0) {
          this.known.set(code, { standing, until: this.now() + this.ttlMs });
          if (this.known.size > this.capacity) this.known.delete(this.known.keys().next().value!);
        }
        return standing;
      });
      this.pending.set(code, pending);
      const settle = () => this.pending.delete(code);
      pending.then(settle, settle);
    }
    return pending;
  }

  /** Throws UNAUTHENTICATED unless the token's officer exists, is active and belongs to the token's agency. */
  async check(viewer: OfficerViewer): Promise<void> {
    const standing = await this.standing(viewer.code);
    if (!standing) throw new DomainError('UNAUTHENTICATED', `Invalid bearer token: no officer ${viewer.code} is registered`);
    if (!standing.active) throw new DomainError('UNAUTHENTICATED', `Officer ${viewer.code} is deactivated`);
    if (standing.agencyCode !== viewer.agencyCode) throw new DomainError('UNAUTHENTICATED', `Officer ${viewer.code} does not belong to agency ${viewer.agencyCode}`);
  }
}

/** A token verifier that also refuses tokens whose officer may no longer act. */
export function checkingOfficers(verify: (token: string) => Promise<OfficerViewer>, directory: OfficerDirectory): (token: string) => Promise<OfficerViewer> {
  return async (token) => {
    const viewer = await verify(token);
    await directory.check(viewer);
    return viewer;
  };
}
