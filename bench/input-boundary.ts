/**
 * CPU time of the input boundary per request, in process: the check of the
 * bench's deep `dossier` read (and of a mutation with a JSON value), compared
 * with the API's CPU time per request that `npm run bench:lookup` measures.
 * `npm run bench:boundary -- [--iterations 20000]`
 */
import 'reflect-metadata';
import { parse, type OperationDefinitionNode } from 'graphql';
import { createSchema } from '../src/schema/build-schema.js';
import { InputBoundary } from '../src/schema/input-boundary.js';
import { QUERIES } from './lib/lookups.js';

const iterations = Number(process.argv[process.argv.indexOf('--iterations') + 1]) || 20_000;
const schema = await createSchema();
const boundary = new InputBoundary(schema);

const cases = {
  dossier: { text: QUERIES.dossier, variables: { code: '000.00.01.H41-261120-0001' } },
  shareDocument: {
    text: `mutation($input: ShareDocumentInput!) { shareDocument(input: $input) { code } }`,
    variables: { input: { owner: { personalId: '001190000001' }, documentTypeCode: 'CCCD', source: 'CONNECTED_SYSTEM', title: 'Căn cước công dân', issuedOn: '2021-06-01',
      metadata: { personalId: '001190000001', fullName: 'Trần Thị Hoà', dateOfBirth: '1990-07-07', gender: 'FEMALE', issueDate: '2021-06-01', issuingAgency: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội' } } },
  },
};

for (const [name, { text, variables }] of Object.entries(cases)) {
  const document = parse(text);
  const operation = document.definitions[0] as OperationDefinitionNode;
  for (let i = 0; i < 1000; i++) boundary.check(document, operation, variables); // warm up
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) boundary.check(document, operation, variables);
  const used = process.cpuUsage(start);
  const micros = (used.user + used.system) / iterations;
  console.log(`${name}: ${micros.toFixed(1)} µs CPU per check (${iterations} checks)`);
}
