/** The real app, on the test database, driven over HTTP with supertest. */
import 'reflect-metadata';
import supertest from 'supertest';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { pino } from 'pino';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { signDevelopmentToken } from '../../src/auth/tokens.js';
import type { OfficerRole } from '../../src/entities/enums.js';
import { testDatabaseUrl } from './database.js';
import { ensureTestDatabase } from './test-database.js';

export interface TestApp {
  app: App;
  config: AppConfig;
  http: ReturnType<typeof supertest>;
  /** SQL statements seen since the last `statements.reset()`. */
  statements: { list: string[]; reset(): void; count(): number; /** Beside `list`: the connection each ran on (`primary`, or the replica's name). */ connections: string[] };
  /** What the app logged at level error (or `logLevel`; JSON lines): the cause an INTERNAL answer hides from the client. */
  logged: string[];
  token(role: OfficerRole | OfficerRole[], options?: { agency?: string; officer?: string }): Promise<string>;
  /** POST /graphql as an officer (or anonymously when `as` is null). Typed when given a codegen document. */
  graphql<T = any, V = Record<string, unknown>>(
    query: string | TypedDocumentNode<T, V>,
    variables?: V,
    as?: string | null,
  ): Promise<{ status: number; data?: T; errors?: any[]; internal?: string[] }>;
  close(): Promise<void>;
}

/** Officers seeded by the catalog, one per role, at the Hà Nội office (first agency). */
export const HANOI_AGENCY = '000.00.01.H41';
export const HANOI_OFFICER: Record<OfficerRole, string> = {
  RECEIVING_OFFICER: 'CB01-0001',
  PROCESSING_OFFICER: 'CB01-0002',
  APPROVER: 'CB01-0003',
  ARCHIVIST: 'CB01-0004',
  AUDITOR: 'CB01-0005',
  ADMIN: 'CB01-0006',
};

/** `databaseUrl`: another database, already migrated and seeded (default: the run's test database). */
export async function startTestApp(env: Record<string, string> = {}, options: { logLevel?: 'warn' | 'error'; databaseUrl?: string } = {}): Promise<TestApp> {
  if (!options.databaseUrl) await ensureTestDatabase();
  const databaseUrl = options.databaseUrl ?? testDatabaseUrl();
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env });
  const list: string[] = [];
  const connections: string[] = [];
  const logged: string[] = [];
  const app = await createApp({
    config,
    logger: pino({ level: options.logLevel ?? 'error' }, { write: (line: string) => void logged.push(line) }),
    databaseUrl,
    onQuery: (sql, connection) => {
      list.push(sql);
      connections.push(connection ?? 'primary');
    },
  });
  const http = supertest(app.express);
  const statements = { list, connections, reset: () => void (list.splice(0), connections.splice(0)), count: () => list.length };
  const token: TestApp['token'] = (role, options = {}) => {
    const roles = Array.isArray(role) ? role : [role];
    return signDevelopmentToken(config, {
      sub: options.officer ?? HANOI_OFFICER[roles[0]],
      agency: options.agency ?? HANOI_AGENCY,
      roles,
    });
  };
  return {
    app,
    config,
    http,
    statements,
    logged,
    token,
    async graphql(query, variables, as) {
      // English: the suite's assertions read the messages written where errors are raised. Vietnamese, the
      // default, is shown by test/integration/error-messages.test.ts.
      const request = http.post('/graphql').set('content-type', 'application/json').set('accept-language', 'en');
      if (as) request.set('authorization', `Bearer ${as}`);
      const before = logged.length;
      const res = await request.send({ query: typeof query === 'string' ? query : print(query), variables });
      const errors = res.body.errors as any[] | undefined;
      // An INTERNAL answer says nothing more by design: keep what was logged meanwhile, for the failure message.
      const internal = errors?.some((e) => e.extensions?.code === 'INTERNAL') ? logged.slice(before) : undefined;
      return { status: res.status, data: res.body.data, errors, ...(internal ? { internal } : {}) };
    },
    close: () => app.close(),
  };
}
