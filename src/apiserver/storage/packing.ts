// Compression of cold watch-cache entries. Objects of one resource look alike (a pod is mostly
// the same keys, images and managed fields as its siblings), so each is deflated against a
// recent sibling as a preset dictionary: a 3 kB pod keeps ~0.3 kB. Entries are packed in the
// background a second or two after they were written (fifteen when an update wrote them), in
// slices of a few milliseconds, so writes never wait for it and fresh objects (the ones watchers
// and writers touch) stay as text. While the event loop is saturated (a burst of writes),
// packing waits until the burst is over or the text waiting in all caches passes
// DEFER_LIMIT_BYTES (see storage/saturation.ts).

import zlib from 'node:zlib';
import { eventLoopSaturated } from '../../storage/saturation.ts';

/** A dictionary shared by the entries packed against it. */
export interface Dictionary { readonly bytes: Buffer }

/** Something that can be packed: an entry of the cache. */
export interface Packable {
  pack(packer: Packer): void;
  /** Bytes of text it holds unpacked. */
  readonly textBytes: number;
}

const SLICE_MS = 4;
// A 4 kB window and small state: objects are mostly a few kB, and small zlib allocations (and
// output chunks) are reused by malloc instead of fragmenting it as 256 kB states and 16 kB
// chunks per call would.
const DEFLATE = { level: 1, windowBits: 12, memLevel: 4, chunkSize: 1024 } as const;
const INFLATE = { windowBits: 12, chunkSize: 8192 } as const;
const INTERVAL_MS = 1000;
/**
 * Entries an update wrote wait longer: a hot object (a Lease renewed every 10 s, a pod whose
 * kubelet is reporting status) is read again by its next write, and inflating it then costs more
 * than keeping its text a little longer.
 */
export const UPDATED_DELAY_MS = 15_000;
/** Pick a new dictionary when packed entries grow past this share of their text. */
const RATIO_LIMIT = 0.3;
/** Text waiting to be packed (all caches) beyond which packing no longer waits for a busy loop. */
const DEFER_LIMIT_BYTES = 64 * 2 ** 20;
/** Bytes queued in every packer's pending list, the figure DEFER_LIMIT_BYTES bounds. */
let waitingBytes = 0;

export interface PackerOptions {
  /** Whether packing should wait (tests); the event loop's utilization by default. */
  saturated?: () => boolean;
  /** Waiting text beyond which packing proceeds anyway (tests); DEFER_LIMIT_BYTES by default. */
  deferLimitBytes?: number;
}

export class Packer {
  private dict: Dictionary | undefined;
  private pending: Packable[] = [];
  /** Text bytes of the pending entries (counted in waitingBytes). */
  private pendingBytes = 0;
  private readonly saturated: () => boolean;
  private readonly deferLimitBytes: number;
  private working: Packable[] = [];
  /** Updated entries by the tick they were added in: the bucket a tick comes back to is due. */
  private updated: Packable[][] = Array.from({ length: UPDATED_DELAY_MS / INTERVAL_MS }, () => []);
  private slot = 0;
  private at = 0;
  private readonly timer: NodeJS.Timeout;
  private running = false;
  private stopped = false;
  /** Sizes packed with the current dictionary, to notice when it stops fitting. */
  private packedBytes = 0;
  private textBytes = 0;

  constructor(opts: PackerOptions = {}) {
    this.saturated = opts.saturated ?? eventLoopSaturated;
    this.deferLimitBytes = opts.deferLimitBytes ?? DEFER_LIMIT_BYTES;
    this.timer = setInterval(() => this.tick(), INTERVAL_MS);
    this.timer.unref();
  }

  /** Queues an entry to be packed after the next tick, or UPDATED_DELAY_MS later when an update wrote it. */
  add(e: Packable, updated = false): void {
    if (updated) (this.updated[this.slot] as Packable[]).push(e);
    else this.queue(e);
  }

  private queue(e: Packable): void {
    this.pending.push(e);
    const n = e.textBytes;
    this.pendingBytes += n;
    waitingBytes += n;
  }

  /** Takes the pending list (its bytes no longer wait). */
  private takePending(): Packable[] {
    const taken = this.pending;
    this.pending = [];
    waitingBytes -= this.pendingBytes;
    this.pendingBytes = 0;
    return taken;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.takePending();
    this.working = [];
    this.updated = this.updated.map(() => []);
  }

  /** Packs everything queued now (tests, and a cache about to be measured). */
  flush(): void {
    for (const e of this.working.slice(this.at)) e.pack(this);
    for (const e of this.takePending()) e.pack(this);
    for (const bucket of this.updated) for (const e of bucket) e.pack(this);
    this.working = [];
    this.updated = this.updated.map(() => []);
    this.at = 0;
  }

  /** Deflates text against the current dictionary (choosing text itself as the first one). */
  deflate(text: string): { packed: string; dict: Dictionary } {
    if (this.dict === undefined || (this.textBytes > 1 << 20 && this.packedBytes > this.textBytes * RATIO_LIMIT)) {
      this.dict = { bytes: Buffer.from(text) };
      this.packedBytes = 0;
      this.textBytes = 0;
    }
    const dict = this.dict;
    const out = zlib.deflateRawSync(text, { ...DEFLATE, dictionary: dict.bytes });
    this.packedBytes += out.length;
    this.textBytes += text.length;
    return { packed: out.toString('latin1'), dict };
  }

  /** Entries written since the previous tick are packed now (unless the loop is saturated), a few milliseconds at a time. */
  private tick(): void {
    // The bucket filled UPDATED_DELAY_MS ago is due; it takes this tick's updated entries next.
    this.slot = (this.slot + 1) % this.updated.length;
    const due = this.updated[this.slot] as Packable[];
    if (due.length > 0) {
      for (const e of due) this.queue(e);
      this.updated[this.slot] = [];
    }
    if (this.running || this.pending.length === 0) return;
    // A saturated process packs later, unless too much text is waiting.
    if (waitingBytes < this.deferLimitBytes && this.saturated()) return;
    this.working = this.takePending();
    this.at = 0;
    this.running = true;
    this.slice();
  }

  private slice(): void {
    if (this.stopped) return;
    const end = performance.now() + SLICE_MS;
    const w = this.working;
    while (this.at < w.length) {
      (w[this.at++] as Packable).pack(this);
      if ((this.at & 15) === 0 && performance.now() > end) {
        setImmediate(() => this.slice());
        return;
      }
    }
    this.working = [];
    this.running = false;
  }
}

/** The text of a packed entry. */
export function inflate(packed: string, dict: Dictionary): string {
  return zlib.inflateRawSync(Buffer.from(packed, 'latin1'), { ...INFLATE, dictionary: dict.bytes }).toString('utf8');
}
