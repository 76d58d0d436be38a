// For tests and benchmarks while no kubelet exists: plays scheduler and kubelet for fake nodes.
// Unbound pods are bound (pods/binding) round-robin to the nodes, bound pods are reported Running
// and Ready through pods/status, and pods being deleted are removed at once (grace period 0).

import type { Pod } from 'kubernetes-types/core/v1.js';
import type { RestConfig } from '../../client/index.ts';
import { RestClient, SharedInformerFactory, clientFor, isConflict, isNotFound, metaNamespaceKey, resources } from '../../client/index.ts';

export interface FakeKubeletOptions {
  nodes?: string[];
  /** Parallel requests (default 32). */
  concurrency?: number;
  /** Pods matching this are never made Ready (to test unavailable rollouts). */
  holdNotReady?: (p: Pod) => boolean;
}

export interface FakeKubelet {
  stop(): Promise<void>;
}

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function startFakeKubelet(config: RestConfig, opts: FakeKubeletOptions = {}): Promise<FakeKubelet> {
  const nodes = opts.nodes ?? ['fake-node-1'];
  const rest = new RestClient({ ...config, qps: -1, userAgent: 'fake-kubelet' });
  const pods = clientFor(rest).resource<Pod>(resources.pods);
  const factory = new SharedInformerFactory(rest);
  const informer = factory.informerFor<Pod>(resources.pods);
  const pending = new Map<string, Pod>();
  const inFlight = new Set<string>();
  let next = 0;
  let stopped = false;
  let active = 0;
  const limit = opts.concurrency ?? 32;

  const handle = async (p: Pod): Promise<void> => {
    const ns = p.metadata?.namespace ?? '';
    const name = p.metadata?.name ?? '';
    const c = pods.namespace(ns);
    if (p.metadata?.deletionTimestamp) {
      await c.delete(name, { gracePeriodSeconds: 0, preconditions: { uid: p.metadata.uid } });
      return;
    }
    if (!p.spec?.nodeName) {
      const node = nodes[next++ % nodes.length] ?? 'fake-node-1';
      await c.createSubresource(name, 'binding', {
        apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: ns, uid: p.metadata?.uid }, target: { apiVersion: 'v1', kind: 'Node', name: node },
      });
      return;
    }
    const ready = !(opts.holdNotReady?.(p) ?? false);
    if (p.status?.phase === 'Running' && (p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false) === ready) return;
    const t = now();
    const cond = (type: string, status: boolean): { type: string; status: string; lastTransitionTime: string } => ({ type, status: status ? 'True' : 'False', lastTransitionTime: t });
    await c.patch(name, 'merge', {
      status: {
        phase: 'Running', hostIP: '10.0.0.1', podIP: `10.244.${next % 250}.${(next++ % 250) + 1}`, startTime: t,
        conditions: [cond('PodScheduled', true), cond('Initialized', true), cond('ContainersReady', ready), cond('Ready', ready)],
        containerStatuses: (p.spec.containers ?? []).map((ct) => ({
          name: ct.name, image: ct.image ?? '', imageID: '', ready, restartCount: 0, started: true, state: { running: { startedAt: t } },
        })),
      },
    }, { subresource: 'status' });
  };

  const pump = (): void => {
    while (!stopped && active < limit && pending.size > 0) {
      const [key, p] = pending.entries().next().value as [string, Pod];
      pending.delete(key);
      if (inFlight.has(key)) continue;
      inFlight.add(key);
      active++;
      handle(p).catch((err: unknown) => {
        if (!isNotFound(err) && !isConflict(err) && !stopped) process.stderr.write(`fake kubelet ${key}: ${String(err)}\n`);
      }).finally(() => {
        active--;
        inFlight.delete(key);
        // Look again at the latest state: events that came meanwhile were folded into it.
        const latest = informer.indexer.getByKey(key);
        if (latest && needsWork(latest)) pending.set(key, latest);
        pump();
      });
    }
  };
  const needsWork = (p: Pod): boolean => Boolean(p.metadata?.deletionTimestamp) || !p.spec?.nodeName || p.status?.phase !== 'Running'
    || (opts.holdNotReady ? false : !(p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false));
  const enqueue = (p: Pod): void => {
    if (!needsWork(p)) return;
    pending.set(metaNamespaceKey(p), p);
    pump();
  };
  informer.addEventHandler({ onAdd: enqueue, onUpdate: (_o, p) => enqueue(p) });
  factory.start();
  await factory.waitForCacheSync();
  return {
    stop: async () => {
      stopped = true;
      await factory.shutdown();
      rest.close();
    },
  };
}
