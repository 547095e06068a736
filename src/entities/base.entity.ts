import 'reflect-metadata';
import { type Opt } from '@mikro-orm/core';
import { PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { uuidv7 } from '../domain/ids.js';
import { Node } from '../schema/relay.js';

/** Columns every warehouse row carries: an application-generated UUIDv7 key and timestamps. */
export abstract class BaseEntity extends Node {
  @PrimaryKey({ type: 'uuid' })
  override id: string = uuidv7();

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
