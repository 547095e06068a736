/**
 * A real PostgreSQL primary and one streaming replica, made with PostgreSQL's own tools (initdb, pg_ctl,
 * pg_basebackup) in a temporary directory on free loopback ports, as the postgres OS user when run as root.
 * Small and unsafe on purpose (fsync off, 16 MB shared buffers): it lives for one test file.
 */
import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm, appendFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface ReplicaCluster {
  primaryPort: number;
  replicaPort: number;
  /** `postgres://postgres@127.0.0.1:<port>/<database>` on the primary or the replica. */
  primaryUrl(database?: string): string;
  replicaUrl(database?: string): string;
  /** One statement on the primary or the replica (`postgres` database unless named). */
  sql<T = Record<string, unknown>>(on: 'primary' | 'replica', text: string, database?: string): Promise<T[]>;
  /** Replay stops (WAL still arrives): the replica falls behind for real. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Until the replica has replayed everything the primary has written so far. */
  caughtUp(database?: string): Promise<void>;
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  /** Stops both servers and removes the directory. */
  stop(): Promise<void>;
}

async function newestBin(): Promise<string> {
  const versions = (await readdir('/usr/lib/postgresql')).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startReplicaCluster(): Promise<ReplicaCluster> {
  const bin = await newestBin();
  const root = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'vss-replica-'));
  let postgresUid: number | undefined;
  let postgresGid: number | undefined;
  if (root) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    postgresUid = Number(stdout.trim());
    postgresGid = Number(gid.trim());
    await chown(dir, postgresUid, postgresGid);
  }
  // initdb and the server refuse to run as root.
  const tool = (name: string, args: string[]) => (root ? run('runuser', ['-u', 'postgres', '--', join(bin, name), ...args]) : run(join(bin, name), args));
  const primaryDir = join(dir, 'primary');
  const replicaDir = join(dir, 'replica');
  const primaryPort = await freePort();
  const replicaPort = await freePort();
  const settings = (port: number) =>
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      'fsync = off',
      'full_page_writes = off',
      'shared_buffers = 16MB',
      'max_connections = 60',
      'max_wal_senders = 4',
      'wal_level = replica',
      'hot_standby = on',
      // Queries on the replica are not cancelled while replay waits (the tests pause it anyway).
      'max_standby_streaming_delay = -1',
      '',
    ].join('\n');
  const chownIfRoot = async (path: string) => {
    if (postgresUid !== undefined) await chown(path, postgresUid, postgresGid!);
  };

  await tool('initdb', ['-D', primaryDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  await appendFile(join(primaryDir, 'postgresql.conf'), settings(primaryPort));
  await tool('pg_ctl', ['-D', primaryDir, '-l', join(dir, 'primary.log'), '-w', '-t', '60', 'start']);
  await tool('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
  await appendFile(join(replicaDir, 'postgresql.conf'), `port = ${replicaPort}\n`);
  await chownIfRoot(join(replicaDir, 'postgresql.conf'));
  const startReplica = async () => {
    await tool('pg_ctl', ['-D', replicaDir, '-l', join(dir, 'replica.log'), '-w', '-t', '60', 'start']);
  };
  await startReplica();

  const url = (port: number, database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const sql = async <T>(on: 'primary' | 'replica', text: string, database?: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url(on === 'primary' ? primaryPort : replicaPort, database) });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  };
  let stopped = false;
  return {
    primaryPort,
    replicaPort,
    primaryUrl: (database) => url(primaryPort, database),
    replicaUrl: (database) => url(replicaPort, database),
    sql,
    pauseReplay: async () => void (await sql('replica', 'select pg_wal_replay_pause()')),
    resumeReplay: async () => void (await sql('replica', 'select pg_wal_replay_resume()')),
    async caughtUp(database) {
      const [{ lsn }] = await sql<{ lsn: string }>('primary', 'select pg_current_wal_lsn()::text as lsn', database);
      for (let i = 0; i < 500; i++) {
        const [{ done }] = await sql<{ done: boolean }>('replica', `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as done`, database);
        if (done) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`the replica did not replay ${lsn} within 10 s`);
    },
    stopReplica: async () => void (await tool('pg_ctl', ['-D', replicaDir, '-m', 'fast', '-w', 'stop'])),
    startReplica,
    async stop() {
      if (stopped) return;
      stopped = true;
      await tool('pg_ctl', ['-D', replicaDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await tool('pg_ctl', ['-D', primaryDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
