// The etcd v3 driver (etcd3 npm package, raw KV/Watch RPCs so every answer carries its header
// revision). Writes are single transactions guarded like upstream's etcd3 store: create when
// version == 0, update/delete when mod_revision == expected. URL: etcd://h1:2379,h2:2379?prefix=/x
import { Etcd3 } from 'etcd3';
import type { IRangeRequest, IRangeResponse } from 'etcd3';
import {
  CompactedError, ConflictError, FutureRevisionError, KeyExistsError, KeyNotFoundError, StorageError,
} from './interface.ts';
import type { KeyValue, ListOptions, ListResult, Store, WatchHandlers, Watcher } from './interface.ts';
import { Namespace } from './etcd-keys.ts';
export { normalizeEtcdUrl } from './etcd-url.ts';
import { EtcdWatch } from './etcd-watch.ts';

export interface EtcdOptions {
  /** Endpoints such as http://127.0.0.1:2379. */
  hosts: string[];
  /** Namespace for every key (e.g. /coxswain); '' for none. */
  prefix?: string;
}

function isCompactedError(err: unknown): boolean {
  return err instanceof Error && err.message.includes('required revision has been compacted');
}
function isFutureRevisionError(err: unknown): boolean {
  return err instanceof Error && err.message.includes('required revision is a future revision');
}

export class EtcdStore implements Store {
  private readonly client: Etcd3;
  private readonly ns: Namespace;
  /** The highest compacted revision we know of (from our compactions and etcd's errors). */
  private compacted = 0;
  private readonly watchers = new Set<EtcdWatch>();
  private closed = false;

  constructor(opts: EtcdOptions) {
    this.client = new Etcd3({
      hosts: opts.hosts,
      // gRPC's 4 MB default would fail any large LIST (10k pods ≈ 8 MB); upstream lifts it too.
      grpcOptions: { 'grpc.max_receive_message_length': -1 },
    });
    this.ns = new Namespace(opts.prefix ?? '');
  }

  async get(key: string): Promise<KeyValue | undefined> {
    const res = await this.range({ key: this.ns.key(key) });
    const kv = res.kvs[0];
    return kv === undefined ? undefined : this.ns.kv(kv);
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    const range = this.ns.range(prefix);
    const from = opts.startAfter !== undefined && opts.startAfter >= prefix
      ? this.ns.key(opts.startAfter + '\0') : range.key;
    const res = await this.range({
      key: from, range_end: range.range_end,
      ...(opts.revision ? { revision: opts.revision } : {}),
      ...(opts.limit ? { limit: opts.limit } : {}),
    }, opts.revision);
    const items = res.kvs.map((kv) => this.ns.kv(kv));
    // etcd's count is every key in the range at that revision, whatever the limit.
    return { items, revision: opts.revision || Number(res.header.revision), remaining: Number(res.count) - items.length };
  }

  async count(prefix: string): Promise<number> {
    const res = await this.range({ ...this.ns.range(prefix), count_only: true });
    return Number(res.count);
  }

  async create(key: string, value: string): Promise<KeyValue> {
    const k = this.ns.key(key);
    const res = await this.client.kv.txn({
      compare: [{ key: k, target: 'Version', result: 'Equal', version: 0 }],
      success: [{ request_put: { key: k, value: Buffer.from(value) } }],
      failure: [],
    });
    if (!res.succeeded) throw new KeyExistsError(key);
    const rev = Number(res.header.revision);
    return { key, value, createRevision: rev, modRevision: rev };
  }

  async update(key: string, value: string, expectedRevision: number): Promise<KeyValue> {
    const k = this.ns.key(key);
    const res = await this.client.kv.txn({
      compare: [{ key: k, target: 'Mod', result: 'Equal', mod_revision: expectedRevision }],
      success: [{ request_put: { key: k, value: Buffer.from(value), prev_kv: true } }],
      failure: [{ request_range: { key: k } }],
    });
    if (!res.succeeded) throw this.guardFailure(key, res.responses[0]?.response_range);
    const prev = res.responses[0]?.response_put.prev_kv;
    const rev = Number(res.header.revision);
    return { key, value, createRevision: prev ? Number(prev.create_revision) : rev, modRevision: rev };
  }

  async delete(key: string, expectedRevision?: number): Promise<KeyValue> {
    const k = this.ns.key(key);
    const res = await this.client.kv.txn({
      compare: expectedRevision
        ? [{ key: k, target: 'Mod', result: 'Equal', mod_revision: expectedRevision }]
        : [{ key: k, target: 'Version', result: 'Greater', version: 0 }],
      success: [{ request_delete_range: { key: k, prev_kv: true } }],
      failure: [{ request_range: { key: k } }],
    });
    if (!res.succeeded) throw this.guardFailure(key, res.responses[0]?.response_range);
    const prev = res.responses[0]?.response_delete_range.prev_kvs[0];
    if (prev === undefined) throw new KeyNotFoundError(key);
    return this.ns.kv(prev, Number(res.header.revision));
  }

  watch(prefix: string, fromRevision: number, handlers: WatchHandlers): Watcher {
    if (this.closed) throw new StorageError('store closed');
    const w: EtcdWatch = new EtcdWatch(this.client.watchClient, this.ns, prefix, fromRevision, {
      onEvents: handlers.onEvents,
      onError: (err) => { this.watchers.delete(w); handlers.onError(err); },
    }, (rev) => this.noteCompacted(rev));
    this.watchers.add(w);
    return { close: () => { this.watchers.delete(w); w.close(); } };
  }

  async compact(revision: number): Promise<void> {
    try {
      await this.client.kv.compact({ revision, physical: true });
      this.noteCompacted(revision);
    } catch (err) {
      if (isCompactedError(err)) return; // already compacted at or beyond it: nothing to do
      if (isFutureRevisionError(err)) throw new FutureRevisionError(revision, await this.currentRevision());
      throw err;
    }
  }

  async currentRevision(): Promise<number> {
    // Any key works for the header's revision; with no prefix the empty key is invalid in etcd.
    const res = await this.range({ key: this.ns.key('\u0000'), count_only: true });
    return Number(res.header.revision);
  }

  /**
   * etcd (3.4) has no call that reports its compacted revision, but a read below it fails: so
   * search for the oldest readable revision, starting from what we already know.
   */
  async compactedRevision(): Promise<number> {
    const readable = async (rev: number): Promise<boolean> => {
      try {
        await this.client.kv.range({ key: this.ns.key(''), count_only: true, revision: rev });
        return true;
      } catch (err) {
        if (isCompactedError(err)) return false;
        throw err;
      }
    };
    let lo = Math.max(this.compacted, 1);
    if (await readable(lo)) return this.compacted;
    let hi = await this.currentRevision(); // always readable
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await readable(mid)) hi = mid; else lo = mid;
    }
    this.noteCompacted(hi);
    return this.compacted;
  }

  async health(): Promise<void> {
    await this.client.kv.range({ key: this.ns.key(''), count_only: true }, { deadline: Date.now() + 2000 });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.watchers) w.close();
    this.watchers.clear();
    this.client.close();
  }

  private async range(req: IRangeRequest, revision?: number): Promise<IRangeResponse> {
    try {
      return await this.client.kv.range(req);
    } catch (err) {
      if (revision && isCompactedError(err)) {
        throw new CompactedError(revision, Math.max(this.compacted, await this.compactedRevision()));
      }
      if (revision && isFutureRevisionError(err)) throw new FutureRevisionError(revision, await this.currentRevision());
      throw err;
    }
  }

  private guardFailure(key: string, current: IRangeResponse | undefined): Error {
    const kv = current?.kvs[0];
    return kv === undefined ? new KeyNotFoundError(key) : new ConflictError(key, Number(kv.mod_revision));
  }

  private noteCompacted(rev: number): void {
    if (rev > this.compacted) this.compacted = rev;
  }
}

/**
 * etcd://host:port[?prefix=/coxswain], with more endpoints as ?endpoints=h1:2379,h2:2379 (openStore
 * rewrites etcd://h1:2379,h2:2379 into that form, since URL cannot hold a host list). http only.
 */
export function etcdOptionsFromUrl(url: URL): EtcdOptions {
  const listed = url.searchParams.get('endpoints');
  const authorities = listed !== null ? listed.split(',') : [url.host];
  const hosts = authorities.filter((h) => h !== '').map((h) => `http://${h}`);
  if (hosts.length === 0) throw new Error(`etcd URL has no endpoints: ${url.href}`);
  const prefix = url.searchParams.get('prefix') ?? '';
  return { hosts, prefix: prefix === '/' ? '' : prefix };
}

/** Moves a comma-separated host list (etcd://h1,h2/…) into the endpoints parameter. */

export async function openEtcdStore(url: URL): Promise<Store> {
  const store = new EtcdStore(etcdOptionsFromUrl(url));
  return store;
}
