/**
 * `reusableEvidence` for one person who holds 200 warehouse documents, over HTTP:
 * the median (and p95) time of repeated requests and the SQL statements each one runs.
 *
 * The database is a throw-away warehouse (catalog and the deterministic demo data,
 * so the person's rows sit among other people's), plus the person: 200 documents of
 * every individual document type, issued over ten years, one in ten expired or
 * revoked. The API runs in this process on a real port; requests go one at a time.
 *
 * Usage: npm run bench:evidence -- [--documents 200] [--runs 200] [--warmup 20] [--procedure 1.002759] [--database vss_bench_evidence] [--keep]
 * Prints a summary, then one JSON line with every figure.
 */
import 'reflect-metadata';
import { benchOptions, graphqlRequest, medianAndP95, startInProcessApi, type InProcessApi } from './lib/api.js';
import { createWarehouseDatabase, dropWarehouseDatabase } from './lib/database.js';
import { signDevelopmentToken } from '../src/auth/tokens.js';
import { seedDemo } from '../src/seed/demo.js';
import { DigitizedDocument } from '../src/entities/digitized-document.entity.js';
import { DocumentType } from '../src/entities/document-type.entity.js';
import { Individual } from '../src/entities/individual.entity.js';
import { Agency } from '../src/entities/agency.entity.js';
import { DocumentSource, DocumentStatus, Gender, OfficerRole, PartyKind } from '../src/entities/enums.js';
import { formatDigitizationCode } from '../src/domain/codes.js';
import { provinceAgencyCode } from '../src/catalog/agencies.js';

const HANOI_AGENCY_CODE = provinceAgencyCode('01');

const values = benchOptions({ documents: '200', runs: '200', warmup: '20', procedure: '1.002759', database: 'vss_bench_evidence', keep: false });
const documents = Number(values.documents);
const runs = Number(values.runs);
const warmup = Number(values.warmup);

/** What a receiving officer asks at the counter: every candidate with what decides the choice. */
const QUERY = `query Evidence($procedureCode: String!, $owner: PartyRef!) {
  reusableEvidence(procedureCode: $procedureCode, owner: $owner) {
    requirement { code name mandatory documentType { code name } }
    candidates { code title source status issuedOn validUntil reuseCount documentType { code } digitizedBy { code } }
  }
}`;

const SOURCES = [DocumentSource.SCANNED, DocumentSource.ELECTRONIC, DocumentSource.NATIONAL_PORTAL, DocumentSource.CONNECTED_SYSTEM, DocumentSource.PROCEDURE_RESULT];
const PERSONAL_ID = '001190999001';

/** The person and their documents, written straight through the ORM (the process itself is not what is measured). */
async function addPerson(app: InProcessApi['app']): Promise<void> {
  const em = app.orm.em.fork();
  const types = await em.find(DocumentType, { ownerKind: PartyKind.INDIVIDUAL }, { orderBy: { code: 'asc' } });
  const agency = await em.findOneOrFail(Agency, { code: HANOI_AGENCY_CODE });
  const person = Object.assign(new Individual(), { personalId: PERSONAL_ID, fullName: 'Trần Thị Hoà', dateOfBirth: '1990-07-07', gender: Gender.FEMALE, hasPortalAccount: true });
  em.persist(person);
  const start = Date.UTC(2016, 0, 1);
  for (let i = 0; i < documents; i += 1) {
    const type = types[i % types.length];
    const issued = new Date(start + Math.floor((i * 10 * 365 * 86_400_000) / documents));
    const status = i % 10 === 3 ? DocumentStatus.EXPIRED : i % 10 === 7 ? DocumentStatus.REVOKED : DocumentStatus.VALID;
    em.create(DigitizedDocument, {
      code: formatDigitizationCode(agency.code, type.code, issued, 9000 + i),
      documentType: type,
      ownerIndividual: person,
      title: `${type.name} ${i + 1}`,
      issuedOn: issued.toISOString().slice(0, 10),
      validUntil: type.validityMonths ? new Date(issued.getTime() + type.validityMonths * 30 * 86_400_000).toISOString().slice(0, 10) : null,
      status,
      source: SOURCES[i % SOURCES.length],
      metadata: { fullName: 'Trần Thị Hoà', dateOfBirth: '1990-07-07', issueDate: issued.toISOString().slice(0, 10) },
      digitizedAt: issued,
      agency,
      reuseCount: i % 4,
    });
  }
  await em.flush();
}

const databaseUrl = await createWarehouseDatabase(values.database);
const seen: string[] = [];
const api = await startInProcessApi(databaseUrl, { onQuery: (sql) => void seen.push(sql) });
const { app, config, url } = api;
try {
  await seedDemo(app.orm.em.fork(), { seed: config.demoSeed });
  await addPerson(app);
  await app.orm.em.fork().getConnection().execute('analyze');
  const token = await signDevelopmentToken(config, { sub: 'CB01-0001', agency: HANOI_AGENCY_CODE, roles: [OfficerRole.RECEIVING_OFFICER] });
  const body = JSON.stringify({ query: QUERY, variables: { procedureCode: values.procedure, owner: { personalId: PERSONAL_ID } } });
  const ask = async () => (await graphqlRequest<{ reusableEvidence: { candidates: unknown[] }[] }>(url, { authorization: `Bearer ${token}` }, body)).reusableEvidence;

  for (let i = 0; i < warmup; i += 1) await ask();
  const times: number[] = [];
  const counts = new Set<number>();
  let candidates = 0;
  for (let i = 0; i < runs; i += 1) {
    seen.length = 0;
    const started = process.hrtime.bigint();
    const matches = await ask();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    counts.add(seen.length);
    candidates = matches.reduce((n, m) => n + m.candidates.length, 0);
  }
  const result = {
    procedure: values.procedure,
    documents,
    candidates,
    runs,
    ...medianAndP95(times),
    sqlStatementsPerRequest: [...counts],
    /** The statements of the last request, shortened. */
    statements: seen.map((sql) => sql.replace(/\s+/g, ' ').slice(0, 140)),
  };
  console.log(`reusableEvidence(${values.procedure}) for a person with ${documents} documents (${candidates} candidates): median ${result.medianMs} ms, p95 ${result.p95Ms} ms over ${runs} runs; ${[...counts].join(' or ')} SQL statements per request`);
  console.log(JSON.stringify(result));
} finally {
  await api.close();
  if (!values.keep) await dropWarehouseDatabase(values.database);
}
