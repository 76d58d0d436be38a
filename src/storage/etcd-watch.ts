// One etcd watch on its own gRPC stream (a few watches per apiserver: the watch cache has one per
// resource). We use the raw Watch RPC rather than etcd3's WatchBuilder because we need the
// compact_revision of a cancelled watch (→ CompactedError) and prevKv on every event. A broken
// stream is re-opened from the last revision seen, so the caller sees no gap and no duplicate.
import type { IEvent, IWatchRequest, IWatchResponse, WatchClient } from 'etcd3';
import { CompactedError, StorageError } from './interface.ts';
import type { WatchEvent, WatchHandlers, Watcher } from './interface.ts';
import type { Namespace } from './etcd-keys.ts';

interface Stream {
  write(req: IWatchRequest): unknown;
  on(event: 'data', fn: (res: IWatchResponse) => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
  on(event: 'end', fn: () => void): unknown;
  cancel?: () => void;
  end(): unknown;
}

const MAX_BACKOFF_MS = 2000;

export class EtcdWatch implements Watcher {
  private readonly client: WatchClient;
  private readonly ns: Namespace;
  private readonly prefix: string;
  private readonly handlers: WatchHandlers;
  private readonly onCompacted: (rev: number) => void;
  private readonly requested: number;
  /** The last revision whose events were all delivered (0: not known yet, "from now"). */
  private seen: number;
  private stream: Stream | undefined;
  private closed = false;
  private backoffMs = 50;

  constructor(client: WatchClient, ns: Namespace, prefix: string, fromRevision: number, handlers: WatchHandlers,
    onCompacted: (rev: number) => void) {
    this.client = client;
    this.ns = ns;
    this.prefix = prefix;
    this.handlers = handlers;
    this.onCompacted = onCompacted;
    this.requested = fromRevision;
    this.seen = fromRevision;
    void this.open();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.teardown();
  }

  private async open(): Promise<void> {
    let stream: Stream;
    try {
      stream = await this.client.watch() as unknown as Stream;
    } catch (err) {
      this.retry(err);
      return;
    }
    if (this.closed) { stream.cancel?.(); stream.end(); return; }
    this.stream = stream;
    stream.on('data', (res) => this.onResponse(stream, res));
    stream.on('error', (err) => { if (this.stream === stream) this.retry(err); });
    stream.on('end', () => { if (this.stream === stream) this.retry(new StorageError('etcd watch stream ended')); });
    stream.write({
      create_request: {
        ...this.ns.range(this.prefix),
        // Absent start_revision means "from now"; after a reconnect we resume after `seen`.
        ...(this.seen > 0 ? { start_revision: this.seen + 1 } : {}),
        prev_kv: true,
        progress_notify: true,
      },
    });
  }

  private onResponse(stream: Stream, res: IWatchResponse): void {
    if (this.closed || this.stream !== stream) return;
    this.backoffMs = 50;
    const compactRevision = Number(res.compact_revision);
    if (res.canceled || compactRevision > 0) {
      if (compactRevision > 0) {
        this.onCompacted(compactRevision);
        this.fail(new CompactedError(this.requested || this.seen, compactRevision));
      } else {
        this.fail(new StorageError(`etcd cancelled the watch: ${res.cancel_reason || 'no reason given'}`));
      }
      return;
    }
    const headerRevision = Number(res.header.revision);
    if (res.created) {
      if (this.seen === 0) this.seen = headerRevision;
      return;
    }
    if (res.events.length === 0) {
      // A progress notification: every event up to the header revision has been sent.
      this.seen = Math.max(this.seen, headerRevision);
      return;
    }
    const events: WatchEvent[] = [];
    for (const ev of res.events) {
      const converted = this.convert(ev);
      if (converted.kv.modRevision > this.seen) events.push(converted);
    }
    const last = events[events.length - 1];
    if (last === undefined) return;
    this.seen = last.kv.modRevision;
    this.handlers.onEvents(events);
  }

  private convert(ev: IEvent): WatchEvent {
    const prevKv = ev.prev_kv ? this.ns.kv(ev.prev_kv) : undefined;
    if (ev.type === 'Delete') {
      // etcd's delete kv has no value; ours carries the value it had.
      const rev = Number(ev.kv.mod_revision);
      const kv = prevKv ? { ...prevKv, modRevision: rev } : this.ns.kv(ev.kv, rev);
      return prevKv ? { type: 'DELETE', kv, prevKv } : { type: 'DELETE', kv };
    }
    const kv = this.ns.kv(ev.kv);
    if (kv.createRevision === kv.modRevision || prevKv === undefined) return { type: 'PUT', kv };
    return { type: 'PUT', kv, prevKv };
  }

  private retry(err: unknown): void {
    if (this.closed) return;
    this.teardown();
    if (this.seen === 0) {
      // We never learnt where "now" was, so resuming could skip or repeat events.
      this.fail(err instanceof Error ? err : new StorageError(String(err)));
      return;
    }
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    setTimeout(() => { if (!this.closed) void this.open(); }, delay).unref();
  }

  private fail(err: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.teardown();
    this.handlers.onError(err);
  }

  private teardown(): void {
    const stream = this.stream;
    this.stream = undefined;
    if (stream === undefined) return;
    try { stream.cancel?.(); stream.end(); } catch { /* already gone */ }
  }
}
