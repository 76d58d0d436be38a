// client-go's Reflector: list (in pages) into a store, then watch from the list's resourceVersion
// with bookmarks. A watch that ends is resumed from the last resourceVersion seen; an expired
// resourceVersion (410) or an ERROR event leads to a relist; failures back off (jittered,
// exponential, capped) so a sick apiserver is not hammered.

import { isStatusError } from '../../api/errors.ts';
import { Backoff } from '../backoff.ts';
import type { BackoffOptions } from '../backoff.ts';
import { realClock, sleep } from '../clock.ts';
import type { Clock } from '../clock.ts';
import type { MetaObject } from '../object.ts';
import type { ListOptions } from '../request.ts';
import { isResourceExpired, statusErrorFromStatus } from '../status.ts';
import { RequestNotSentError } from '../transport.ts';
import type { ListerWatcher } from './listwatch.ts';

/** Where a reflector puts what it sees. */
export interface ReflectorStore<T> {
  replace(items: T[], resourceVersion: string): void;
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T): void;
}

export interface ReflectorOptions {
  /** For log lines, e.g. "configmaps". */
  name?: string;
  /** Items per list page (client-go: 500). */
  pageSize?: number;
  backoff?: BackoffOptions;
  clock?: Clock;
  /** Server-side timeout of each watch; default a random 5–10 minutes, as client-go. */
  watchTimeoutSeconds?: () => number;
  onError?: (err: unknown, name: string) => void;
}

class WatchEnded extends Error {}

export class Reflector<T extends MetaObject> {
  readonly name: string;
  private readonly lw: ListerWatcher<T>;
  private readonly store: ReflectorStore<T>;
  private readonly pageSize: number;
  private readonly backoff: Backoff;
  private readonly clock: Clock;
  private readonly watchTimeout: () => number;
  private readonly onError: (err: unknown, name: string) => void;
  private readonly abort = new AbortController();
  private lastSyncRV = '';
  /** The last list's RV was rejected as expired: the next list reads the latest state. */
  private lastSyncRVUnavailable = false;
  private stopWatch: (() => void) | undefined;
  private running: Promise<void> | undefined;
  /** How many lists have completed (for tests and metrics). */
  listCount = 0;

  constructor(lw: ListerWatcher<T>, store: ReflectorStore<T>, opts: ReflectorOptions = {}) {
    this.lw = lw;
    this.store = store;
    this.name = opts.name ?? 'reflector';
    this.pageSize = opts.pageSize ?? 500;
    this.clock = opts.clock ?? realClock;
    this.backoff = new Backoff({ clock: this.clock, ...opts.backoff });
    this.watchTimeout = opts.watchTimeoutSeconds ?? (() => Math.floor(300 * (1 + Math.random())));
    this.onError = opts.onError ?? ((err, name) => {
      process.stderr.write(`reflector ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  }

  /** The resourceVersion of the last list or event seen. */
  get lastSyncResourceVersion(): string {
    return this.lastSyncRV;
  }

  /** Starts listing and watching until stop(); resolves when stopped. */
  run(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  stop(): Promise<void> {
    if (!this.abort.signal.aborted) this.abort.abort(new Error('reflector stopped'));
    this.stopWatch?.();
    return this.running ?? Promise.resolve();
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.listAndWatch();
      } catch (err) {
        if (this.stopped) break;
        this.onError(err, this.name);
      }
      if (this.stopped) break;
      await sleep(this.clock, this.backoff.next(), this.abort.signal).catch(() => {});
    }
  }

  private relistResourceVersion(): string {
    if (this.lastSyncRVUnavailable) return '';
    return this.lastSyncRV || '0';
  }

  private async listAndWatch(): Promise<void> {
    await this.list();
    for (;;) {
      if (this.stopped) return;
      try {
        const started = this.clock.now();
        const events = await this.watch();
        // A watch that ends at once with nothing in it (client-go's "very short watch"): back off.
        if (events === 0 && this.clock.now() - started < 1000 && !this.stopped) {
          await sleep(this.clock, this.backoff.next(), this.abort.signal).catch(() => {});
        }
      } catch (err) {
        if (this.stopped) return;
        // The apiserver is unreachable: retry the watch where it ended rather than relisting.
        if (err instanceof RequestNotSentError || isNetworkError(err)) {
          this.onError(err, this.name);
          await sleep(this.clock, this.backoff.next(), this.abort.signal).catch(() => {});
          continue;
        }
        throw err;
      }
    }
  }

  private async list(): Promise<void> {
    const rv = this.relistResourceVersion();
    let items: T[];
    let listRV: string;
    try {
      ({ items, listRV } = await this.listPages(rv));
    } catch (err) {
      if (!isResourceExpired(err) || rv === '') throw err;
      // The RV we asked for is compacted away: read the latest state instead.
      this.lastSyncRVUnavailable = true;
      ({ items, listRV } = await this.listPages(''));
    }
    this.lastSyncRVUnavailable = false;
    this.store.replace(items, listRV);
    this.lastSyncRV = listRV;
    this.listCount++;
  }

  private async listPages(rv: string): Promise<{ items: T[]; listRV: string }> {
    const items: T[] = [];
    let cont: string | undefined;
    let listRV = '';
    do {
      const opts: ListOptions = { limit: this.pageSize };
      if (cont) opts.continue = cont;
      else if (rv) opts.resourceVersion = rv;
      let page;
      try {
        page = await this.lw.list(opts, this.abort.signal);
      } catch (err) {
        // An expired continue token: fall back to one full list, as client-go's pager does.
        if (!cont || !isResourceExpired(err)) throw err;
        page = await this.lw.list(rv ? { resourceVersion: rv } : {}, this.abort.signal);
        items.length = 0;
      }
      for (const item of page.items) items.push(item);
      listRV = page.metadata?.resourceVersion ?? listRV;
      cont = page.metadata?.continue || undefined;
    } while (cont && !this.stopped);
    return { items, listRV };
  }

  /** One watch from lastSyncRV; returns its event count when it ends normally, throws to relist. */
  private async watch(): Promise<number> {
    let events = 0;
    const w = this.lw.watch({
      resourceVersion: this.lastSyncRV,
      allowWatchBookmarks: true,
      timeoutSeconds: this.watchTimeout(),
    });
    this.stopWatch = () => w.stop();
    if (this.stopped) w.stop();
    try {
      for await (const ev of w) {
        if (ev.type === 'ERROR') throw statusErrorFromStatus(ev.object);
        events++;
        const rv = ev.object.metadata?.resourceVersion;
        switch (ev.type) {
          case 'ADDED': this.store.add(ev.object); break;
          case 'MODIFIED': this.store.update(ev.object); break;
          case 'DELETED': this.store.delete(ev.object); break;
          case 'BOOKMARK': break;
        }
        if (rv) this.lastSyncRV = rv;
      }
    } catch (err) {
      if (isStatusError(err)) throw err;
      if (err instanceof RequestNotSentError) throw err;
      // The stream broke mid-way: resume from the last RV, like an ended watch.
      if (this.stopped) return events;
      this.onError(new WatchEnded(`watch broke: ${err instanceof Error ? err.message : String(err)}`), this.name);
    } finally {
      this.stopWatch = undefined;
      w.stop();
    }
    return events;
  }
}

function isNetworkError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT' || code === 'EPIPE';
}
