/**
 * Runs a built entry point, building first only when the build is not current.
 *
 *   node scripts/run-built.mjs dist/src/cli/token.js [args...]   build if stale, then run it with args
 *   node scripts/run-built.mjs --build                            build now (what `npm run build` does)
 *
 * Current means: dist/.build-stamp is newer than every file and folder of the compiled trees
 * (src, migrations, bench) and the tsconfig files. A folder's time changes when a file is
 * added, removed or renamed in it, so deletions count too. The stamp takes the time the build
 * STARTED, so an edit made while tsc runs still triggers the next build. Checking takes a few
 * milliseconds; `tsc` takes seconds even when nothing changed, which is what this saves.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(ROOT, 'dist', '.build-stamp');
const TREES = ['src', 'migrations', 'bench'];
const FILES = ['tsconfig.json', 'tsconfig.build.json'];

/** Newest modification time (ms) of a tree's files and folders. */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  let latest = stat.mtimeMs;
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

function stampTime() {
  try {
    return statSync(STAMP).mtimeMs;
  } catch {
    return -1;
  }
}

function isCurrent(target) {
  const stamp = stampTime();
  if (stamp < 0) return false;
  if (target) {
    try {
      statSync(target);
    } catch {
      return false;
    }
  }
  return Math.max(...TREES.map((tree) => newest(join(ROOT, tree))), ...FILES.map((file) => newest(join(ROOT, file)))) < stamp;
}

function build() {
  const started = new Date();
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  closeSync(openSync(STAMP, 'a'));
  utimesSync(STAMP, started, started);
}

const [first, ...rest] = process.argv.slice(2);
if (first === '--build' || first === undefined) {
  build();
} else {
  const target = resolve(ROOT, first);
  if (!isCurrent(target)) build();
  // The command sees its own path and arguments, as if started as `node <target> ...rest`.
  process.argv = [process.argv[0], target, ...rest];
  await import(pathToFileURL(target).href);
}
