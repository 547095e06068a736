import type { Ref } from '@mikro-orm/core';

/** Loads an optional relation; MikroORM's dataloader batches the loads of one tick into one query. */
export function loadOptional<T extends object>(ref: Ref<T> | null | undefined): Promise<T | null> {
  return ref ? (ref.loadOrFail() as Promise<T>) : Promise.resolve(null);
}
