// In-process watch fan-out for drivers that own their data (memory, sqlite): the driver publishes
// every committed event once; each watcher keeps its own queue so a replay from an old revision
// is delivered before live events, with no gap and no duplicate (lastRevision filters both).
import type { WatchEvent, WatchHandlers, Watcher } from './interface.ts';

interface HubWatcher {
  prefix: string;
  handlers: WatchHandlers;
  /** Highest revision queued for this watcher; later events must be above it. */
  lastRevision: number;
  queue: WatchEvent[];
  /** A revision outside the prefix to report through onProgress (0: none). */
  progress: number;
  scheduled: boolean;
  closed: boolean;
}

export class WatchHub {
  private readonly watchers = new Set<HubWatcher>();

  /**
   * Registers a watcher. `replay` holds the stored events after fromRevision (already filtered by
   * prefix) and `current` the revision they are complete up to; both must be read synchronously
   * with this call so no committed write falls between them.
   */
  add(prefix: string, handlers: WatchHandlers, replay: WatchEvent[], current: number): Watcher {
    const w: HubWatcher = { prefix, handlers, lastRevision: current, queue: replay, progress: 0, scheduled: false, closed: false };
    this.watchers.add(w);
    if (replay.length > 0) this.schedule(w);
    return { close: () => { w.closed = true; w.queue = []; this.watchers.delete(w); } };
  }

  /** Ends a watch with an error before it delivered anything (e.g. CompactedError). */
  fail(handlers: WatchHandlers, err: Error): Watcher {
    let closed = false;
    queueMicrotask(() => { if (!closed) handlers.onError(err); });
    return { close: () => { closed = true; } };
  }

  /** Called by the driver right after a write commits, in revision order. */
  publish(ev: WatchEvent): void {
    const rev = ev.kv.modRevision;
    for (const w of this.watchers) {
      if (rev <= w.lastRevision) continue;
      w.lastRevision = rev;
      if (ev.kv.key.startsWith(w.prefix)) {
        w.queue.push(ev);
      } else {
        // Nothing for this watcher up to rev: tell it so (consistent reads from watch caches).
        if (!w.handlers.onProgress) continue;
        w.progress = rev;
      }
      this.schedule(w);
    }
  }

  /** Ends every watch (store closing). */
  closeAll(err: Error): void {
    for (const w of this.watchers) {
      w.closed = true;
      w.queue = [];
      queueMicrotask(() => w.handlers.onError(err));
    }
    this.watchers.clear();
  }

  private schedule(w: HubWatcher): void {
    if (w.scheduled) return;
    w.scheduled = true;
    queueMicrotask(() => {
      w.scheduled = false;
      if (w.closed) return;
      const batch = w.queue;
      const progress = w.progress;
      w.queue = [];
      w.progress = 0;
      try {
        if (batch.length > 0) w.handlers.onEvents(batch);
        const last = batch[batch.length - 1];
        if (progress > 0 && (!last || progress > last.kv.modRevision)) w.handlers.onProgress?.(progress);
      } catch (err) {
        // A throwing handler is a bug in the caller; surface it instead of corrupting the store.
        queueMicrotask(() => { throw err; });
      }
    });
  }
}
