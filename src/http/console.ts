/**
 * The officer console (web/, built by `npm run build:web` into web/dist) served at `/`,
 * in every mode, and `GET /console-config.json`: how the console signs in here
 * (development picker, or the agency's OpenID Connect provider). /graphql is untouched.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import type { AppConfig } from '../config.js';

export const CONSOLE_CONFIG_PATH = '/console-config.json';

export interface ConsoleConfig {
  /** `development`: the role and agency picker over `/dev/token`; `oidc`: the provider below. */
  signIn: 'development' | 'oidc' | 'unavailable';
  oidc: { issuer: string; clientId: string } | null;
}

export function consoleConfig(config: AppConfig): ConsoleConfig {
  const { oidcIssuer, oidcClientId } = config.console;
  const oidc = oidcIssuer && oidcClientId ? { issuer: oidcIssuer, clientId: oidcClientId } : null;
  if (oidc) return { signIn: 'oidc', oidc };
  return { signIn: config.nodeEnv === 'production' ? 'unavailable' : 'development', oidc: null };
}

/** web/dist, found from the source (src/http) and from the build (dist/src/http). */
export function consoleDirectory(): string | undefined {
  for (const relative of ['../../web/dist', '../../../web/dist']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(`${dir}/index.html`)) return dir;
  }
  return undefined;
}

export function consoleRouter(config: AppConfig, dir = consoleDirectory()): Router {
  const router = Router();
  const settings = consoleConfig(config);
  router.get(CONSOLE_CONFIG_PATH, (_req, res) => {
    res.set('Cache-Control', 'no-store').json(settings);
  });
  if (!dir) {
    router.get('/', (_req, res) => {
      res.status(404).type('text').send('The console is not built: run `npm run build:web` (npm start does).');
    });
    return router;
  }
  // Hashed assets never change; index.html always revalidates so a new build shows at once.
  router.use('/assets', express.static(`${dir}/assets`, { immutable: true, maxAge: '365d', fallthrough: false }));
  router.get(['/', '/index.html'], (_req, res) => {
    res.set('Cache-Control', 'no-cache').sendFile(`${dir}/index.html`);
  });
  router.use(express.static(dir, { index: false }));
  return router;
}
