// An EventRecorder writing core/v1 Events the way client-go's record package does: identical
// events (same object, type, reason, message, source) are folded into one Event whose count and
// lastTimestamp are PATCHed; many different messages with the same reason on one object within
// ten minutes are combined; and each object has a spam budget (a token bucket: 25 at once, then
// one per five minutes). Recording never blocks or throws; writes happen in the background
// through a bounded queue drained by a few writers (client-go's broadcaster: one sink goroutine
// and at most 1000 queued events, newer ones dropped when full), so that a burst of events never
// competes with the component's own requests.

import os from 'node:os';
import { format } from 'node:util';
import type { Event, ObjectReference } from 'kubernetes-types/core/v1.js';
import { realClock } from './clock.ts';
import type { Clock } from './clock.ts';
import { TokenBucket } from './flowcontrol.ts';
import type { MetaObject } from './object.ts';
import type { RestClient } from './rest.ts';
import { isNotFound } from './status.ts';
import { ResourceClient, resources } from './typed.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventRecorderOptions {
  client: RestClient;
  /** source.component and reportingComponent, e.g. "default-scheduler". */
  component: string;
  /** source.host and reportingInstance; the machine's hostname by default. */
  host?: string;
  clock?: Clock;
  /** Spam filter per object: burst, and one more token per refill interval. */
  spamBurst?: number;
  spamRefillMs?: number;
  /** How many distinct events and objects are remembered (LRU). */
  cacheSize?: number;
  /** Events written at once (default 1, like client-go's single sink goroutine). */
  maxInFlightWrites?: number;
  /** Events waiting to be written at most; new ones beyond are dropped (default 1000). */
  maxQueuedEvents?: number;
  onError?: (err: unknown) => void;
}

/** The pieces of an Event that identify repeats. */
interface Recorded {
  name: string;
  namespace: string;
  event: Event;
  /** Written to the server already (then later repeats are patches). */
  created: boolean;
  /** Changed since the last write. */
  dirty: boolean;
  /** Waiting in the queue, or being written (then later changes are written by that writer). */
  queued: boolean;
  writing: boolean;
}

interface Similar { messages: Set<string>; since: number }

const SimilarMax = 10;
const SimilarIntervalMs = 10 * 60 * 1000;
const CombinedPrefix = '(combined from similar events): ';

/** A small LRU map. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  private readonly max: number;
  constructor(max: number) { this.max = max; }
  get(k: string): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined) { this.map.delete(k); this.map.set(k, v); }
    return v;
  }
  set(k: string, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
}

function seconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An ObjectReference to an object; its kind and apiVersion must be set. */
export function referenceTo(obj: MetaObject | ObjectReference): ObjectReference {
  if (!('metadata' in obj) && 'name' in obj) return obj as ObjectReference;
  const o = obj as MetaObject;
  if (!o.kind || !o.apiVersion) throw new Error(`cannot refer to ${o.metadata?.name ?? 'an object'} without kind and apiVersion`);
  const ref: ObjectReference = { kind: o.kind, apiVersion: o.apiVersion, name: o.metadata?.name ?? '' };
  if (o.metadata?.namespace) ref.namespace = o.metadata.namespace;
  if (o.metadata?.uid) ref.uid = o.metadata.uid;
  if (o.metadata?.resourceVersion) ref.resourceVersion = o.metadata.resourceVersion;
  return ref;
}

export class EventRecorder {
  private readonly events: ResourceClient<Event>;
  private readonly component: string;
  private readonly host: string;
  private readonly clock: Clock;
  private readonly spamBurst: number;
  private readonly spamQps: number;
  private readonly onError: (err: unknown) => void;
  private readonly recorded: Lru<Recorded>;
  private readonly similar: Lru<Similar>;
  private readonly spam: Lru<TokenBucket>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxInFlight: number;
  private readonly maxQueued: number;
  private queue: Recorded[] = [];
  private queueHead = 0;
  private dropping = false;
  private seq = 0;
  /** Events dropped because the queue was full. */
  dropped = 0;

  constructor(o: EventRecorderOptions) {
    this.events = new ResourceClient<Event>(o.client, resources.events);
    this.component = o.component;
    this.host = o.host ?? os.hostname();
    this.clock = o.clock ?? realClock;
    this.spamBurst = o.spamBurst ?? 25;
    this.spamQps = 1000 / (o.spamRefillMs ?? 5 * 60 * 1000);
    const size = o.cacheSize ?? 4096;
    this.recorded = new Lru(size);
    this.similar = new Lru(size);
    this.spam = new Lru(size);
    this.maxInFlight = Math.max(1, o.maxInFlightWrites ?? 1);
    this.maxQueued = Math.max(1, o.maxQueuedEvents ?? 1000);
    this.onError = o.onError ?? ((err) => {
      process.stderr.write(`event recorder ${this.component}: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  }

  /** Records an event about an object (which needs kind and apiVersion) or an ObjectReference. */
  event(obj: MetaObject | ObjectReference, type: EventType, reason: string, message: string): void {
    let ref: ObjectReference;
    try {
      ref = referenceTo(obj);
    } catch (err) {
      this.onError(err);
      return;
    }
    const now = this.clock.now();
    const objKey = [ref.kind, ref.apiVersion, ref.namespace ?? '', ref.name ?? '', ref.uid ?? '', ref.fieldPath ?? ''].join('\u0000');
    const source = `${this.component}\u0000${this.host}`;
    if (!this.allow(`${source}\u0000${objKey}`)) return;

    // Many different messages for the same reason: fold them into one combined event.
    const aggKey = [source, objKey, type, reason].join('\u0000');
    let sim = this.similar.get(aggKey);
    if (!sim || now - sim.since > SimilarIntervalMs) sim = { messages: new Set(), since: now };
    sim.messages.add(message);
    this.similar.set(aggKey, sim);
    if (sim.messages.size >= SimilarMax) message = CombinedPrefix + message;
    const key = sim.messages.size >= SimilarMax ? `${aggKey}\u0000combined` : `${aggKey}\u0000${message}`;

    const ts = seconds(now);
    const rec = this.recorded.get(key);
    if (rec) {
      rec.event.count = (rec.event.count ?? 1) + 1;
      rec.event.lastTimestamp = ts;
      rec.event.message = message;
      rec.dirty = true;
      this.schedule(rec);
      return;
    }
    const namespace = ref.namespace || 'default';
    const name = `${ref.name}.${this.hexTimestamp(now)}`;
    const ev: Event = {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name, namespace },
      involvedObject: ref,
      reason, message, type,
      source: { component: this.component, host: this.host },
      firstTimestamp: ts, lastTimestamp: ts, count: 1,
      reportingComponent: this.component, reportingInstance: this.host,
    };
    const fresh: Recorded = { name, namespace, event: ev, created: false, dirty: true, queued: false, writing: false };
    this.recorded.set(key, fresh);
    this.schedule(fresh);
  }

  eventf(obj: MetaObject | ObjectReference, type: EventType, reason: string, fmt: string, ...args: unknown[]): void {
    this.event(obj, type, reason, format(fmt, ...args));
  }

  /** Resolves once every event recorded so far is written (or has failed). */
  async flush(): Promise<void> {
    // While anything is queued all writers are busy, so waiting on them drains the queue.
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /** Events waiting for a writer. */
  get queued(): number { return this.queue.length - this.queueHead; }

  private allow(key: string): boolean {
    let bucket = this.spam.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.spamQps, this.spamBurst, this.clock);
      this.spam.set(key, bucket);
    }
    return bucket.tryAccept();
  }

  /** Like client-go: "<name>.<hex of the time in ns>", kept unique within a millisecond. */
  private hexTimestamp(ms: number): string {
    this.seq = (this.seq + 1) % 1_000_000;
    return (BigInt(ms) * 1_000_000n + BigInt(this.seq)).toString(16);
  }

  /** Queues a changed event unless it is queued or being written already (then it folds in). */
  private schedule(rec: Recorded): void {
    if (rec.queued || rec.writing) return;
    if (this.queued >= this.maxQueued) {
      this.dropped++;
      if (!this.dropping) this.onError(new Error(`event queue full (${this.maxQueued}): dropping events`));
      this.dropping = true;
      return;
    }
    this.dropping = false;
    rec.queued = true;
    this.queue.push(rec);
    this.pump();
  }

  private pump(): void {
    while (this.inFlight.size < this.maxInFlight && this.queueHead < this.queue.length) {
      const rec = this.queue[this.queueHead++] as Recorded;
      if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.queueHead);
        this.queueHead = 0;
      }
      rec.queued = false;
      rec.writing = true;
      const p = this.write(rec).finally(() => {
        rec.writing = false;
        this.inFlight.delete(p);
        // A repeat recorded between the last write and here.
        if (rec.dirty) this.schedule(rec);
        this.pump();
      });
      this.inFlight.add(p);
    }
  }

  private async write(rec: Recorded): Promise<void> {
    while (rec.dirty) {
      rec.dirty = false;
      const ev = rec.event;
      try {
        if (!rec.created) {
          await this.events.create(ev);
          rec.created = true;
          continue;
        }
        try {
          await this.events.namespace(rec.namespace).patch(rec.name, 'merge', {
            count: ev.count, lastTimestamp: ev.lastTimestamp, message: ev.message,
          });
        } catch (err) {
          if (!isNotFound(err)) throw err;
          // The event expired or was deleted: start a new one with the running count.
          rec.name = `${ev.involvedObject.name}.${this.hexTimestamp(this.clock.now())}`;
          ev.metadata = { ...ev.metadata, name: rec.name };
          await this.events.create(ev);
        }
      } catch (err) {
        this.onError(err);
      }
    }
  }
}
