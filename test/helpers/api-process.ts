/** The built API (`dist/src/main.js`, what `npm start` runs) in a child process on a free port. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = process.cwd();
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

/** Compiles the API once per test file (tsc -p tsconfig.build.json). */
export function buildApi(): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
}

export interface ApiProcess {
  child: ChildProcess;
  port: number;
  url: string;
  output(): string;
  /** SIGTERM, then resolves once it exited. */
  stop(): Promise<void>;
}

/** Starts the API with `env` over the test process's environment (a value `undefined` removes the variable); resolves once it printed that it is ready. */
export async function startApiProcess(env: Record<string, string | undefined>): Promise<ApiProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env };
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /ready: http:\/\/localhost:(\d+)\//.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(Number(match[1]));
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`the API exited before it was ready:\n${output.slice(-3000)}`));
    });
  });
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
