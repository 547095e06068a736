/**
 * CPU time of a PostgreSQL backend, read from /proc while it runs (the server is
 * on this machine). On a machine shared with other work, wall-clock rates vary
 * with the load; CPU seconds per record do not, so benchmarks report both.
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';

/** utime + stime of a process, in milliseconds; null when /proc cannot tell. */
export async function processCpuMs(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at index 2 of the man page's numbering.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/**
 * Samples, every `intervalMs`, the CPU time of the backends whose application_name
 * is `applicationName`; `stop()` returns the total of the last samples (ms), or
 * null when no backend was seen. The last interval of work is not counted.
 */
export function sampleBackendCpu(databaseUrl: string, applicationName: string, intervalMs = 250): { stop(): Promise<number | null> } {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'vss-bench-sampler' });
  const last = new Map<number, number>();
  let stopped = false;
  const loop = (async () => {
    await client.connect();
    while (!stopped) {
      const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [applicationName]);
      for (const { pid } of rows) {
        const ms = await processCpuMs(pid);
        if (ms !== null) last.set(pid, ms);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    await client.end();
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return last.size === 0 ? null : [...last.values()].reduce((a, b) => a + b, 0);
    },
  };
}
