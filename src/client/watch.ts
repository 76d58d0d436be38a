// A watch as an async iterable of events decoded from the newline-delimited JSON stream the
// apiserver writes (one {"type","object"} per line). Reading pauses the HTTP/2 stream when the
// consumer falls behind, so flow control pushes back on the server instead of buffering here.

import type { Status } from '../api/errors.ts';
import { isPlainObject } from '../api/types.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export type WatchEvent<T> =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: T }
  | { type: 'ERROR'; object: Status };

/** What the watch reads from: the response body stream. */
export interface ByteStream {
  on(event: 'data', fn: (chunk: Buffer) => void): unknown;
  on(event: 'end', fn: () => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
  on(event: 'close', fn: () => void): unknown;
  pause(): unknown;
  resume(): unknown;
  destroy(): unknown;
}

const HighWater = 256;
const LowWater = 32;
const eventTypes = new Set<string>(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

export class WatchStream<T> implements AsyncIterable<WatchEvent<T>> {
  private readonly events: WatchEvent<T>[] = [];
  private head = 0;
  private wake: (() => void) | undefined;
  private ended = false;
  private error: unknown;
  private stream: ByteStream | undefined;
  private paused = false;
  private readonly abort = new AbortController();
  private pending: Buffer[] = [];

  /** `open` starts the request; it gets a signal that stop() aborts. */
  constructor(open: (signal: AbortSignal) => Promise<ByteStream>) {
    open(this.abort.signal).then((s) => this.attach(s), (err: unknown) => this.finish(this.abort.signal.aborted ? undefined : err));
  }

  /** Ends the watch: the server's stream is cancelled and iteration finishes. */
  stop(): void {
    if (!this.abort.signal.aborted) this.abort.abort(new Error('watch stopped'));
    this.stream?.destroy();
    this.finish(undefined);
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private attach(s: ByteStream): void {
    if (this.ended) { s.destroy(); return; }
    this.stream = s;
    s.on('data', (chunk: Buffer) => this.onData(chunk));
    s.on('end', () => { this.flushTail(); this.finish(undefined); });
    s.on('close', () => { this.flushTail(); this.finish(undefined); });
    s.on('error', (err) => this.finish(this.abort.signal.aborted ? undefined : err));
  }

  private onData(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      start = nl + 1;
      if (this.pending.length) {
        this.pending.push(piece);
        const line = Buffer.concat(this.pending);
        this.pending = [];
        this.decode(line);
      } else {
        this.decode(piece);
      }
      if (this.ended) return;
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  /** A last event without a trailing newline. */
  private flushTail(): void {
    if (!this.pending.length || this.ended) return;
    const line = Buffer.concat(this.pending);
    this.pending = [];
    this.decode(line);
  }

  private decode(line: Buffer): void {
    if (line.length === 0 || (line.length === 1 && line[0] === 13)) return;
    let ev: unknown;
    try {
      ev = JSON.parse(line.toString('utf8'));
    } catch (err) {
      this.fail(new Error(`watch: undecodable event: ${(err as Error).message}`));
      return;
    }
    if (!isPlainObject(ev) || typeof ev['type'] !== 'string' || !eventTypes.has(ev['type']) || !isPlainObject(ev['object'])) {
      this.fail(new Error(`watch: unexpected event ${line.toString('utf8').slice(0, 200)}`));
      return;
    }
    this.events.push(ev as WatchEvent<T>);
    if (!this.paused && this.events.length - this.head >= HighWater) {
      this.paused = true;
      this.stream?.pause();
    }
    this.notify();
  }

  private fail(err: Error): void {
    this.stream?.destroy();
    this.finish(err);
  }

  private finish(err: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.error = err;
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<WatchEvent<T>> {
    try {
      for (;;) {
        if (this.abort.signal.aborted) return;
        if (this.head < this.events.length) {
          const ev = this.events[this.head] as WatchEvent<T>;
          this.head++;
          if (this.head > 1024 && this.head * 2 > this.events.length) {
            this.events.splice(0, this.head);
            this.head = 0;
          }
          if (this.paused && this.events.length - this.head <= LowWater) {
            this.paused = false;
            this.stream?.resume();
          }
          yield ev;
          continue;
        }
        if (this.ended) {
          if (this.error !== undefined && !this.abort.signal.aborted) throw this.error;
          return;
        }
        await new Promise<void>((resolve) => { this.wake = resolve; });
      }
    } finally {
      // Leaving the loop early (break/throw) ends the watch.
      if (!this.ended) this.stop();
      else this.stream?.destroy();
    }
  }
}
