/** Structured JSON logs (pino); each request's lines carry its request id. */
import { pino, type Logger } from 'pino';
import type { AppConfig } from './config.js';

export function createLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'vss-dwh-api' }, timestamp: pino.stdTimeFunctions.isoTime });
}
