import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { partnerClosedFields, partnerFieldScopes } from '../auth/personal-data-policy.js';

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
  'verifications:answer': "answer the verifications a dossier's processing asks of the partner's agency (Decision 1333, Art. 13.4)",
} as const;

export type PartnerScope = keyof typeof PARTNER_SCOPES;

export function isPartnerScope(value: string): value is PartnerScope {
  return Object.hasOwn(PARTNER_SCOPES, value);
}

/**
 * `Type.field` → the scope a partner needs to select it, and the nested fields
 * partners may never select: both declared by the personal-data policy's edges
 * (src/auth/personal-data-policy.ts). Root fields not opened by a scope are closed.
 */
export const FIELD_SCOPES: Readonly<Record<string, PartnerScope>> = partnerFieldScopes();
const CLOSED_FIELDS: ReadonlySet<string> = partnerClosedFields();

export interface OperationScopes {
  /** Scopes the operation needs. */
  scopes: PartnerScope[];
  /** Root fields it selects that no scope opens, and nested fields closed to partners. */
  closedFields: string[];
}

/** What a document asks of a partner: the scopes of the fields it selects, and the root fields closed to partners. */
export function operationScopes(schema: GraphQLSchema, document: DocumentNode): OperationScopes {
  const scopes = new Set<PartnerScope>();
  const closedFields = new Set<string>();
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent || node.name.value === '__typename') return;
        const key = `${parent.name}.${node.name.value}`;
        const scope = FIELD_SCOPES[key];
        if (scope) scopes.add(scope);
        else if (roots.has(parent as never) || CLOSED_FIELDS.has(key)) closedFields.add(key);
      },
    }),
  );
  return { scopes: [...scopes].sort(), closedFields: [...closedFields].sort() };
}
