// What admission plugins read and write besides the request: other objects from the apiserver's
// watch caches (upstream's informer listers) and, for quota, a compare-and-swap status write.

import { forbidden } from '../api/errors.ts';
import type { StatusError } from '../api/errors.ts';
import type { KubeObject } from '../api/types.ts';
import type { AdmissionAttributes } from './interface.ts';

export interface ObjectReader {
  /** Objects of a resource from the watch cache; namespace '' lists every namespace. */
  list(group: string, resource: string, namespace?: string): KubeObject[];
  /** One object from the watch cache. */
  get(group: string, resource: string, namespace: string, name: string): KubeObject | undefined;
  /** A consistent read from storage, for when the cache may lag a just-made write. */
  getLive(group: string, resource: string, namespace: string, name: string): Promise<KubeObject | undefined>;
}

/** The object from the watch cache or, when the cache lacks it (it may lag a just-made write), a live read. */
export function cachedOrLive(reader: ObjectReader, group: string, resource: string, namespace: string, name: string): KubeObject | Promise<KubeObject | undefined> {
  return reader.get(group, resource, namespace, name) ?? reader.getLive(group, resource, namespace, name);
}

/** Goes on with a read now when the cache answered it, or once the live read resolves. */
export function whenRead<T>(read: T | Promise<T>, next: (value: T) => void): void | Promise<void> {
  return read instanceof Promise ? read.then(next) : next(read);
}

/** Writes an object's status with compare-and-swap (retried on conflicts); fn returns undefined to skip. */
export type StatusUpdater = (group: string, resource: string, namespace: string, name: string,
  fn: (current: KubeObject) => KubeObject | undefined) => Promise<KubeObject | undefined>;

/** An in-memory reader over fixed objects (for tests and tools). */
export function staticReader(objects: Record<string, KubeObject[]>): ObjectReader {
  const all = (group: string, resource: string): KubeObject[] => objects[`${group}/${resource}`] ?? [];
  const find = (group: string, resource: string, namespace: string, name: string): KubeObject | undefined =>
    all(group, resource).find((o) => o.metadata.name === name && (o.metadata.namespace ?? '') === namespace);
  return {
    list: (group, resource, namespace = '') => all(group, resource).filter((o) => !namespace || o.metadata.namespace === namespace),
    get: find,
    getLive: async (group, resource, namespace, name) => find(group, resource, namespace, name),
  };
}

/** upstream's admission.NewForbidden: `<resource> "<name>" is forbidden: <why>`. */
export function admissionForbidden(a: AdmissionAttributes, why: string): StatusError {
  return forbidden({ group: a.type.group, kind: a.type.kind, resource: a.type.resource }, a.name, why);
}

export function isPod(a: AdmissionAttributes): boolean {
  return a.type.group === '' && a.type.resource === 'pods';
}
