/**
 * Everything the README points to resolves in a clone (issue 14 item 8): every relative
 * link, and every path it names in backticks under a folder of the repository.
 * Generated paths (written by a command the README names) and runtime data are not in a clone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';

const README = readFileSync('README.md', 'utf8');
/** Written by codegen, a build or a running API, never checked in (.gitignore). */
const GENERATED = [/^persisted\/generated\//, /^test\/graphql\/generated\//, /^dist\//, /^data\//];
/** Top-level entries of the repository as a clone has them. */
const TOP = new Set(execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean).map((file) => file.split('/')[0]!));

function named(): string[] {
  const links = [...README.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'));
  const code = [...README.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1]!.replace(/^\.\//, ''))
    .filter((text) => text.includes('/') && !/[<>*{}|=]/.test(text) && !/^[a-z]+:\/\//i.test(text) && TOP.has(text.split('/')[0]!));
  return [...new Set([...links.map((link) => link.split('#')[0]!), ...code])];
}

it('names paths that exist in a clone, and links to nothing outside it', () => {
  const paths = named();
  expect(paths.length).toBeGreaterThan(10);
  const missing = paths.filter((path) => !GENERATED.some((g) => g.test(path)) && !existsSync(join(process.cwd(), path)));
  expect(missing).toEqual([]);
  expect(paths.filter((path) => path.startsWith('../'))).toEqual([]);
  expect(README.match(/`\.\.\/[^`]*`/g) ?? []).toEqual([]);
});
