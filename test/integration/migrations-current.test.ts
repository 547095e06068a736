/**
 * The checked-in migrations and the entities describe the same schema: what
 * `npm run migration:create` would write for a database migrated to the latest
 * migration is nothing (a change to the entities needs its migration, and the
 * schema diff must leave the hand-written parts, such as the access log's
 * function, alone).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('leaves nothing for migration:create to write', async () => {
  expect(await t.app.orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
});
