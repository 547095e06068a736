import 'reflect-metadata';
/**
 * Relay object identification and cursor connections, as GraphQL types. The
 * codecs are domain modules: global IDs in src/domain/global-id.ts, cursors in
 * src/domain/cursor.ts.
 */
import type { Opt } from '@mikro-orm/core';
import { ArgsType, Field, ID, Int, InterfaceType, ObjectType, type ClassType } from 'type-graphql';
import { toGlobalId } from '../domain/global-id.js';
import type { Page, PageArgs, PageInfoFacts } from '../services/core/pagination.js';

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
export class PageInfo implements PageInfoFacts {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

/** `first` and `after` of every connection field; a field's own arguments extend it. */
@ArgsType()
export class ConnectionArgs implements PageArgs {
  @Field(() => Int, { nullable: true }) first?: number;
  @Field(() => String, { nullable: true }) after?: string;
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
