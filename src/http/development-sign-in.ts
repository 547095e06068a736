/**
 * `GET /dev/token` (who can sign in) and `POST /dev/token` (a token), in development
 * only: GraphiQL's role switcher and the console's picker sign in through the API
 * itself instead of a CLI and a paste. Errors in the graph's shape.
 */
import express, { Router } from 'express';
import type { AppConfig } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { developmentSignInOptions, issueDevelopmentToken } from '../auth/development-tokens.js';
import { refuse } from './errors.js';

export const DEVELOPMENT_TOKEN_PATH = '/dev/token';

export function developmentSignInRouter(config: AppConfig): Router {
  const router = Router();
  router.get(DEVELOPMENT_TOKEN_PATH, (_req, res) => {
    res.set('Cache-Control', 'no-store').json(developmentSignInOptions());
  });
  router.post(DEVELOPMENT_TOKEN_PATH, express.json({ limit: 4096 }), async (req, res, next) => {
    try {
      const body: unknown = req.body;
      const command = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
      const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? undefined : String(v));
      const issued = await issueDevelopmentToken(config, { role: text(command.role) ?? '', agency: text(command.agency), officer: text(command.officer) });
      res.set('Cache-Control', 'no-store').json(issued);
    } catch (error) {
      if (error instanceof DomainError) return refuse(res, error);
      next(error);
    }
  });
  return router;
}
