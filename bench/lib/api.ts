/**
 * What the bench scripts share: their command-line options, the API's settings for a
 * benchmark, the API in its own process (as deployed) or in the bench process (to
 * count its SQL statements), load with autocannon, and latency quantiles.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { processCpuMs } from './backend-cpu.js';

type OptionValues<T> = { [K in keyof T]: T[K] extends boolean ? boolean : string };

/** parseArgs with every option's type taken from its default (a string or a boolean flag); unknown options fail. */
export function benchOptions<T extends Record<string, string | boolean>>(defaults: T): OptionValues<T> {
  const options = Object.fromEntries(
    Object.entries(defaults).map(([name, value]) => [name, typeof value === 'boolean' ? { type: 'boolean' as const, default: value } : { type: 'string' as const, default: value }]),
  );
  return parseArgs({ options, strict: true }).values as OptionValues<T>;
}

/** The API's environment for a benchmark: production settings, rate limits, cost budgets and Redis out of the way. */
export function benchEnv(databaseUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: 'benchmark-secret-of-at-least-32-characters',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '1000000',
    COST_BUDGET_PER_MINUTE: '1000000000',
    REDIS_URL: '',
    ...extra,
  };
}

export function benchConfig(databaseUrl: string, extra: NodeJS.ProcessEnv = {}): AppConfig {
  return loadConfig(benchEnv(databaseUrl, extra));
}

export interface InProcessApi {
  app: App;
  config: AppConfig;
  /** The GraphQL endpoint. */
  url: string;
  close(): Promise<void>;
}

/** The API in this process on a free port; `onQuery` sees every SQL statement it runs. */
export async function startInProcessApi(databaseUrl: string, options: { onQuery?: (sql: string) => void; env?: NodeJS.ProcessEnv } = {}): Promise<InProcessApi> {
  const config = benchConfig(databaseUrl, options.env);
  const app = await createApp({ config, logger: pino({ level: 'silent' }), databaseUrl, onQuery: options.onQuery });
  const server = app.express.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    app,
    config,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    async close() {
      server.close();
      await app.close();
    },
  };
}

export interface ApiProcess {
  url: string;
  pid: number;
  /** Resident memory now (MB), from /proc; null once the process is gone. */
  rssMb(): number | null;
  /** The highest RSS seen by the sampler since start (MB). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** Resident set size of a process in MB, or null when /proc cannot tell. */
export function processRssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/** Waits for a line of a child's stdout matching `pattern`; rejects when it exits first. */
function awaitLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = pattern.exec(seen);
      if (match) {
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        resolve(match);
      }
    };
    const onExit = (code: number | null) => reject(new Error(`${what} exited with ${code} before it was ready:\n${seen.slice(-2000)}`));
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Samples a child's RSS until it exits; stops it with SIGTERM. */
function supervise(child: ChildProcess, url: string): ApiProcess {
  const pid = child.pid!;
  let peak = processRssMb(pid) ?? 0;
  const sampler = setInterval(() => (peak = Math.max(peak, processRssMb(pid) ?? 0)), 500);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    pid,
    rssMb: () => processRssMb(pid),
    peakRssMb: () => peak,
    async stop() {
      clearInterval(sampler);
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const MAIN = fileURLToPath(new URL('../../src/main.js', import.meta.url));

/**
 * The API as deployed (dist/src/main.js) in its own process on a free port, with
 * `env` (see benchEnv); the search indexer and portal relay stay out of it so the
 * load measured is the requests'. stderr (warnings and errors) passes through.
 */
export async function startApiProcess(env: NodeJS.ProcessEnv): Promise<ApiProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { SEARCH_INDEXER_IN_API: 'false', PORTAL_SYNC_IN_API: 'false', ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [, port] = await awaitLine(child, /ready: http:\/\/localhost:(\d+)\//, 'the API');
  child.stdout!.resume();
  return supervise(child, `http://127.0.0.1:${port}/graphql`);
}

/** Any HTTP server in its own process, ready when its stdout matches `ready` (first group: the port). */
export async function startServerProcess(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, path: string): Promise<ApiProcess> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (/error/i.test(text)) process.stderr.write(text);
  });
  const [, port] = await awaitLine(child, ready, command);
  child.stdout!.resume();
  return supervise(child, `http://127.0.0.1:${port}${path}`);
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** With `cpuOf`: that process's CPU time (ms) during the measured run, per request. */
  cpuMsPerRequest?: number;
}

/**
 * POSTs `bodies` in turn (each connection takes the next one, so the load spreads over
 * many rows) at `connections` concurrent connections for `duration` s, after `warmup` s
 * of the same. Any non-2xx answer, GraphQL error or socket error fails the run.
 */
export async function measureLoad(options: {
  url: string;
  headers: Record<string, string>;
  bodies: string[];
  connections: number;
  duration: number;
  warmup?: number;
  /** Pid of the server process whose CPU time per request to report (after the warm-up). */
  cpuOf?: number;
}): Promise<LoadResult> {
  let next = 0;
  // GraphQL reports failures in a 200 answer: count them too.
  let failed = 0;
  const run = async (duration: number) => {
    const result = await autocannon({
      url: options.url,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      connections: options.connections,
      duration,
      requests: [
        {
          setupRequest: (request) => ({ ...request, body: options.bodies[next++ % options.bodies.length] }),
          onResponse: (_status, body) => void (body.includes('"errors":[') && (failed += 1)),
        },
      ],
    });
    if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || failed > 0) {
      throw new Error(`${options.url}: ${result.non2xx} non-2xx answers, ${failed} GraphQL errors, ${result.errors} socket errors, ${result.timeouts} timeouts`);
    }
    return result;
  };
  if (options.warmup) await run(options.warmup);
  const cpuBefore = options.cpuOf === undefined ? null : await processCpuMs(options.cpuOf);
  const result = await run(options.duration);
  const cpuAfter = options.cpuOf === undefined ? null : await processCpuMs(options.cpuOf);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    ...(cpuBefore !== null && cpuAfter !== null ? { cpuMsPerRequest: (cpuAfter - cpuBefore) / result.requests.total } : {}),
  };
}

/** The q-quantile (0..1) of sorted numbers, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Median and p99 of times in ms, to 0.01 ms. */
export function medianAndP99(times: readonly number[]): { medianMs: number; p99Ms: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: Number(quantile(sorted, 0.5).toFixed(2)), p99Ms: Number(quantile(sorted, 0.99).toFixed(2)) };
}

/** Median and p95 of times in ms, to 0.01 ms. */
export function medianAndP95(times: readonly number[]): { medianMs: number; p95Ms: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: Number(quantile(sorted, 0.5).toFixed(2)), p95Ms: Number(quantile(sorted, 0.95).toFixed(2)) };
}

/** POSTs one GraphQL request; fails on errors or when `data` is missing. */
export async function graphqlRequest<T>(url: string, headers: Record<string, string>, body: string): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const answer = (await response.json()) as { data?: T; errors?: unknown };
  if (!answer.data || answer.errors) throw new Error(`${url}: ${JSON.stringify(answer).slice(0, 500)}`);
  return answer.data;
}
