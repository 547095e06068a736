/**
 * A pure, deterministic generator of warehouse data: individuals in households,
 * organizations, the documents the warehouse already holds for them, and dossiers
 * at every step of the process (DESIGN.md, "The process it serves"), with the new
 * papers they scanned and the results they produced. No database: plain records,
 * loaded by `seed/demo.ts` (small demo) or streamed by a bulk import.
 *
 * Same seed and same `now` ⇒ the same records, byte for byte.
 *
 * Underneath are generator functions (`generateIndividuals`, `generateOrganizations`,
 * `generateHoldings`, `generateDossiers`, `generateDemoStream`) that keep memory per
 * record small: identifiers are made unique by construction (bijective scrambles of
 * per-prefix counters), not by remembering every value; only the applicant pool that
 * dossiers draw from (bounded by `applicantPoolSize`) and the per-agency-per-day
 * sequence counters are kept.
 *
 * Files, in the order the data is made: records.ts (the shapes), identifiers.ts,
 * catalog.ts (lookups), days.ts, parties.ts, documents.ts with document-metadata.ts,
 * dossiers.ts; this file puts them together.
 *
 * Simplifications, said once: due dates count the procedure's processing days as
 * working days of the seeded, unamended calendar; one-stop reception happens
 * 07:30–17:00 Vietnam time on weekdays, later steps at any hour.
 */
import { createRandom } from '../random.js';
import { type DocumentContext, HoldingsIndex, generateHoldings } from './documents.js';
import { type DossierContext, generateDossiers } from './dossiers.js';
import { IdentifierAllocator, SequenceBook } from './identifiers.js';
import { generateIndividuals, generateOrganizations } from './parties.js';
import type { DemoData, DemoItem, DemoOptions, IndividualRecord, OrganizationRecord } from './records.js';

export {
  type ChannelValue, DOSSIER_STATUSES, type DemoData, type DemoItem, type DemoOptions, type DocumentRecord,
  type DocumentSourceValue, type DocumentStatusValue, type DossierComponentRecord, type DossierRecord,
  type DossierStatusChangeRecord, type DossierStatusValue, type Gender, type IndividualRecord, type OrganizationRecord,
  type OwnerRef, type Party, type ProcedureResultRecord, type ProvisionValue, ownerKey, ownerRefOf,
} from './records.js';
export { IdentifierAllocator, SequenceBook } from './identifiers.js';
export { type PartyOptions, generateIndividuals, generateOrganizations } from './parties.js';
export { type DocumentContext, HoldingsIndex, generateHoldings } from './documents.js';
export { type DossierContext, type GeneratedDossier, generateDossiers } from './dossiers.js';

export interface DemoStreamOptions extends DemoOptions {
  /**
   * How many individuals and organizations (each) are kept, with their documents,
   * for dossiers to draw applicants from. Default: all of them (the demo). Set it
   * for large volumes to bound memory.
   */
  applicantPoolSize?: number;
}

/**
 * The whole data set as one stream, in an order a loader can follow: each
 * organization then its documents, each individual then its documents, then each
 * dossier followed by the documents it created. Those documents name the dossier
 * (`originDossierCode`) and the dossier's components name them: insert the dossier
 * row, then the documents, then the components.
 */
export function* generateDemoStream(options: DemoStreamOptions): Generator<DemoItem> {
  const root = createRandom(options.seed);
  const rngOrganizations = root.fork('organizations');
  const rngIndividuals = root.fork('individuals');
  const rngHoldings = root.fork('holdings');
  const rngDossiers = root.fork('dossiers');
  const allocator = new IdentifierAllocator();
  const sequences = new SequenceBook();
  const holdings = new HoldingsIndex();
  const poolSize = options.applicantPoolSize ?? Number.POSITIVE_INFINITY;
  const organizations: OrganizationRecord[] = [];
  const individuals: IndividualRecord[] = [];
  const ctx: DocumentContext = { now: options.now, sequences, employers: organizations };

  for (const org of generateOrganizations(rngOrganizations, options.organizations, { now: options.now, allocator })) {
    const pooled = organizations.length < poolSize;
    if (pooled) organizations.push(org);
    yield { kind: 'organization', record: org };
    for (const doc of generateHoldings(rngHoldings, { kind: 'ORGANIZATION', record: org }, ctx)) {
      if (pooled) holdings.add(doc);
      yield { kind: 'document', record: doc };
    }
  }
  for (const person of generateIndividuals(rngIndividuals, options.individuals, { now: options.now, allocator })) {
    const pooled = individuals.length < poolSize;
    if (pooled) individuals.push(person);
    yield { kind: 'individual', record: person };
    for (const doc of generateHoldings(rngHoldings, { kind: 'INDIVIDUAL', record: person }, ctx)) {
      if (pooled) holdings.add(doc);
      yield { kind: 'document', record: doc };
    }
  }
  const dossierCtx: DossierContext = { ...ctx, applicants: { individuals, organizations }, holdings };
  for (const { dossier, documents } of generateDossiers(rngDossiers, options.dossiers, dossierCtx)) {
    yield { kind: 'dossier', record: dossier };
    for (const doc of documents) yield { kind: 'document', record: doc };
  }
}

/**
 * The demo data set, collected in memory: individuals in households, organizations,
 * the documents the warehouse holds, and dossiers at every status. Deterministic:
 * the same options (seed and `now` included) give the same records.
 */
export function generateDemoData(options: DemoOptions): DemoData {
  const data: DemoData = { individuals: [], organizations: [], documents: [], dossiers: [] };
  for (const item of generateDemoStream(options)) {
    switch (item.kind) {
      case 'individual':
        data.individuals.push(item.record);
        break;
      case 'organization':
        data.organizations.push(item.record);
        break;
      case 'document':
        data.documents.push(item.record);
        break;
      case 'dossier':
        data.dossiers.push(item.record);
        break;
    }
  }
  return data;
}
