import type { Reference, Ref } from '@mikro-orm/core';

/** Loads of entities under way, by the identity map's instance (one per row and EntityManager). */
const loading = new WeakMap<object, Promise<unknown>>();

/**
 * Loads a relation, joining a load of the same entity already under way.
 * MikroORM's dataloader batches the loads of one tick into one query, but a load
 * asked for a tick later (a document's owner, found once the documents arrive)
 * would fetch the same row again while the first batch (the applicants) is still
 * running: how many statements a request makes would then depend on timing.
 */
export function loadRef<T extends object>(ref: Ref<T>): Promise<T> {
  const entity = (ref as Reference<T>).unwrap();
  if (ref.isInitialized()) return Promise.resolve(entity);
  let load = loading.get(entity) as Promise<T> | undefined;
  if (!load) {
    load = ref.loadOrFail() as Promise<T>;
    loading.set(entity, load);
    const forget = () => loading.delete(entity);
    load.then(forget, forget);
  }
  return load;
}

/** Loads an optional relation (see loadRef). */
export function loadOptional<T extends object>(ref: Ref<T> | null | undefined): Promise<T | null> {
  return ref ? loadRef(ref) : Promise.resolve(null);
}
