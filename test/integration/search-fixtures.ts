/** People made through the ORM for the search tests, so their outbox rows come from the flush subscriber. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ref } from '@mikro-orm/core';
import { Individual } from '../../src/entities/individual.entity.js';
import { Province } from '../../src/entities/administrative-area.entity.js';

const run = Date.now() % 1_000_000_000;

/** A personal ID of this run: `999` is no province code, so no demo person shares it. */
export function testPersonalId(n: number): string {
  return `999${String(run * 100 + n).padStart(9, '0').slice(-9)}`;
}

/** A new individual, persisted (not flushed). */
export async function newIndividual(em: EntityManager, fullName: string, personalId: string, provinceCode = '01'): Promise<Individual> {
  const person = Object.assign(new Individual(), { personalId, fullName, province: ref(await em.findOneOrFail(Province, { code: provinceCode })) });
  em.persist(person);
  return person;
}
