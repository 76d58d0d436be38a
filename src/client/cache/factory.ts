// client-go's SharedInformerFactory: one informer per resource, shared by every controller of a
// process, started together and waited on together.

import type { Clock } from '../clock.ts';
import type { MetaObject } from '../object.ts';
import type { RestClient } from '../rest.ts';
import { ResourceClient } from '../typed.ts';
import type { ResourceDescriptor } from '../typed.ts';
import type { BackoffOptions } from '../backoff.ts';
import { SharedInformer } from './informer.ts';
import { listWatchFromClient } from './listwatch.ts';
import { Lister } from './lister.ts';
import { NamespaceIndex, metaNamespaceIndexFunc } from './store.ts';
import type { IndexFunc } from './store.ts';

export interface SharedInformerFactoryOptions {
  defaultResyncMs?: number;
  /** Watch only this namespace (all when absent). */
  namespace?: string;
  /** Narrows every informer's list and watch (client-go's TweakListOptions). */
  tweakListOptions?: (o: { labelSelector?: string; fieldSelector?: string }) => void;
  clock?: Clock;
  backoff?: BackoffOptions;
  pageSize?: number;
  onError?: (err: unknown, name: string) => void;
}

export interface InformerOptions<T> {
  resyncPeriodMs?: number;
  indexers?: Record<string, IndexFunc<T>>;
}

export class SharedInformerFactory {
  readonly rest: RestClient;
  private readonly opts: SharedInformerFactoryOptions;
  private readonly informers = new Map<string, SharedInformer<MetaObject>>();
  private shuttingDown = false;

  constructor(rest: RestClient, opts: SharedInformerFactoryOptions = {}) {
    this.rest = rest;
    this.opts = opts;
  }

  /** The shared informer of a resource, made on first use. Indexers asked for later are added. */
  informerFor<T extends MetaObject>(d: ResourceDescriptor, o: InformerOptions<T> = {}): SharedInformer<T> {
    const key = `${d.group}/${d.version}/${d.resource}`;
    const existing = this.informers.get(key) as SharedInformer<T> | undefined;
    if (existing) {
      const missing: Record<string, IndexFunc<T>> = {};
      for (const [name, fn] of Object.entries(o.indexers ?? {})) {
        if (!existing.indexer.listIndexNames().includes(name)) missing[name] = fn;
      }
      if (Object.keys(missing).length) existing.addIndexers(missing);
      return existing;
    }
    let client = new ResourceClient<T>(this.rest, d);
    if (d.namespaced && this.opts.namespace) client = client.namespace(this.opts.namespace);
    const sel: { labelSelector?: string; fieldSelector?: string } = {};
    this.opts.tweakListOptions?.(sel);
    const indexers: Record<string, IndexFunc<T>> = d.namespaced ? { [NamespaceIndex]: metaNamespaceIndexFunc } : {};
    Object.assign(indexers, o.indexers);
    const informer = new SharedInformer<T>(listWatchFromClient(client, sel), {
      name: d.group ? `${d.resource}.${d.group}` : d.resource,
      resyncPeriodMs: o.resyncPeriodMs ?? this.opts.defaultResyncMs,
      indexers,
      clock: this.opts.clock,
      backoff: this.opts.backoff,
      pageSize: this.opts.pageSize,
      onError: this.opts.onError,
    });
    this.informers.set(key, informer as unknown as SharedInformer<MetaObject>);
    return informer;
  }

  /** A lister over the resource's shared informer cache. */
  listerFor<T extends MetaObject>(d: ResourceDescriptor): Lister<T> {
    return new Lister<T>(this.informerFor<T>(d).indexer);
  }

  /** Starts every informer made so far that is not running yet. */
  start(): void {
    if (this.shuttingDown) return;
    for (const inf of this.informers.values()) inf.run();
  }

  /** Waits for every started informer's first list; the result says which synced. */
  async waitForCacheSync(signal?: AbortSignal): Promise<Record<string, boolean>> {
    const out: Record<string, boolean> = {};
    await Promise.all([...this.informers].map(async ([key, inf]) => { out[key] = await inf.waitForSync(signal); }));
    return out;
  }

  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    await Promise.all([...this.informers.values()].map((i) => i.stop()));
  }
}

