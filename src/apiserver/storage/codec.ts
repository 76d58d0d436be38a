// Objects are stored as JSON without metadata.resourceVersion; the revision of the storage
// write is the resourceVersion (as upstream's etcd3 store does).

import type { KubeObject } from '../../api/types.ts';
import type { KeyValue } from '../../storage/interface.ts';

export function encode(obj: KubeObject): string {
  const { resourceVersion: _rv, ...meta } = obj.metadata;
  return JSON.stringify({ ...obj, metadata: meta });
}

export function decode(kv: KeyValue, revision = kv.modRevision): KubeObject {
  const obj = JSON.parse(kv.value) as KubeObject;
  obj.metadata.resourceVersion = String(revision);
  return obj;
}

const jsonCache = new WeakMap<object, string>();

/** JSON of an immutable cached object, computed once and shared by every watcher and list. */
export function jsonOf(obj: object): string {
  let s = jsonCache.get(obj);
  if (s === undefined) {
    s = JSON.stringify(obj);
    jsonCache.set(obj, s);
  }
  return s;
}
