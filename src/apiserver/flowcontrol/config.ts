// The APF configuration in effect: compiled FlowSchemas in matching order, one priority level per
// PriorityLevelConfiguration (each Limited level with its nominal concurrency limit and queues),
// and classification of requests with a cache. Levels keep their queues across configuration
// changes, so queued requests are never dropped by a change.
// Borrowing between levels (lendablePercent / borrowingLimitPercent) is not done: each Limited
// level gets exactly its nominal concurrency limit.

import type { KubeObject } from '../../api/types.ts';
import { mandatoryFlowSchemas, mandatoryPriorityLevels } from './defaults.ts';
import { byPrecedence, compileFlowSchema, distinguisherOf, matchesFlowSchema } from './match.ts';
import type { CompiledFlowSchema, RequestDigest } from './match.ts';
import { QueueSet } from './queueset.ts';
import type { QueueSetConfig } from './queueset.ts';
import { flowHash } from './shuffle.ts';

export interface PriorityLevel {
  readonly name: string;
  uid: string;
  readonly exempt: boolean;
  /** Limited levels only. */
  readonly queueSet: QueueSet | undefined;
  /** Exempt levels: requests executing now (Limited levels count in their queue set). */
  exemptExecuting: number;
  /** What the object asked for (for the debug dump). */
  shares: number;
}

export interface Classification {
  flowSchema: CompiledFlowSchema;
  level: PriorityLevel;
  /** The flow's shuffle-sharding hash (FlowSchema name + distinguisher). */
  hash: number;
}

export interface FlowControlOptions {
  /** Server concurrency limit: upstream's --max-requests-inflight + --max-mutating-requests-inflight. */
  serverConcurrencyLimit: number;
  maxWaitMs?: number;
  now?: () => number;
}

/** Distinct classification keys kept before the cache starts over (bounds memory on odd paths). */
const CACHE_LIMIT = 10_000;

interface LevelSpec { exempt: boolean; shares: number; queueSet: Omit<QueueSetConfig, 'concurrencyLimit'> }

function levelSpecOf(o: KubeObject): LevelSpec {
  const spec = (o['spec'] ?? {}) as { type?: string; limited?: { nominalConcurrencyShares?: number; limitResponse?: { type?: string; queuing?: { queues?: number; handSize?: number; queueLengthLimit?: number } } } };
  if (spec.type !== 'Limited') return { exempt: true, shares: 0, queueSet: { limitResponse: 'Reject', queues: 0, handSize: 0, queueLengthLimit: 0 } };
  const lr = spec.limited?.limitResponse;
  const q = lr?.queuing;
  return {
    exempt: false,
    shares: Math.max(0, spec.limited?.nominalConcurrencyShares ?? 30),
    queueSet: lr?.type === 'Queue'
      ? { limitResponse: 'Queue', queues: q?.queues ?? 64, handSize: q?.handSize ?? 8, queueLengthLimit: q?.queueLengthLimit ?? 50 }
      : { limitResponse: 'Reject', queues: 0, handSize: 0, queueLengthLimit: 0 },
  };
}

export class FlowControl {
  private readonly opts: FlowControlOptions;
  private schemas: CompiledFlowSchema[] = [];
  private readonly levelsByName = new Map<string, PriorityLevel>();
  private cache = new Map<string, Classification>();
  private catchAll!: Classification['flowSchema'];

  constructor(opts: FlowControlOptions) {
    this.opts = opts;
    this.setConfiguration([], []);
  }

  get serverConcurrencyLimit(): number { return this.opts.serverConcurrencyLimit; }

  /** The priority levels in effect, by name. */
  levels(): PriorityLevel[] { return [...this.levelsByName.values()]; }
  level(name: string): PriorityLevel | undefined { return this.levelsByName.get(name); }
  flowSchemas(): readonly CompiledFlowSchema[] { return this.schemas; }

  /**
   * Applies the stored objects. The mandatory objects (exempt, catch-all) are taken from the
   * bootstrap configuration when absent, as upstream does. FlowSchemas whose level does not exist
   * (dangling) never match.
   */
  setConfiguration(flowSchemas: readonly KubeObject[], priorityLevels: readonly KubeObject[]): void {
    const pls = new Map<string, KubeObject>();
    for (const o of mandatoryPriorityLevels()) pls.set(o.metadata.name ?? '', o);
    for (const o of priorityLevels) pls.set(o.metadata.name ?? '', o);
    const specs = new Map<string, LevelSpec>();
    let totalShares = 0;
    for (const [name, o] of pls) {
      const s = levelSpecOf(o);
      specs.set(name, s);
      if (!s.exempt) totalShares += s.shares;
    }
    const seen = new Set<string>();
    for (const [name, s] of specs) {
      seen.add(name);
      const uid = pls.get(name)?.metadata.uid ?? '';
      const limit = s.exempt || totalShares === 0 ? 0 : Math.ceil((this.opts.serverConcurrencyLimit * s.shares) / totalShares);
      const cur = this.levelsByName.get(name);
      if (cur && cur.exempt === s.exempt) {
        cur.uid = uid;
        cur.shares = s.shares;
        cur.queueSet?.reconfigure({ ...s.queueSet, concurrencyLimit: limit });
        continue;
      }
      // New, or switched between Exempt and Limited: a fresh level (requests in the old one finish there).
      this.levelsByName.set(name, {
        name, uid, exempt: s.exempt, exemptExecuting: 0, shares: s.shares,
        queueSet: s.exempt ? undefined : new QueueSet({ ...s.queueSet, concurrencyLimit: limit }, { now: this.opts.now, maxWaitMs: this.opts.maxWaitMs }),
      });
    }
    for (const name of [...this.levelsByName.keys()]) if (!seen.has(name)) this.levelsByName.delete(name);

    const fss = new Map<string, KubeObject>();
    for (const o of mandatoryFlowSchemas()) fss.set(o.metadata.name ?? '', o);
    for (const o of flowSchemas) fss.set(o.metadata.name ?? '', o);
    const compiled = [...fss.values()].map(compileFlowSchema);
    this.catchAll = compiled.find((f) => f.name === 'catch-all') ?? compileFlowSchema(mandatoryFlowSchemas()[1] as KubeObject);
    this.schemas = compiled.filter((f) => this.levelsByName.has(f.priorityLevel)).sort(byPrecedence);
    this.cache = new Map();
  }

  /** The FlowSchema, level and flow hash of a request (cached per user, groups, verb and target). */
  classify(d: RequestDigest): Classification {
    const key = d.isResourceRequest
      ? `r\u0000${d.user}\u0000${d.groups.join('\u0001')}\u0000${d.verb}\u0000${d.apiGroup}\u0000${d.resource}\u0000${d.subresource}\u0000${d.namespace}`
      : `n\u0000${d.user}\u0000${d.groups.join('\u0001')}\u0000${d.verb}\u0000${d.path}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const fs = this.schemas.find((f) => matchesFlowSchema(f, d)) ?? this.catchAll;
    const level = this.levelsByName.get(fs.priorityLevel) ?? this.levelsByName.get('catch-all') as PriorityLevel;
    const c: Classification = { flowSchema: fs, level, hash: flowHash(fs.name, distinguisherOf(fs, d)) };
    if (this.cache.size >= CACHE_LIMIT) this.cache = new Map();
    this.cache.set(key, c);
    return c;
  }
}
