/**
 * The personal-data policy is complete: every output field of the schema has an
 * entry (personal with its mask and subject, or explicitly not personal), every
 * key of every document type's metadata schema declares `x-personal-data`, and
 * each entry fits its field (a mask that keeps the field's type). A field or a
 * key added without an entry fails here.
 */
import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { createSchema } from '../../src/schema/build-schema.js';
import { DOCUMENT_TYPES } from '../../src/catalog/document-types.js';
import { PERSONAL_DATA_KEYWORD, STRING_MASKS, undeclaredProperties } from '../../src/auth/masks.js';
import { DOWNLOADS, HIGHLIGHT_SOURCES, HIT_TYPES, PERSONAL_DATA_POLICY, fieldPolicy, type FieldPolicy } from '../../src/auth/personal-data-policy.js';
import { DOCUMENT_DOWNLOAD } from '../../src/files/file.service.js';
import { DOWNLOAD_ROUTE } from '../../src/http/files.js';
import { SEARCH_KINDS } from '../../src/search/documents.js';

let schema: GraphQLSchema;
let objectTypes: GraphQLObjectType[];

beforeAll(async () => {
  schema = await createSchema();
  objectTypes = Object.values(schema.getTypeMap()).filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__'));
});

const fieldsOf = (type: GraphQLObjectType) => Object.values(type.getFields()) as GraphQLField<unknown, unknown>[];

describe('the policy covers the graph', () => {
  it('has an entry for every output field of every object type', () => {
    const missing = objectTypes.flatMap((type) => fieldsOf(type).filter((f) => !fieldPolicy(type.name, f.name)).map((f) => `${type.name}.${f.name}`));
    expect(missing).toEqual([]);
  });

  it('lists no type or field the schema does not have', () => {
    const stale = Object.entries(PERSONAL_DATA_POLICY).flatMap(([typeName, type]) => {
      const schemaType = schema.getType(typeName);
      if (!schemaType || !isObjectType(schemaType)) return [typeName];
      return Object.keys(type.fields).filter((f) => !schemaType.getFields()[f]).map((f) => `${typeName}.${f}`);
    });
    expect(stale).toEqual([]);
  });

  it('gives every entry a kind that fits its field', () => {
    const misfits: string[] = [];
    for (const type of objectTypes) {
      for (const field of fieldsOf(type)) {
        const entry = fieldPolicy(type.name, field.name) as FieldPolicy | undefined;
        if (!entry) continue;
        const where = `${type.name}.${field.name} (${entry.kind})`;
        const named = getNamedType(field.type);
        const nullable = !isNonNullType(field.type);
        const list = isListType(getNullableType(field.type));
        switch (entry.kind) {
          case 'edge':
            if (!isCompositeType(named)) misfits.push(`${where}: an edge must lead to an object`);
            break;
          case 'public':
            if (!isLeafType(named)) misfits.push(`${where}: a field leading to objects is an edge`);
            break;
          case 'personal':
            if (!isLeafType(named)) misfits.push(`${where}: personal entries are leaves`);
            // A mask that gives null needs a nullable field; a string mask needs a String.
            if (!STRING_MASKS.has(entry.mask) && !nullable) misfits.push(`${where}: ${entry.mask} gives null on a non-null field`);
            if (STRING_MASKS.has(entry.mask) && named.name !== 'String') misfits.push(`${where}: ${entry.mask} gives a string, the field is ${named.name}`);
            break;
          case 'json':
            if (named.name !== 'JSONObject') misfits.push(`${where}: json entries are JSONObject fields`);
            break;
          case 'keyed':
            if (named.name !== 'String' || !nullable || list) misfits.push(`${where}: keyed entries are nullable String fields (masks may give null)`);
            break;
          case 'derived':
            if (named.name !== 'String' || !list) misfits.push(`${where}: derived entries are lists of strings`);
            break;
        }
        if (isEnumType(named) && entry.kind === 'personal' && entry.mask !== 'withheld') misfits.push(`${where}: an enum can only be withheld`);
        if (isScalarType(named) && ['Date', 'DateTime'].includes(named.name) && entry.kind === 'personal' && entry.mask !== 'withheld') misfits.push(`${where}: a date can only be withheld`);
      }
    }
    expect(misfits).toEqual([]);
  });

  it('names a subject for every type with personal fields', () => {
    const withoutSubject = Object.entries(PERSONAL_DATA_POLICY)
      .filter(([, type]) => Object.values(type.fields).some((e) => e.kind !== 'public' && e.kind !== 'edge') && !type.subject)
      .map(([name]) => name);
    expect(withoutSubject).toEqual([]);
  });

  it('says for every root field whether partners may select it, and with which scope', () => {
    const undecided = ['Query', 'Mutation'].flatMap((root) =>
      Object.entries(PERSONAL_DATA_POLICY[root].fields).filter(([, e]) => e.kind !== 'edge' || e.partners === undefined).map(([f]) => `${root}.${f}`),
    );
    expect(undecided).toEqual([]);
  });

  it('derives every highlight from a listed field of the hit, and every download from a type with a subject', () => {
    for (const kind of SEARCH_KINDS) {
      const source = HIGHLIGHT_SOURCES[kind];
      expect(fieldPolicy(source.type, source.field)).toBeDefined();
      expect(PERSONAL_DATA_POLICY[HIT_TYPES[kind]]).toBeDefined();
    }
    for (const download of Object.values(DOWNLOADS)) expect(PERSONAL_DATA_POLICY[download.type]?.subject).toBeDefined();
    expect(Object.keys(DOWNLOADS)).toContain(DOCUMENT_DOWNLOAD);
    expect(DOCUMENT_DOWNLOAD).toBe(`GET ${DOWNLOAD_ROUTE}`);
  });
});

describe("the catalog's metadata schemas", () => {
  it.each(DOCUMENT_TYPES.map((t) => [t.code, t] as const))('%s declares x-personal-data on every key', (_code, type) => {
    expect(undeclaredProperties(type.metadataSchema)).toEqual([]);
  });

  it('finds an undeclared key, nested ones included', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'string', [PERSONAL_DATA_KEYWORD]: 'name' },
        b: { type: 'string' },
        c: { type: 'array', items: { type: 'object', properties: { d: { type: 'number' }, e: { type: 'number', [PERSONAL_DATA_KEYWORD]: false } } } },
        f: { type: 'string', [PERSONAL_DATA_KEYWORD]: 'nonsense' },
      },
    };
    expect(undeclaredProperties(schema)).toEqual(['b', 'c[].d', 'f (unknown mask "nonsense")']);
  });
});
