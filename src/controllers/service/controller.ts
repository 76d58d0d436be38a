// The service controller for the built-in service load balancer (upstream's service-lb
// controller with k3s's ServiceLB as the cloud provider): a Service of type LoadBalancer (and no
// loadBalancerClass) gets status.loadBalancer.ingress = the Ready nodes' addresses (ExternalIP,
// else InternalIP), or the configured address pool; the status is cleared when the type changes.

import type { LoadBalancerIngress, Node, Service } from 'kubernetes-types/core/v1.js';
import type { EventRecorder, ResourceClient, SharedInformer } from '../../client/index.ts';
import { clientFor, isConflict, isNotFound, metaNamespaceKey, resources } from '../../client/index.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { ReconcileLoop } from '../common/loop.ts';
import { canonical } from '../endpoint/podaddress.ts';

export interface ServiceLBOptions {
  /** Fixed ingress addresses instead of the nodes' (a configured address pool). */
  addressPool?: string[];
}

function nodeAddress(n: Node): string | undefined {
  const a = n.status?.addresses ?? [];
  return a.find((x) => x.type === 'ExternalIP')?.address ?? a.find((x) => x.type === 'InternalIP')?.address;
}

function isReady(n: Node): boolean {
  return n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

function wantsLB(s: Service): boolean {
  return s.spec?.type === 'LoadBalancer' && !s.spec.loadBalancerClass && !s.metadata?.deletionTimestamp;
}

export class ServiceController implements Controller {
  readonly loop: ReconcileLoop;
  private readonly services: SharedInformer<Service>;
  private readonly nodes: SharedInformer<Node>;
  private readonly client: ResourceClient<Service>;
  private readonly recorder: EventRecorder;
  private readonly pool: string[] | undefined;

  constructor(ctx: ControllerContext, o: ServiceLBOptions = {}) {
    this.pool = o.addressPool?.length ? o.addressPool : undefined;
    this.client = clientFor(ctx.rest).resource<Service>(resources.services);
    this.recorder = ctx.recorder('service-controller');
    this.services = ctx.informers.informerFor<Service>(resources.services);
    this.nodes = ctx.informers.informerFor<Node>(resources.nodes);
    this.loop = new ReconcileLoop({ name: 'service', reconcile: (k) => this.sync(k), metrics: ctx.metrics });
    const enqueue = (s: Service): void => this.loop.add(metaNamespaceKey(s));
    this.services.addEventHandler({ onAdd: enqueue, onUpdate: (_a, b) => enqueue(b) });
    const nodesChanged = (): void => {
      for (const s of this.services.indexer.list()) if (wantsLB(s)) enqueue(s);
    };
    this.nodes.addEventHandler({
      onAdd: nodesChanged,
      onUpdate: (a, b) => { if (isReady(a) !== isReady(b) || nodeAddress(a) !== nodeAddress(b)) nodesChanged(); },
      onDelete: nodesChanged,
    });
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  /** The ingress points of the built-in load balancer, sorted as k3s sorts them. */
  ingress(): LoadBalancerIngress[] {
    const ips = this.pool ?? (() => {
      const nodes = this.nodes.indexer.list();
      const ready = nodes.filter(isReady);
      return (ready.length > 0 ? ready : nodes).map(nodeAddress).filter((x): x is string => !!x);
    })();
    return [...new Set(ips)].sort().map((ip) => ({ ip, ipMode: 'VIP' }));
  }

  async sync(key: string): Promise<void> {
    const svc = this.services.indexer.getByKey(key);
    if (!svc) return;
    const want = wantsLB(svc) ? this.ingress() : [];
    const have = svc.status?.loadBalancer?.ingress ?? [];
    // A Service of another load balancer class belongs to that implementation.
    if (svc.spec?.type === 'LoadBalancer' && svc.spec.loadBalancerClass) return;
    if (canonical(have) === canonical(want)) return;
    const next: Service = { ...svc, status: { ...svc.status, loadBalancer: want.length > 0 ? { ingress: want } : {} } };
    try {
      await this.client.namespace(svc.metadata?.namespace ?? '').updateStatus(next);
    } catch (err) {
      if (isNotFound(err)) return;
      if (isConflict(err)) throw err;
      this.recorder.event(svc, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
    if (want.length > 0) this.recorder.event(svc, 'Normal', 'UpdatedLoadBalancer', `Updated LoadBalancer with new IPs: [${have.map((i) => i.ip).join(' ')}] -> [${want.map((i) => i.ip).join(' ')}]`);
    else this.recorder.event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
  }
}
