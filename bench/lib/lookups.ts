/** The lookups the benchmarks measure: their queries, the variables they rotate over, and what an answer must hold. */
import pg from 'pg';
import { foldVietnamese } from '../../src/search/fold-vietnamese.js';

/** A procedure an individual applies for, with several required components. */
export const EVIDENCE_PROCEDURE = '1.002759';

export const QUERIES = {
  individual: `query Individual($personalId: String!) {
  individual(personalId: $personalId) { id personalId fullName dateOfBirth gender
    documents(first: 20) { totalCount edges { node { code title issuedOn validUntil status source documentType { code name } } } } } }`,
  dossier: `query Dossier($code: String!) {
  dossier(code: $code) { id code status channel receivedAt dueAt
    applicant { __typename ... on Individual { fullName personalId } ... on Organization { name unitCode } }
    procedure { code name }
    components { provision providedAt requirement { code name } document { code title issuedOn status
      owner { __typename ... on Individual { fullName personalId } ... on Organization { name unitCode } } } } } }`,
  reusableEvidence: `query Evidence($procedureCode: String!, $owner: PartyRef!) {
  reusableEvidence(procedureCode: $procedureCode, owner: $owner) {
    requirement { code name mandatory documentType { code name } }
    candidates { code title source status issuedOn validUntil reuseCount documentType { code } } } }`,
  search: `query Search($query: String!) {
  search(query: $query, first: 20) { totalCount fromFallback
    edges { score node { __typename ... on Individual { id fullName personalId } ... on Organization { id name unitCode }
      ... on DigitizedDocument { id code title } ... on Dossier { id code status } } } } }`,
};
/** The same dossier read in PostGraphile's generated schema (amber preset, default inflection; it offers no order by position, which has no index of its own). */
export const POSTGRAPHILE_DOSSIER = `query Dossier($code: String!) {
  dossierByCode(code: $code) { id code status channel receivedAt dueAt
    individualByApplicantIndividualId { fullName personalId } organizationByApplicantOrganizationId { name unitCode }
    administrativeProcedureByProcedureId { code name }
    dossierComponentsByDossierId { nodes { provision providedAt requiredComponentByRequirementId { code name }
      digitizedDocumentByDocumentId { code title issuedOn status
        individualByOwnerIndividualId { fullName personalId } organizationByOwnerOrganizationId { name unitCode } } } } } }`;

const body = (query: string, variables: object) => JSON.stringify({ query, variables });

/** Variables for each lookup: many different rows, picked deterministically. */
export async function pickVariables(databaseUrl: string, heavyHolders: string[], variableCount: number) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const people = await client.query<{ personal_id: string; full_name: string }>(
      'select personal_id, full_name from individual order by md5(personal_id) limit $1',
      [variableCount * 2],
    );
    const dossiers = await client.query<{ code: string }>(
      `select code from dossier d where exists (select 1 from dossier_component c where c.dossier_id = d.id and c.document_id is not null)
       order by md5(code) limit $1`,
      [variableCount],
    );
    const firstHalf = people.rows.slice(0, variableCount);
    const secondHalf = people.rows.slice(variableCount);
    return {
      individual: firstHalf.map((p) => body(QUERIES.individual, { personalId: p.personal_id })),
      dossier: dossiers.rows.map((d) => body(QUERIES.dossier, { code: d.code })),
      postgraphile: dossiers.rows.map((d) => body(POSTGRAPHILE_DOSSIER, { code: d.code })),
      reusableEvidence: heavyHolders.map((personalId) => body(QUERIES.reusableEvidence, { procedureCode: EVIDENCE_PROCEDURE, owner: { personalId } })),
      searchName: firstHalf.map((p) => body(QUERIES.search, { query: foldVietnamese(p.full_name) })),
      searchIdentifier: secondHalf.map((p) => body(QUERIES.search, { query: p.personal_id })),
    };
  } finally {
    await client.end();
  }
}

export type Bodies = Awaited<ReturnType<typeof pickVariables>>;
export const LOOKUPS = ['individual', 'dossier', 'reusableEvidence', 'searchName', 'searchIdentifier'] as const;

/** Checks that answers carry what is measured: a person, a dossier whose components hold documents, Elasticsearch hits. */
export function checkAnswer(lookup: string, data: Record<string, unknown>): void {
  const json = JSON.stringify(data);
  const ok =
    lookup === 'individual' ? json.includes('"documents"') && (data.individual as object | null) !== null :
    lookup === 'dossier' ? json.includes('"owner":{') :
    lookup === 'postgraphile' ? json.includes('"digitizedDocumentByDocumentId":{') :
    lookup === 'reusableEvidence' ? json.includes('"candidates":[{') :
    json.includes('"fromFallback":false') && !json.includes('"totalCount":0');
  if (!ok) throw new Error(`${lookup}: the answer lacks what is measured: ${json.slice(0, 400)}`);
}

