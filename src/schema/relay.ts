import 'reflect-metadata';
/**
 * Relay object identification and cursor connections.
 * A global ID is base64url("<Type>:<uuid>"); a cursor is base64url(JSON of the sort key).
 */
import type { Opt } from '@mikro-orm/core';
import { Field, ID, Int, InterfaceType, ObjectType, type ClassType } from 'type-graphql';
import { DomainError } from '../domain/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export function fromGlobalId(globalId: string): { type: string; id: string } | null {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return null;
  const type = decoded.slice(0, colon);
  const id = decoded.slice(colon + 1);
  return /^[A-Za-z]+$/.test(type) && UUID.test(id) ? { type, id } : null;
}

/** Relay's Node interface. Warehouse entities extend it; their GraphQL type name is their class name. */
@InterfaceType('Node', { resolveType: (value: object) => value.constructor.name })
export abstract class Node {
  /** Database key (UUIDv7); the graph shows it as a global ID. */
  id!: string;

  @Field(() => ID, { name: 'id', description: 'Opaque global ID (Relay object identification).' })
  get globalId(): Opt<string> {
    return toGlobalId(this.constructor.name, this.id);
  }
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argumentPath: string[] = ['after']): unknown[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key)) return key;
  } catch {
    // fall through
  }
  throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API gave out', { argumentPath });
}

/** One page of a connection; `totalCount` is computed only when asked for. */
export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  cursorOf: (node: T) => string;
  totalCount: () => Promise<number>;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/** Defines `<Name>Edge` and `<Name>Connection` object types for a node type. */
export function ConnectionType<T extends object>(name: string, nodeType: () => ClassType<T> | object) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field() cursor!: string;
    @Field(nodeType) node!: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    count!: () => Promise<number>;

    @Field(() => Int)
    totalCount(): Promise<number> {
      return this.count();
    }
  }
  return Connection;
}

export function toConnection<T>(page: Page<T>, ConnectionClass: new () => ConnectionShape<T>): ConnectionShape<T> {
  const connection = new ConnectionClass() as ConnectionShape<T> & { count: () => Promise<number> };
  connection.edges = page.nodes.map((node) => ({ cursor: page.cursorOf(node), node }));
  connection.pageInfo = {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: connection.edges[0]?.cursor ?? null,
    endCursor: connection.edges.at(-1)?.cursor ?? null,
  };
  connection.count = page.totalCount;
  return connection;
}
