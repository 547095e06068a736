import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { createSchema } from '../../src/schema/build-schema.js';
import { SCHEMA_FILE, printEmittedSchema } from '../../src/schema/emit.js';

describe('the emitted schema', () => {
  it('is the one checked in (run `npm run schema` after changing the graph)', async () => {
    const emitted = printEmittedSchema(await createSchema());
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(emitted);
  });
});
