/** Who is asking: an officer (JWT), a partner system (API key), or nobody. */
import { type OfficerRole } from '../entities/enums.js';

export interface OfficerViewer {
  kind: 'officer';
  /** Officer code, the `sub` of the token. */
  code: string;
  agencyCode: string;
  roles: OfficerRole[];
}

export interface PartnerViewer {
  kind: 'partner';
  name: string;
  scopes: string[];
  /** Names of the persisted operations this partner may run. */
  allowedOperations: string[];
  rateLimitPerMinute: number;
}

export interface AnonymousViewer {
  kind: 'anonymous';
}

export type Viewer = OfficerViewer | PartnerViewer | AnonymousViewer;

// Who reads personal data in clear: CLEAR_READERS in personal-data-policy.ts.

export function hasRole(viewer: Viewer, roles: readonly OfficerRole[]): boolean {
  return viewer.kind === 'officer' && viewer.roles.some((r) => roles.includes(r));
}

/** Name written into the access log. */
export function actorName(viewer: Viewer): string {
  switch (viewer.kind) {
    case 'officer':
      return viewer.code;
    case 'partner':
      return viewer.name;
    case 'anonymous':
      return 'anonymous';
  }
}

/** Who the rate limit and the cost budget count: the officer, the partner, or an anonymous caller's client address. */
export function limitKey(viewer: Viewer, address: string | undefined): string {
  switch (viewer.kind) {
    case 'officer':
      return `officer:${viewer.code}`;
    case 'partner':
      return `partner:${viewer.name}`;
    case 'anonymous':
      return `ip:${address ?? 'unknown'}`;
  }
}
