/** Structured JSON logs (pino); each request's lines carry its request id. */
import { pino, type Logger } from 'pino';
import type { AppConfig } from './config.js';

export function createLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'vss-dwh-api' }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** Apollo's logger interface over pino: Apollo's own messages (an unexpected request error) go to the structured log too. */
export function apolloLogger(logger: Logger) {
  const line = (level: 'debug' | 'info' | 'warn' | 'error') => (message?: unknown) => logger[level](message instanceof Error ? { err: message } : {}, String(message));
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}
