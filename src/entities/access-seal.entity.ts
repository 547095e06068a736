import { BigIntType, type Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/**
 * A signed head of one writer's access-log chain: "the chain of `writer` had
 * `seq` events and ended in `hash` at `sealedAt`". The signing key is not in the
 * database, so a database writer can neither rewrite sealed events (the hash
 * would change) nor remove them (the seal, also exported to a file, names how
 * many there were). Append-only, like the events.
 */
@Entity()
@Unique({ name: 'access_seal_writer_seq_unique', properties: ['writer', 'seq'] })
export class AccessSeal {
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string & Opt;

  @Property({ type: 'text' })
  writer!: string;

  /** How many events of the writer's chain the seal covers (the head's `seq`). */
  @Property({ type: new BigIntType('string') })
  seq!: string;

  /** The head event's id. */
  @Property({ type: new BigIntType('string') })
  eventId!: string;

  /** The head event's hash. */
  @Property({ type: 'string', length: 64 })
  hash!: string;

  @Property({ type: 'timestamptz' })
  sealedAt!: Date;

  /** SHA-256 of the signing key's public key (SPKI DER), hex. */
  @Property({ type: 'string', length: 64 })
  keyId!: string;

  /** Ed25519 signature over the seal's canonical JSON, base64. */
  @Property({ type: 'text' })
  signature!: string;
}
