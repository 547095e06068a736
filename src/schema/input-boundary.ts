/**
 * The graph's one input boundary. Before any resolver runs, every argument of
 * every field the operation selects — root fields and nested ones, from
 * literals and from variables — is walked by its GraphQL input type:
 *
 * - strings and IDs by the text rules of src/domain/text.ts (refused
 *   characters, the length table, names need letters), their kind taken from
 *   the field's name (`fullName`, `…Code`, `after`, IDs) or from the few
 *   coordinates listed below;
 * - calendar days and instants by src/domain/dates.ts (a birth, an issue or a
 *   registration is not in the future; every date lies in 1900–2199);
 * - JSON values (metadata, declarations) key by key and value by value: keys
 *   are short plain text and never a prototype name, strings are text, numbers
 *   finite, nesting and size bounded.
 *
 * The walk is derived from the schema once, at start: a request only pays for
 * the values it sends. A refusal is `BAD_USER_INPUT` (HTTP 400) with the
 * argument's path, e.g. `["input", "applicant", "personalId"]`.
 */
import {
  TypeInfo,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isScalarType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { requestError } from './errors.js';
import { DomainError } from '../domain/errors.js';
import { checkJsonValue, checkText, type TextKind } from '../domain/text.js';
import { calendarDateProblem, instantProblem, vietnamDate, type DateRule } from '../domain/dates.js';

type Path = (string | number)[];
/** Checks one value (never null) found at `path`; throws a DomainError. */
type Check = (value: unknown, path: Path, today: string) => void;

/** Coordinates (`Type.field` or `Type.field.argument`) whose kind the field's name does not tell. */
const TEXT_KIND_AT: Readonly<Record<string, TextKind>> = {
  'ReceiveDossierInput.idempotencyKey': 'key',
  'RegisterBirthInput.birthCertificateNumber': 'key',
  'Query.childHealthInsuranceCard.birthCertificateNumber': 'key',
  'Mutation.requestSupplement.note': 'paragraph',
  'ResolveDossierInput.reason': 'paragraph',
  'ProposeNotDigitizingInput.reason': 'paragraph',
  'DecideNotDigitizingInput.reason': 'paragraph',
  'RequestVerificationInput.question': 'paragraph',
  'RequestVerificationInput.connectedSystem': 'code',
  'AnswerVerificationInput.answer': 'paragraph',
  'Mutation.returnResult.handedOverTo': 'personName',
  'Query.search.query': 'query',
  'UpsertOrganizationInput.name': 'organizationName',
  'UpsertOrganizationInput.address': 'line',
};

/** Calendar days that have happened: births, issues, registrations. Every other day is `any`. */
const PAST_DAYS: ReadonlySet<string> = new Set(['dateOfBirth', 'issuedOn', 'registeredOn']);

/** The text kind of a String or ID at a coordinate, from the table above or the field's name. */
export function textKindOf(coordinate: string, name: string, typeName: string): TextKind {
  const listed = TEXT_KIND_AT[coordinate];
  if (listed) return listed;
  if (typeName === 'ID' || name === 'after' || name === 'before') return 'opaque';
  if (name === 'fullName') return 'personName';
  if (name === 'name') return 'organizationName';
  if (/(Code|Codes|Id|code|Number)$/.test(name)) return 'code';
  return 'line';
}

function dateCheck(rule: DateRule): Check {
  return (value, path, today) => {
    const problem = calendarDateProblem(String(value), rule, today);
    if (problem) throw new DomainError('INVALID_DATE', `${path.join('.')} ${problem}`, { argumentPath: path });
  };
}

const instantCheck: Check = (value, path) => {
  const problem = value instanceof Date ? instantProblem(value) : 'must be an ISO 8601 instant';
  if (problem) throw new DomainError('INVALID_DATE', `${path.join('.')} ${problem}`, { argumentPath: path });
};

/** A selected field whose arguments have checks. */
interface Target {
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
  checks: [string, Check][];
}

/** The checks of one schema, built once. */
export class InputBoundary {
  private readonly inputObjects = new Map<string, Check | null>();
  private readonly fieldArguments = new Map<string, [string, Check][]>();
  private readonly targets = new WeakMap<DocumentNode, Map<OperationDefinitionNode, Target[]>>();

  constructor(private readonly schema: GraphQLSchema) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        const checks = this.argumentChecks(`${type.name}.${field.name}`, field);
        if (checks.length > 0) this.fieldArguments.set(`${type.name}.${field.name}`, checks);
      }
    }
  }

  private argumentChecks(coordinate: string, field: GraphQLField<unknown, unknown>): [string, Check][] {
    const checks: [string, Check][] = [];
    for (const arg of field.args) {
      const check = this.checkFor(arg.type, `${coordinate}.${arg.name}`, arg.name);
      if (check) checks.push([arg.name, check]);
    }
    return checks;
  }

  private checkFor(type: GraphQLInputType, coordinate: string, name: string): Check | null {
    if (isNonNullType(type)) return this.checkFor(type.ofType, coordinate, name);
    if (isListType(type)) {
      const item = this.checkFor(type.ofType, coordinate, name);
      if (!item) return null;
      return (value, path, today) => {
        if (!Array.isArray(value)) return item(value, path, today);
        value.forEach((v, i) => {
          if (v !== null && v !== undefined) item(v, [...path, i], today);
        });
      };
    }
    if (isInputObjectType(type)) return this.inputObjectCheck(type.name);
    if (!isScalarType(type)) return null;
    switch (type.name) {
      case 'String':
      case 'ID': {
        const kind = textKindOf(coordinate, name, type.name);
        return (value, path) => void checkText(String(value), kind, path);
      }
      case 'Date':
        return dateCheck(PAST_DAYS.has(name) ? 'past' : 'any');
      case 'DateTime':
        return instantCheck;
      case 'JSONObject':
      case 'JSON':
        return (value, path) => checkJsonValue(value, path);
      default:
        return null;
    }
  }

  private inputObjectCheck(typeName: string): Check | null {
    if (this.inputObjects.has(typeName)) {
      // Built, or being built (a recursive input type): look it up when used.
      return this.inputObjects.get(typeName) ?? ((value, path, today) => this.inputObjects.get(typeName)?.(value, path, today));
    }
    this.inputObjects.set(typeName, null);
    const type = this.schema.getType(typeName);
    if (!isInputObjectType(type)) return null;
    const fields: [string, Check][] = [];
    for (const field of Object.values(type.getFields())) {
      const check = this.checkFor(field.type, `${typeName}.${field.name}`, field.name);
      if (check) fields.push([field.name, check]);
    }
    const check: Check | null = fields.length === 0 ? null : (value, path, today) => {
      const object = value as Record<string, unknown>;
      for (const [name, check] of fields) {
        const v = object[name];
        if (v !== null && v !== undefined) check(v, [...path, name], today);
      }
    };
    this.inputObjects.set(typeName, check);
    return check;
  }

  /**
   * The fields with checked arguments in an operation (and the fragments of
   * its document), found once per document: Apollo keeps parsed documents, so
   * a repeated query pays only for its values.
   */
  private targetsOf(document: DocumentNode, operation: OperationDefinitionNode): Target[] {
    let perOperation = this.targets.get(document);
    if (!perOperation) this.targets.set(document, (perOperation = new Map()));
    const known = perOperation.get(operation);
    if (known) return known;
    const found: Target[] = [];
    const typeInfo = new TypeInfo(this.schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        OperationDefinition: (node) => (node === operation ? undefined : false),
        Field: (node) => {
          if (!node.arguments?.length) return;
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          const checks = parent && field ? this.fieldArguments.get(`${getNamedType(parent).name}.${field.name}`) : undefined;
          if (checks && field) found.push({ field, node, checks });
        },
      }),
    );
    perOperation.set(operation, found);
    return found;
  }

  /**
   * Checks every argument of every field the document selects, with the
   * request's variables; throws the first refusal. Values the executor itself
   * will refuse (a missing or mistyped variable) are left to it.
   */
  check(document: DocumentNode, operation: OperationDefinitionNode, rawVariables: Record<string, unknown>, now = new Date()): void {
    const targets = this.targetsOf(document, operation);
    if (targets.length === 0) return;
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], rawVariables, { maxErrors: 1 });
    if (coerced.errors) return;
    const today = vietnamDate(now);
    for (const { field, node, checks } of targets) {
      let values: Record<string, unknown>;
      try {
        values = getArgumentValues(field, node, coerced.coerced);
      } catch {
        continue; // the executor reports it
      }
      for (const [name, check] of checks) {
        const value = values[name];
        if (value !== null && value !== undefined) check(value, [name], today);
      }
    }
  }
}

/** Apollo plugin: the boundary runs once the operation is known, before execution. */
export function inputBoundaryPlugin<C extends object>(schema: GraphQLSchema): ApolloServerPlugin<C> {
  const boundary = new InputBoundary(schema);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          try {
            boundary.check(document, operation, (request.variables ?? {}) as Record<string, unknown>);
          } catch (error) {
            throw error instanceof DomainError ? requestError(error, 400) : error;
          }
        },
      };
    },
  };
}
