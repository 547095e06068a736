/**
 * The language of a request's messages, from its Accept-Language header
 * (Vietnamese unless the caller prefers English): held for the request's whole
 * async path, so the error edges (Apollo's formatError, src/http/errors.ts) read
 * it without it being passed through every layer.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { DEFAULT_LANGUAGE, languageOf, type Language } from '../domain/error-reference.js';

const current = new AsyncLocalStorage<Language>();

/** Express middleware: the rest of the request runs with its language. */
export function requestLanguageMiddleware(req: Request, res: Response, next: NextFunction): void {
  res.vary('Accept-Language');
  current.run(languageOf(req.header('accept-language')), next);
}

/** The language of the request being served; Vietnamese outside one. */
export function requestLanguage(): Language {
  return current.getStore() ?? DEFAULT_LANGUAGE;
}
