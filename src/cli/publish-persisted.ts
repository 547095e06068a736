/**
 * Publishes the partner operations of `persisted/` to DATABASE_URL: the codegen
 * manifest (hash → document) with the purpose declared in each file.
 * Usage: npm run persisted:publish [-- --dir persisted --manifest persisted/generated/persisted-documents.json]
 * (the npm script runs GraphQL Code Generator first, so the manifest is current).
 */
import { parseArgs } from 'node:util';
import { withDatabase } from './with-database.js';
import { MANIFEST_PATH, PERSISTED_DIR, PublishError, publishPersistedOperations, readManifest, readPurposes } from '../partners/publish.js';

const { values } = parseArgs({ options: { dir: { type: 'string', default: PERSISTED_DIR }, manifest: { type: 'string', default: MANIFEST_PATH } } });

await withDatabase(async (orm) => {
  const published = await publishPersistedOperations(orm.em.fork(), await readManifest(values.manifest), await readPurposes(values.dir));
  for (const op of published) console.log(`${op.operationName.padEnd(34)} sha256:${op.hash}  ${op.status}\n    purpose: ${op.purpose}`);
  console.log(`${published.length} operations published.`);
  return 0;
}, (error) => error instanceof PublishError);
