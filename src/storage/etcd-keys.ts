// Byte-level key handling for the etcd driver: etcd orders and ranges keys as raw bytes, and all
// of our keys live under an optional namespace prefix (etcd://host:port?prefix=/coxswain).
import type { IKeyValue } from 'etcd3';
import type { KeyValue } from './interface.ts';

/** etcd's "every key from here on" range end. */
const ALL_KEYS_AFTER = Buffer.from([0]);

/** The smallest key above every key with this byte prefix (etcd's clientv3.GetPrefixRangeEnd). */
export function bytesPrefixEnd(prefix: Buffer): Buffer {
  for (let i = prefix.length - 1; i >= 0; i--) {
    if ((prefix[i] as number) < 0xff) {
      const end = Buffer.from(prefix.subarray(0, i + 1));
      end[i] = (end[i] as number) + 1;
      return end;
    }
  }
  return ALL_KEYS_AFTER;
}

export class Namespace {
  readonly prefix: string;
  private readonly prefixBytes: number;

  constructor(prefix: string) {
    this.prefix = prefix;
    this.prefixBytes = Buffer.byteLength(prefix);
  }

  key(key: string): Buffer {
    return Buffer.from(this.prefix + key);
  }

  /** [key, rangeEnd) covering every key that starts with prefix. */
  range(prefix: string): { key: Buffer; range_end: Buffer } {
    const key = this.key(prefix);
    return { key, range_end: bytesPrefixEnd(key) };
  }

  /** Our KeyValue from etcd's (the namespace stripped). */
  kv(kv: IKeyValue, modRevision?: number): KeyValue {
    return {
      key: kv.key.subarray(this.prefixBytes).toString(),
      value: kv.value.toString(),
      createRevision: Number(kv.create_revision),
      modRevision: modRevision ?? Number(kv.mod_revision),
    };
  }
}
