import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

export const SCHEMA_FILE = 'src/schema/schema.graphql';

/** The schema as checked in: sorted, so that a diff shows only real changes. */
export function printEmittedSchema(schema: GraphQLSchema): string {
  return `# Emitted from the code-first schema by \`npm run schema\`. Do not edit by hand.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
