/**
 * The lint rules that keep the layering (eslint.config.js) bite: a runtime
 * import cycle fails `npm run lint`, a type-only one does not, and the process
 * (src/services) may not import the GraphQL edge. ESLint runs as `npm run lint`
 * does, on the fixtures in test/fixtures/import-cycle/ (ignored by the normal run).
 */
import { describe, it, expect } from '@jest/globals';
import { execFile } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ESLINT = path.join(ROOT, 'node_modules/.bin/eslint');

interface LintMessage {
  ruleId: string | null;
  message: string;
}
interface LintResult {
  filePath: string;
  messages: LintMessage[];
}

function eslint(args: string[], stdin?: string): Promise<LintResult[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(ESLINT, ['--no-ignore', '--format', 'json', ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      // Exit code 1 means "problems found": the JSON says which.
      if (error && (error as { code?: number }).code !== 1) return reject(new Error(`eslint failed: ${stderr || error.message}`));
      resolve(JSON.parse(stdout) as LintResult[]);
    });
    if (stdin !== undefined) child.stdin!.end(stdin);
  });
}

const rulesOf = (results: LintResult[], file: string) =>
  results.find((r) => r.filePath.endsWith(file))?.messages.map((m) => m.ruleId) ?? [];

describe('lint rules of the layering', () => {
  it('refuses a runtime import cycle and lets a type-only one pass', async () => {
    const results = await eslint(['test/fixtures/import-cycle/']);
    expect(rulesOf(results, 'import-cycle/a.ts')).toContain('import-x/no-cycle');
    expect(rulesOf(results, 'import-cycle/b.ts')).toContain('import-x/no-cycle');
    expect(rulesOf(results, 'type-only-a.ts')).toEqual([]);
    expect(rulesOf(results, 'type-only-b.ts')).toEqual([]);
  }, 120_000);

  it('keeps src/services from importing the GraphQL edge, and imports used only as types typed', async () => {
    const code = [
      "import { PartyRef } from '../schema/warehouse.types.js';",
      "import { GraphQLError } from 'graphql';",
      "import { Dossier } from '../entities/dossier.entity.js';",
      'export const ref = new PartyRef();',
      "export const error = new GraphQLError('x');",
      'export function codeOf(dossier: Dossier): string { return dossier.code; }',
      '',
    ].join('\n');
    const [result] = await eslint(['--stdin', '--stdin-filename', 'src/services/lint-fixture.service.ts'], code);
    const rules = result!.messages.map((m) => m.ruleId);
    expect(rules.filter((r) => r === 'no-restricted-imports')).toHaveLength(2);
    expect(rules).toContain('@typescript-eslint/consistent-type-imports');
  }, 120_000);
});
