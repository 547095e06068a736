/**
 * Scopes of partner systems, and the fields of the graph each one opens.
 * A partner's operation is checked against them before it runs: a root field
 * that no scope opens is closed to partners, whatever their allow-list says.
 */
export const PARTNER_SCOPES = {
  'individuals:read': 'look up individuals',
  'organizations:read': 'look up organizations',
  'documents:read': "read warehouse documents and procedure results",
  'documents:share': 'put electronic documents into the warehouse',
  'personal-data:read': 'see personal data and extracted metadata in clear (otherwise masked)',
  'access-log:read': "read one person's access log (National Public Service Portal)",
} as const;

export type PartnerScope = keyof typeof PARTNER_SCOPES;

export function isPartnerScope(value: string): value is PartnerScope {
  return Object.hasOwn(PARTNER_SCOPES, value);
}

/** `Type.field` → the scope a partner needs to select it. Root fields not listed are closed to partners. */
export const FIELD_SCOPES: Readonly<Record<string, PartnerScope>> = {
  'Query.individual': 'individuals:read',
  'Query.organization': 'organizations:read',
  'Query.document': 'documents:read',
  'Query.procedureResult': 'documents:read',
  'Query.accessEvents': 'access-log:read',
  'Individual.documents': 'documents:read',
  'Organization.documents': 'documents:read',
  'Mutation.shareDocument': 'documents:share',
};
