/** Writes src/schema/schema.graphql from the code-first schema. Usage: npm run schema */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { createSchema } from '../schema/build-schema.js';
import { SCHEMA_FILE, printEmittedSchema } from '../schema/emit.js';

await writeFile(SCHEMA_FILE, printEmittedSchema(await createSchema()));
console.log(`wrote ${SCHEMA_FILE}`);
