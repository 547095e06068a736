/**
 * Loads the deterministic demo data set (seed/generate.ts) into an empty warehouse:
 * individuals, organizations, documents, dossiers with their components, history
 * and results, and the code sequences, so codes issued afterwards continue after
 * the seeded ones.
 *
 * Refuses to run when the warehouse already holds individuals (a restart must not
 * load the demo twice). Rows go in with multi-row inserts of about a thousand rows,
 * in one transaction: all of the demo or none of it. The catalog must be seeded first.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidv7 } from '../domain/ids.js';
import { documentSequenceScope, dossierSequenceScope } from '../domain/sequence-scopes.js';
import { parseDigitizationCode, parseDossierCode } from '../domain/codes.js';
import {
  AdministrativeProcedure,
  Agency,
  DigitizedDocument,
  DocumentType,
  Dossier,
  DossierComponent,
  DossierStatusChange,
  Individual,
  Officer,
  Organization,
  ProcedureResult,
  RequiredComponent,
} from '../entities/index.js';
import { generateDemoData, ownerKey, type DemoData, type OwnerRef } from './generate/index.js';
import { signDemoFiles, type DemoCatalog, type DemoFilesOptions, type DemoSignedFile } from './demo-files.js';
import { StoredFile } from '../entities/stored-file.entity.js';

export interface DemoSeedOptions {
  seed: number;
  individuals?: number;
  organizations?: number;
  dossiers?: number;
  /** The demo's "today"; default: the current time. Same seed and same `now`: same data. */
  now?: Date;
  /** Give some documents signed PDF files (`demo-files.ts`); without it no document has a file. */
  files?: DemoFilesOptions;
}

export interface DemoSeedCounts {
  individuals: number;
  organizations: number;
  documents: number;
  dossiers: number;
  dossierComponents: number;
  statusChanges: number;
  procedureResults: number;
  codeSequences: number;
  /** Documents given a signed PDF file, by code. */
  signedFiles: string[];
}

export type DemoSeedResult = { skipped: true } | ({ skipped: false; durationMs: number } & DemoSeedCounts);

export const DEMO_DEFAULTS = { individuals: 2_000, organizations: 200, dossiers: 600 } as const;

/** Rows per multi-row insert: well under PostgreSQL's 65,535 bind parameters for the widest table. */
const CHUNK = 1_000;

/** Serializes demo seeding across processes (a transaction-scoped advisory lock). */
const SEED_LOCK_KEY = 1_333_001;

async function insertChunked<T extends object>(em: EntityManager, entity: new () => T, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await em.insertMany(entity, rows.slice(i, i + CHUNK) as never);
  }
}

/**
 * Loads the demo data unless the warehouse already holds individuals (then returns
 * `{ skipped: true }`). Defaults: 2,000 individuals, 200 organizations, 600 dossiers.
 * @throws when the catalog is missing something the data refers to.
 */
export async function seedDemo(em: EntityManager, options: DemoSeedOptions): Promise<DemoSeedResult> {
  const started = performance.now();
  if ((await em.count(Individual, {})) > 0) return { skipped: true };

  const data = generateDemoData({
    seed: options.seed,
    individuals: options.individuals ?? DEMO_DEFAULTS.individuals,
    organizations: options.organizations ?? DEMO_DEFAULTS.organizations,
    dossiers: options.dossiers ?? DEMO_DEFAULTS.dossiers,
    now: options.now ?? new Date(),
  });

  const counts = await em.transactional(async (tx) => {
    // A second process seeding at the same moment waits here, then finds the individuals.
    await tx.execute('select pg_advisory_xact_lock(?)', [SEED_LOCK_KEY]);
    if ((await tx.count(Individual, {})) > 0) return null;
    const files = options.files ? await signDemoFiles(data, await demoCatalog(tx), options.files) : [];
    return load(tx, data, files);
  });
  if (!counts) return { skipped: true };
  return { skipped: false, durationMs: Math.round(performance.now() - started), ...counts };
}

/** Ids of the catalog rows the demo refers to, by natural key. */
async function catalogIds(em: EntityManager) {
  const agencies = await em.find(Agency, {});
  const officers = await em.find(Officer, {});
  const types = await em.find(DocumentType, {});
  const procedures = await em.find(AdministrativeProcedure, {});
  const requirements = await em.find(RequiredComponent, {});
  const procedureCodeById = new Map(procedures.map((p) => [p.id, p.code]));
  const lookup = <V>(map: Map<string, V>, what: string) => (key: string): V => {
    const value = map.get(key);
    if (value === undefined) throw new Error(`demo seed: ${what} ${key} is not in the catalog (seed the catalog first)`);
    return value;
  };
  return {
    agency: lookup(new Map(agencies.map((a) => [a.code, { id: a.id, provinceCode: a.province.unwrap().code }])), 'agency'),
    officer: lookup(new Map(officers.map((o) => [o.code, o.id])), 'officer'),
    documentType: lookup(new Map(types.map((t) => [t.code, t.id])), 'document type'),
    procedure: lookup(new Map(procedures.map((p) => [p.code, p.id])), 'procedure'),
    requirement: lookup(
      new Map(
        requirements.map((r) => [`${procedureCodeById.get(r.procedure.unwrap().id)}:${r.code}`, { id: r.id, position: r.position }]),
      ),
      'required component',
    ),
  };
}

/** What drawing and signing the demo's files needs from the catalog. */
async function demoCatalog(em: EntityManager): Promise<DemoCatalog> {
  const officers = new Map((await em.find(Officer, {}, { populate: ['agency'] })).map((o) => [o.code, o]));
  const types = new Map((await em.find(DocumentType, {})).map((t) => [t.code, t]));
  const procedures = new Map((await em.find(AdministrativeProcedure, {})).map((p) => [p.code, p]));
  return {
    officer(code) {
      const officer = officers.get(code);
      if (!officer) throw new Error(`demo seed: officer ${code} is not in the catalog`);
      const agency = officer.agency.getEntity();
      return { id: officer.id, code: officer.code, fullName: officer.fullName, agencyCode: agency.code, agencyName: agency.name };
    },
    documentType(code) {
      const type = types.get(code);
      if (!type) throw new Error(`demo seed: document type ${code} is not in the catalog`);
      return { name: type.name, metadataSchema: type.metadataSchema };
    },
    procedureName: (code) => procedures.get(code)?.name ?? code,
  };
}

async function load(em: EntityManager, data: DemoData, files: DemoSignedFile[]): Promise<DemoSeedCounts> {
  const ids = await catalogIds(em);
  const officerOrNull = (code: string | null) => (code === null ? null : ids.officer(code));
  const date = (iso: string | null) => (iso === null ? null : new Date(iso));

  // Parties.
  const partyIds = new Map<string, string>();
  const individuals = data.individuals.map((p) => {
    const id = uuidv7();
    partyIds.set(ownerKey({ kind: 'INDIVIDUAL', personalId: p.personalId }), id);
    return {
      id,
      personalId: p.personalId,
      socialInsuranceCode: p.socialInsuranceCode,
      fullName: p.fullName,
      dateOfBirth: p.dateOfBirth,
      gender: p.gender,
      householdCode: p.householdCode,
      province: p.provinceCode,
      commune: p.communeCode,
      hasPortalAccount: p.hasPortalAccount,
      version: 1,
    };
  });
  const organizations = data.organizations.map((o) => {
    const id = uuidv7();
    partyIds.set(ownerKey({ kind: 'ORGANIZATION', unitCode: o.unitCode }), id);
    return {
      id,
      unitCode: o.unitCode,
      taxCode: o.taxCode,
      name: o.name,
      address: o.address,
      province: o.provinceCode,
      hasTransactionAccount: o.hasTransactionAccount,
      version: 1,
    };
  });
  const party = (owner: OwnerRef) => {
    const id = partyIds.get(ownerKey(owner));
    if (!id) throw new Error(`demo seed: unknown owner ${ownerKey(owner)}`);
    return owner.kind === 'INDIVIDUAL'
      ? { individual: id, organization: null }
      : { individual: null, organization: id };
  };

  // Dossiers (before documents: a scanned paper names the dossier it came from).
  const dossierIds = new Map(data.dossiers.map((d) => [d.code, uuidv7(Date.parse(d.receivedAt))]));
  const documentIds = new Map(data.documents.map((d) => [d.code, uuidv7(Date.parse(d.digitizedAt))]));
  const reuseCounts = new Map<string, number>();
  for (const d of data.dossiers) {
    for (const c of d.components) {
      if (c.provision === 'REUSED' && c.documentCode) reuseCounts.set(c.documentCode, (reuseCounts.get(c.documentCode) ?? 0) + 1);
    }
  }
  const documentId = (code: string | null) => {
    if (code === null) return null;
    const id = documentIds.get(code);
    if (!id) throw new Error(`demo seed: unknown document ${code}`);
    return id;
  };

  const dossiers = data.dossiers.map((d) => {
    const agency = ids.agency(d.agencyCode);
    const applicant = party(d.applicant);
    return {
      id: dossierIds.get(d.code)!,
      code: d.code,
      procedure: ids.procedure(d.procedureCode),
      applicantIndividual: applicant.individual,
      applicantOrganization: applicant.organization,
      channel: d.channel,
      status: d.status,
      agency: agency.id,
      province: agency.provinceCode,
      receivedAt: new Date(d.receivedAt),
      receivedBy: ids.officer(d.receivedByCode),
      dueAt: new Date(d.dueAt),
      version: 1,
    };
  });

  const signedFiles = new Map(files.map((f) => [f.documentCode, f]));
  const documents = data.documents.map((d) => {
    const owner = party(d.owner);
    const signed = signedFiles.get(d.code);
    return {
      // Every row has the same columns (one multi-row insert); only the signed few have values.
      file: signed?.file.id ?? null,
      signatureFormat: signed?.signatureFormat ?? null,
      signedBy: signed?.signedBy ?? null,
      signedAt: signed?.signedAt ?? null,
      certificateFingerprint: signed?.certificateFingerprint ?? null,
      id: documentIds.get(d.code)!,
      code: d.code,
      documentType: ids.documentType(d.documentTypeCode),
      ownerIndividual: owner.individual,
      ownerOrganization: owner.organization,
      title: d.title,
      issuedBy: d.issuedBy,
      issuedOn: d.issuedOn,
      validUntil: d.validUntil,
      status: d.status,
      source: d.source,
      metadata: d.metadata,
      digitizedAt: new Date(d.digitizedAt),
      digitizedBy: officerOrNull(d.officerCode),
      agency: ids.agency(d.agencyCode).id,
      originDossier: d.originDossierCode === null ? null : dossierIds.get(d.originDossierCode)!,
      reuseCount: reuseCounts.get(d.code) ?? 0,
      version: 1,
    };
  });

  const components = data.dossiers.flatMap((d) =>
    d.components.map((c) => {
      const requirement = ids.requirement(`${d.procedureCode}:${c.requirementCode}`);
      return {
        id: uuidv7(),
        dossier: dossierIds.get(d.code)!,
        requirement: requirement.id,
        position: requirement.position,
        provision: c.provision,
        document: documentId(c.documentCode),
        providedAt: date(c.providedAt),
        providedBy: officerOrNull(c.providedByCode),
      };
    }),
  );

  const statusChanges = data.dossiers.flatMap((d) =>
    d.history.map((h) => ({
      id: uuidv7(Date.parse(h.at)),
      dossier: dossierIds.get(d.code)!,
      from: h.from,
      to: h.to,
      at: new Date(h.at),
      by: officerOrNull(h.byCode),
      note: h.note,
    })),
  );

  const results = data.dossiers.flatMap((d) =>
    d.result === null
      ? []
      : [
          {
            id: uuidv7(Date.parse(d.result.decidedAt)),
            dossier: dossierIds.get(d.code)!,
            code: d.result.code,
            decision: d.result.decision,
            reason: d.result.reason,
            document: documentId(d.result.documentCode),
            decidedBy: ids.officer(d.result.decidedByCode),
            decidedAt: new Date(d.result.decidedAt),
            returnedAt: date(d.result.returnedAt),
          },
        ],
  );

  // Highest sequence used per agency and day, so that later codes continue after these.
  const sequences = new Map<string, number>();
  const bump = (scope: string, sequence: number) => sequences.set(scope, Math.max(sequences.get(scope) ?? 0, sequence));
  for (const d of data.dossiers) {
    const parsed = parseDossierCode(d.code);
    if (parsed) bump(dossierSequenceScope(d.agencyCode, new Date(d.receivedAt)), parsed.sequence);
  }
  for (const d of data.documents) {
    const parsed = parseDigitizationCode(d.code);
    if (parsed) bump(documentSequenceScope(d.agencyCode, new Date(d.digitizedAt)), parsed.sequence);
  }

  await insertChunked(em, Individual, individuals);
  await insertChunked(em, Organization, organizations);
  await insertChunked(em, Dossier, dossiers);
  await insertChunked(em, StoredFile, files.map((f) => f.file));
  await insertChunked(em, DigitizedDocument, documents);
  await insertChunked(em, DossierComponent, components);
  await insertChunked(em, DossierStatusChange, statusChanges);
  await insertChunked(em, ProcedureResult, results);
  const scopes = [...sequences];
  for (let i = 0; i < scopes.length; i += CHUNK) {
    const chunk = scopes.slice(i, i + CHUNK);
    await em.execute(
      `insert into code_sequence (scope, value) values ${chunk.map(() => '(?, ?)').join(', ')}
       on conflict (scope) do update set value = greatest(code_sequence.value, excluded.value)`,
      chunk.flat(),
    );
  }

  return {
    individuals: individuals.length,
    organizations: organizations.length,
    documents: documents.length,
    dossiers: dossiers.length,
    dossierComponents: components.length,
    statusChanges: statusChanges.length,
    procedureResults: results.length,
    codeSequences: scopes.length,
    signedFiles: files.map((f) => f.documentCode),
  };
}
