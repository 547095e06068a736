/** Who is signed in, and the purpose the officer declared; kept for the browser tab only. */
import { createContext, useContext } from 'react';

export interface Session {
  token: string;
  role: string;
  officer: string;
  officerName: string;
  agency: string;
  expiresAt: string;
}

const KEY = 'vss-console-session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const session = raw ? (JSON.parse(raw) as Session) : null;
    return session && new Date(session.expiresAt).getTime() > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

/** The purpose sent with every read of personal data (Decree 13/2023: processing bound to a declared purpose). */
export const purposeState = { current: '' };

export const SessionContext = createContext<{ session: Session; signOut: () => void } | null>(null);

export function useSession(): { session: Session; signOut: () => void } {
  const value = useContext(SessionContext);
  if (!value) throw new Error('not signed in');
  return value;
}

/** Claims of an identity provider's access token, read (not verified: the API verifies it) for the menus. */
export function claimsOf(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = decodeURIComponent(
      atob(payload.replace(/-/g, '+').replace(/_/g, '/'))
        .split('')
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    );
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
}
