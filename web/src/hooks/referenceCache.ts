// Cached reference data (departments, regions, categories) shared by all pages of a session.
import { directoryApi } from '../api/endpoints';
import type { Category, Department, Region } from '../api/types';

export interface ReferenceData {
  departments: Department[];
  regions: Region[];
  categories: Category[];
}

type Kind = keyof ReferenceData;

const loaders: { [K in Kind]: () => Promise<ReferenceData[K]> } = {
  departments: directoryApi.departments,
  regions: directoryApi.regions,
  categories: directoryApi.categories,
};

const cache = new Map<Kind, Promise<unknown>>();
const listeners = new Set<() => void>();

export function loadReference<K extends Kind>(kind: K): Promise<ReferenceData[K]> {
  let p = cache.get(kind) as Promise<ReferenceData[K]> | undefined;
  if (!p) {
    p = loaders[kind]().catch((e: unknown) => {
      cache.delete(kind);
      throw e;
    });
    cache.set(kind, p);
  }
  return p;
}

/** Forget one kind (after an admin edit) or everything (logout); subscribers reload. */
export function invalidateReference(kind?: Kind): void {
  if (kind) cache.delete(kind);
  else cache.clear();
  listeners.forEach((l) => l());
}

export function clearReferenceCache(): void {
  cache.clear();
}

export function subscribeReference(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
