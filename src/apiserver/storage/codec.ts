// Objects are stored as JSON without metadata.resourceVersion; the revision of the storage
// write is the resourceVersion (as upstream's etcd3 store does). A value transformer (encryption
// at rest) may wrap the stored bytes per resource.

import type { KubeObject } from '../../api/types.ts';
import type { KeyValue } from '../../storage/interface.ts';

/** Turns stored values into plain ones and back, e.g. encryption at rest (upstream's value.Transformer). */
export interface ValueTransformer {
  /** Plain JSON → what is written to storage (authenticated with the key as context). */
  toStorage(key: string, plain: string): string;
  /** What storage holds → plain JSON; throws when the value cannot be read (wrong key, tampering). */
  fromStorage(key: string, stored: string): string;
}

export class Codec {
  private readonly transformer: ValueTransformer | undefined;
  constructor(transformer?: ValueTransformer) { this.transformer = transformer; }

  encode(key: string, obj: KubeObject): string {
    const { resourceVersion: _rv, ...meta } = obj.metadata;
    const json = JSON.stringify({ ...obj, metadata: meta });
    return this.transformer ? this.transformer.toStorage(key, json) : json;
  }

  decode(kv: KeyValue, revision = kv.modRevision): KubeObject {
    const json = this.transformer ? this.transformer.fromStorage(kv.key, kv.value) : kv.value;
    const obj = JSON.parse(json) as KubeObject;
    obj.metadata.resourceVersion = String(revision);
    return obj;
  }
}

export const plainCodec = new Codec();

const jsonCache = new WeakMap<object, string>();

/**
 * JSON of an immutable cached object, computed once per watch event and shared by every watcher
 * it is sent to; the watch cache forgets it after dispatch, so cached objects do not carry a
 * second (serialized) copy of themselves in memory.
 */
export function jsonOf(obj: object): string {
  let s = jsonCache.get(obj);
  if (s === undefined) {
    s = JSON.stringify(obj);
    jsonCache.set(obj, s);
  }
  return s;
}

/** Drops the serialized form of obj (after a watch event was dispatched). */
export function forgetJSON(obj: object): void {
  jsonCache.delete(obj);
}
