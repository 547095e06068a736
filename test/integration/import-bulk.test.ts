/**
 * The bulk importer against a real PostgreSQL: a database of its own (created,
 * migrated, given the catalog; emptied between tests), files written by the
 * benchmark generator or by hand.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateDataset, type DatasetSummary } from '../../bench/lib/dataset.js';
import { createWarehouseDatabase, dropWarehouseDatabase } from '../../bench/lib/database.js';
import { importFile, reportPathFor } from '../../src/import/importer.js';
import type { ImportKind } from '../../src/import/records.js';
import { TEST_SERVER_URL, fileDatabaseName } from '../helpers/database.js';

const DATABASE = fileDatabaseName('import');
let url: string;
let db: pg.Client;
let dir: string;

beforeAll(async () => {
  url = await createWarehouseDatabase(DATABASE, TEST_SERVER_URL);
  db = new pg.Client({ connectionString: url });
  await db.connect();
  dir = await mkdtemp(path.join(os.tmpdir(), 'vss-import-test-'));
});

afterAll(async () => {
  await db?.end();
  await dropWarehouseDatabase(DATABASE, TEST_SERVER_URL);
  if (dir) await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await db.query('truncate digitized_document, stored_file, individual, organization, outbox_event, import_checkpoint cascade');
});

const KINDS: ImportKind[] = ['organizations', 'individuals', 'documents'];

async function importAll(data: DatasetSummary, options: { reindexAfter?: boolean } = {}) {
  const summaries = [];
  for (const kind of KINDS) summaries.push(await importFile({ databaseUrl: url, kind, file: data.files[kind], batchSize: 250, ...options }));
  return summaries;
}

async function readRecords(file: string): Promise<any[]> {
  const input = file.endsWith('.gz') ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  const records = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) if (line) records.push(JSON.parse(line));
  return records;
}

async function counts() {
  const { rows } = await db.query(`select
      (select count(*) from individual)::int as individuals,
      (select count(*) from organization)::int as organizations,
      (select count(*) from digitized_document)::int as documents,
      (select count(*) from stored_file)::int as files,
      (select count(*) from outbox_event where topic = 'search' and entity = 'Individual')::int as "outboxIndividuals",
      (select count(*) from outbox_event where topic = 'search' and entity = 'Organization')::int as "outboxOrganizations",
      (select count(*) from outbox_event where topic = 'search' and entity = 'DigitizedDocument')::int as "outboxDocuments",
      (select count(distinct entity_id)::int from outbox_event) as "outboxDistinct"`);
  return rows[0];
}

describe('bulk import', () => {
  it('imports a generated data set, with owners resolved, file rows and search outbox rows; a rerun changes nothing', async () => {
    const data = await generateDataset({ individuals: 300, documents: 1_200, seed: 11, out: path.join(dir, 'plain') });
    const documents = await readRecords(data.files.documents);
    const withFiles = documents.filter((d) => d.file).length;
    expect(withFiles).toBeGreaterThan(0);

    const first = await importAll(data);
    expect(first.map((s) => [s.status, s.inserted, s.existing, s.rejected])).toEqual([
      ['completed', data.counts.organizations, 0, 0],
      ['completed', data.counts.individuals, 0, 0],
      ['completed', data.counts.documents, 0, 0],
    ]);
    const after = await counts();
    expect(after).toEqual({
      individuals: 300,
      organizations: data.counts.organizations,
      documents: 1_200,
      files: withFiles,
      outboxIndividuals: 300,
      outboxOrganizations: data.counts.organizations,
      outboxDocuments: 1_200,
      outboxDistinct: 300 + data.counts.organizations + 1_200,
    });

    // Each document sits with the owner its line names, with its file.
    const sample = documents.filter((d) => d.owner.personalId && d.file)[0];
    const { rows } = await db.query(
      `select i.personal_id, f.sha256, f.page_count, d.metadata
       from digitized_document d join individual i on i.id = d.owner_individual_id join stored_file f on f.id = d.file_id where d.code = $1`,
      [sample.code],
    );
    expect(rows).toEqual([{ personal_id: sample.owner.personalId, sha256: sample.file.sha256, page_count: sample.file.pageCount, metadata: sample.metadata }]);
    const { rows: people } = await db.query('select full_name from individual where personal_id = $1', [sample.owner.personalId]);
    const person = (await readRecords(data.files.individuals)).find((p) => p.personalId === sample.owner.personalId);
    expect(people[0].full_name).toBe(person.fullName);

    const rerun = await importAll(data);
    expect(rerun.map((s) => [s.status, s.resumedAfterLine, s.inserted, s.existing, s.rejected])).toEqual([
      ['completed', 0, 0, data.counts.organizations, 0],
      ['completed', 0, 0, 300, 0],
      ['completed', 0, 0, 1_200, 0],
    ]);
    expect(await counts()).toEqual(after);
  });

  it('imports the good lines of a file and reports each bad one with its line number and reason', async () => {
    const data = await generateDataset({ individuals: 40, documents: 0, seed: 21, out: path.join(dir, 'bad') });
    await importAll(data);
    const [held, other] = await readRecords(data.files.individuals);
    const people = path.join(dir, 'bad', 'people.jsonl');
    const good = { personalId: '001190123456', fullName: '  Trần   Thị  Hoà ', dateOfBirth: '1990-05-01', gender: 'FEMALE', provinceCode: '01', communeCode: '01001' };
    await writeFile(
      people,
      [
        JSON.stringify(good),
        '{"personalId": "0010901',
        JSON.stringify({ ...good, personalId: '001090123457' }),
        JSON.stringify({ ...good, personalId: '001190123458', dateOfBirth: '1990-02-30', communeCode: '79001' }),
        '',
        JSON.stringify({ ...good, personalId: '001190123459', socialInsuranceCode: held.socialInsuranceCode }),
        JSON.stringify({ ...good, personalId: '001190123460', fullName: ' ', gender: 'OTHER' }),
      ].join('\n'),
    );
    const summary = await importFile({ databaseUrl: url, kind: 'individuals', file: people });
    expect([summary.inserted, summary.rejected, summary.lines]).toEqual([1, 5, 7]);
    const report = (await readFile(reportPathFor(people), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(report).toEqual([
      { line: 2, reasons: [expect.stringMatching(/^the line is not valid JSON/)] },
      { line: 3, reasons: ['personalId: personal ID encodes sex MALE, but the person is FEMALE'] },
      { line: 4, reasons: [expect.stringMatching(/^dateOfBirth: must be a calendar day/), expect.stringMatching(/^communeCode: commune 79001 is not in province 01$/)] },
      { line: 6, reasons: [`socialInsuranceCode: ${held.socialInsuranceCode} is already recorded for someone else`] },
      { line: 7, reasons: ['fullName: must not be blank', expect.stringMatching(/^gender: must be one of MALE, FEMALE/)] },
    ]);
    const { rows } = await db.query('select full_name from individual where personal_id = $1', [good.personalId]);
    expect(rows).toEqual([{ full_name: 'Trần Thị Hoà' }]);

    const papers = path.join(dir, 'bad', 'papers.jsonl');
    const card = {
      code: '000.00.01.H41.GKH.250702.0001',
      documentTypeCode: 'GKH',
      owner: { personalId: other.personalId },
      title: 'Giấy chứng nhận kết hôn',
      issuedOn: '2020-01-01',
      source: 'SCANNED',
      metadata: { documentNumber: '12/2020', husbandName: 'Lê Văn A', wifeName: 'Trần Thị B', issueDate: '2020-01-01', placeOfRegistration: 'UBND phường Ba Đình', issuingAgency: 'UBND phường Ba Đình', summary: 'Đăng ký kết hôn' },
      digitizedAt: '2025-07-02T03:00:00Z',
      agencyCode: '000.00.01.H41',
    };
    await writeFile(
      papers,
      [
        JSON.stringify(card),
        JSON.stringify({ ...card, code: '000.00.01.H41.GKH.250702.0002', owner: { personalId: '079190000001' } }),
        JSON.stringify({ ...card, code: '000.00.01.H41.GKH.250702.0003', metadata: { ...card.metadata, issueDate: 'yesterday' } }),
        JSON.stringify({ ...card, code: '000.00.01.H41.GKH.250702.0004', owner: { unitCode: 'NOPE1' } }),
        JSON.stringify({ ...card, code: '000.00.01.H41.GKH.250702.0005', validUntil: '2019-01-01', file: { sha256: 'abc', mediaType: 'text/plain', byteSize: 0 } }),
        JSON.stringify(card),
      ].join('\n'),
    );
    const docs = await importFile({ databaseUrl: url, kind: 'documents', file: papers });
    expect([docs.inserted, docs.rejected]).toEqual([1, 5]);
    const docReport = (await readFile(reportPathFor(papers), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(docReport).toEqual([
      { line: 2, reasons: ['owner.personalId: no individual has the personal ID 079190000001'] },
      { line: 3, reasons: [expect.stringMatching(/^metadata\/issueDate: must match format "date"/)] },
      { line: 4, reasons: ['owner: documents of type GKH belong to an individual'] },
      {
        line: 5,
        reasons: [
          'validUntil: A document cannot expire (2019-01-01) before it is issued (2020-01-01)',
          'file.sha256: must be 64 lower-case hexadecimal digits',
          expect.stringMatching(/^file.mediaType: must be one of application\/pdf/),
          'file.byteSize: must be a positive integer',
        ],
      },
      { line: 6, reasons: [`code: ${card.code} is also given on line 1`] },
    ]);
    const { rows: stored } = await db.query(
      'select d.code from digitized_document d join individual i on i.id = d.owner_individual_id where i.personal_id = $1',
      [other.personalId],
    );
    expect(stored).toEqual([{ code: card.code }]);
  });

  it('resumes a run that died mid-batch from its last committed batch, ending with every record exactly once', async () => {
    const data = await generateDataset({ individuals: 200, documents: 1_000, seed: 31, out: path.join(dir, 'crash') });
    for (const kind of ['organizations', 'individuals'] as const) await importFile({ databaseUrl: url, kind, file: data.files[kind] });

    const crashed = await importFile({ databaseUrl: url, kind: 'documents', file: data.files.documents, batchSize: 100, crashAfterBatches: 3 });
    expect([crashed.status, crashed.lines, crashed.inserted]).toEqual(['crashed', 300, 300]);
    // The fourth batch was staged and moved, but never committed.
    expect((await counts()).documents).toBe(300);
    expect((await counts()).outboxDocuments).toBe(300);
    const { rows: checkpoint } = await db.query('select line, inserted, completed_at from import_checkpoint where kind = $1', ['documents']);
    expect(checkpoint).toEqual([{ line: '300', inserted: '300', completed_at: null }]);

    const resumed = await importFile({ databaseUrl: url, kind: 'documents', file: data.files.documents, batchSize: 100 });
    expect([resumed.status, resumed.resumedAfterLine, resumed.lines, resumed.inserted, resumed.existing, resumed.recordsThisRun]).toEqual([
      'completed', 300, 1_000, 1_000, 0, 700,
    ]);
    const after = await counts();
    expect([after.documents, after.outboxDocuments]).toEqual([1_000, 1_000]);
    const { rows } = await db.query(`select count(distinct entity_id)::int as n from outbox_event where entity = 'DigitizedDocument'`);
    expect(rows[0].n).toBe(1_000);
    const codes = new Set((await readRecords(data.files.documents)).map((d) => d.code));
    const { rows: stored } = await db.query('select code from digitized_document');
    expect(new Set(stored.map((r) => r.code))).toEqual(codes);
  });

  describe('legacy Vietnamese encodings', () => {
    const person = { personalId: '', fullName: '', dateOfBirth: '1990-05-01', gender: 'FEMALE', provinceCode: '01', communeCode: '01001' };
    /** A JSON line whose full name is these bytes, as an older system wrote them. */
    const line = (personalId: string, name: Buffer, extra: Record<string, unknown> = {}) => {
      const [head, tail] = JSON.stringify({ ...person, ...extra, personalId, fullName: '@NAME@' }).split('@NAME@') as [string, string];
      return Buffer.concat([Buffer.from(head, 'utf8'), name, Buffer.from(tail, 'utf8')]);
    };
    const utf8 = (text: string) => Buffer.from(text, 'utf8');
    const bytes = (text: string) => Buffer.from(text, 'latin1');
    /** One file of seven lines in four encodings, as concatenated exports from three systems would be. */
    async function mixedFile(name: string): Promise<string> {
      const file = path.join(dir, name);
      await writeFile(file, Buffer.concat([
        line('001190123456', utf8('Nguyễn Thị Hoà')),
        // TCVN3: Tr ầ=C7 n, Th ị=DE, B í=DD ch.
        line('001190123457', bytes('Tr\xc7n Th\xde B\xddch')),
        // VNI: L e â=E2, Th ò=F2, H o à=E0 (circumflex and grave) ng.
        line('001190123458', bytes('Le\xe2 Th\xf2 Ho\xe0ng')),
        // TCVN3 "Lê Văn Người" read once as Windows-1252 and saved as UTF-8.
        line('001090123459', utf8('L\u00aa V\u00a8n Ng\u00ad\u00eai'), { gender: 'MALE' }),
        // Windows-1258 "Việt Nam": not converted.
        line('001190123460', bytes('Vi\xea\xf2t Nam')),
        // TCVN3 again, with a date that does not exist: refused for the date, the conversion said.
        line('001190123461', bytes('Ph\xb9m Th\xde Lan'), { dateOfBirth: '1990-02-30' }),
        line('001190123462', utf8('Lê Hà')),
      ].flatMap((l) => [l, Buffer.from('\r\n')])));
      return file;
    }

    async function names(): Promise<Record<string, string>> {
      const { rows } = await db.query<{ personal_id: string; full_name: string }>('select personal_id, full_name from individual order by personal_id');
      return Object.fromEntries(rows.map((r) => [r.personal_id, r.full_name]));
    }

    it('converts TCVN3 and VNI lines of a mixed file to Unicode NFC, repairs a Windows-1252 reading, refuses what it cannot read, leaves UTF-8 alone', async () => {
      const file = await mixedFile('legacy.jsonl');
      const summary = await importFile({ databaseUrl: url, kind: 'individuals', file });
      expect([summary.inserted, summary.rejected, summary.legacyLines, summary.legacyEncodings]).toEqual([5, 2, { TCVN3: 3, VNI: 1 }, 'convert']);
      expect(await names()).toEqual({
        '001090123459': 'Lê Văn Người',
        '001190123456': 'Nguyễn Thị Hoà',
        '001190123457': 'Trần Thị Bích',
        '001190123458': 'Lê Thị Hồng',
        '001190123462': 'Lê Hà',
      });
      for (const name of Object.values(await names())) expect(name).toBe(name.normalize('NFC'));
      const report = (await readFile(reportPathFor(file), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
      expect(report).toEqual([
        { line: 5, reasons: [expect.stringMatching(/^encoding: the line is not UTF-8, and neither TCVN3 \(ABC\) nor VNI-Windows reads it as Vietnamese/)] },
        { line: 6, reasons: [expect.stringMatching(/^dateOfBirth: must be a calendar day/), 'encoding: the line was converted from TCVN3 (ABC)'] },
      ]);
    });

    it('refuses the legacy lines instead, naming their encoding, when asked to', async () => {
      const file = await mixedFile('legacy-refused.jsonl');
      const summary = await importFile({ databaseUrl: url, kind: 'individuals', file, legacyEncodings: 'reject' });
      expect([summary.inserted, summary.rejected, summary.legacyLines]).toEqual([2, 5, { TCVN3: 3, VNI: 1 }]);
      expect(Object.keys(await names())).toEqual(['001190123456', '001190123462']);
      const report = (await readFile(reportPathFor(file), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
      expect(report.map((r: { line: number; reasons: string[] }) => [r.line, r.reasons[0]!.replace(/;.*/, '')])).toEqual([
        [2, 'encoding: the line is TCVN3 (ABC), not UTF-8'],
        [3, 'encoding: the line is VNI-Windows, not UTF-8'],
        [4, 'encoding: the line is TCVN3 (ABC) read as Windows-1252 once already, not UTF-8'],
        [5, expect.stringMatching(/^encoding: the line is not UTF-8, and neither/)],
        [6, 'encoding: the line is TCVN3 (ABC), not UTF-8'],
      ]);
    });
  });

  it('reads gzip input, and with reindexAfter writes no outbox rows', async () => {
    const data = await generateDataset({ individuals: 150, documents: 500, seed: 41, out: path.join(dir, 'gzip'), gzip: true });
    expect(data.files.documents).toMatch(/\.jsonl\.gz$/);
    const summaries = await importAll(data, { reindexAfter: true });
    expect(summaries.map((s) => s.inserted)).toEqual([data.counts.organizations, 150, 500]);
    const after = await counts();
    expect([after.individuals, after.organizations, after.documents]).toEqual([150, data.counts.organizations, 500]);
    expect([after.outboxIndividuals, after.outboxOrganizations, after.outboxDocuments]).toEqual([0, 0, 0]);
    expect(reportPathFor(data.files.documents)).toBe(path.join(dir, 'gzip', 'documents.rejected.jsonl'));
  });
});
