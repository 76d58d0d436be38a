// Objects are stored as JSON without metadata.resourceVersion; the revision of the storage
// write is the resourceVersion (as upstream's etcd3 store does). A value transformer (encryption
// at rest) may wrap the stored bytes per resource.

import type { KubeObject } from '../../api/types.ts';
import type { KeyValue } from '../../storage/interface.ts';
import { storedJSON } from './cached.ts';

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

  /** What is written to storage for obj; apiVersion, kind and metadata come first (see servedJSON). */
  encode(key: string, obj: KubeObject): string {
    const json = storedJSON(obj);
    return this.transformer ? this.transformer.toStorage(key, json) : json;
  }

  /** The plain JSON of a stored value (decrypted), without resourceVersion. */
  plain(kv: KeyValue): string {
    return this.transformer ? this.transformer.fromStorage(kv.key, kv.value) : kv.value;
  }

  decode(kv: KeyValue, revision = kv.modRevision): KubeObject {
    const obj = JSON.parse(this.plain(kv)) as KubeObject;
    obj.metadata.resourceVersion = String(revision);
    return obj;
  }
}

export const plainCodec = new Codec();
