// Node IPAM (upstream pkg/controller/nodeipam, the RangeAllocator): every Node gets a podCIDR
// (spec.podCIDR and spec.podCIDRs) cut from --cluster-cidr, /24 per node by default, released
// when the Node is deleted. CIDRs nodes already have are marked taken first.

import type { Node } from 'kubernetes-types/core/v1.js';
import type { EventRecorder, ResourceClient, SharedInformer } from '../../client/index.ts';
import { DeletedFinalStateUnknown, clientFor, isNotFound, resources } from '../../client/index.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { ReconcileLoop } from '../common/loop.ts';
import { CIDRSet } from './cidr.ts';

export const DefaultClusterCIDR = '10.42.0.0/16';

export interface NodeIPAMOptions {
  clusterCIDR?: string;
  /** Upstream --node-cidr-mask-size (24 for IPv4). */
  nodeCIDRMaskSize?: number;
}

export class NodeIPAMController implements Controller {
  readonly loop: ReconcileLoop;
  readonly cidrs: CIDRSet;
  private readonly nodes: SharedInformer<Node>;
  private readonly client: ResourceClient<Node>;
  private readonly recorder: EventRecorder;
  /** CIDRs we hand out, by node, so a release frees exactly what the node had. */
  private readonly assigned = new Map<string, string>();
  private primed = false;

  constructor(ctx: ControllerContext, o: NodeIPAMOptions = {}) {
    this.cidrs = new CIDRSet(o.clusterCIDR ?? ctx.clusterCIDR ?? DefaultClusterCIDR, o.nodeCIDRMaskSize ?? 24);
    this.client = clientFor(ctx.rest).resource<Node>(resources.nodes);
    this.recorder = ctx.recorder('cidrAllocator');
    this.nodes = ctx.informers.informerFor<Node>(resources.nodes);
    this.loop = new ReconcileLoop({ name: 'node_ipam', reconcile: (k) => this.sync(k), metrics: ctx.metrics });
    this.nodes.addEventHandler({
      onAdd: (n) => this.loop.add(n.metadata?.name ?? ''),
      onUpdate: (_a, n) => { if (!n.spec?.podCIDR) this.loop.add(n.metadata?.name ?? ''); },
      onDelete: (n) => {
        const node = n instanceof DeletedFinalStateUnknown ? n.obj : n;
        this.loop.add(node.metadata?.name ?? '');
      },
    });
  }

  /** Marks what the cached nodes already have (upstream does this before allocating). */
  private prime(): void {
    if (this.primed) return;
    this.primed = true;
    for (const n of this.nodes.indexer.list()) {
      const cidr = n.spec?.podCIDRs?.[0] ?? n.spec?.podCIDR;
      if (cidr && this.cidrs.occupy(cidr)) this.assigned.set(n.metadata?.name ?? '', cidr);
    }
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  async sync(name: string): Promise<void> {
    this.prime();
    const node = this.nodes.indexer.getByKey(name);
    const had = this.assigned.get(name);
    if (!node) {
      if (had) { this.cidrs.release(had); this.assigned.delete(name); }
      return;
    }
    const existing = node.spec?.podCIDRs?.[0] ?? node.spec?.podCIDR;
    if (existing) {
      if (!had && this.cidrs.occupy(existing)) this.assigned.set(name, existing);
      return;
    }
    if (had) {
      // We allocated but the cache has not seen it yet: write it again (idempotent).
      await this.write(name, had);
      return;
    }
    const cidr = this.cidrs.allocateNext();
    if (!cidr) {
      this.recorder.event(node, 'Normal', 'CIDRNotAvailable', `Node ${name} status is now: CIDRNotAvailable`);
      throw new Error(`no CIDR left in the cluster CIDR for node ${name}`);
    }
    this.assigned.set(name, cidr);
    try {
      await this.write(name, cidr);
    } catch (err) {
      this.assigned.delete(name);
      this.cidrs.release(cidr);
      if (isNotFound(err)) return;
      this.recorder.event(node, 'Warning', 'CIDRAssignmentFailed', `Node ${name} status is now: CIDRAssignmentFailed`);
      throw err;
    }
  }

  private async write(name: string, cidr: string): Promise<void> {
    await this.client.patch(name, 'strategic', { spec: { podCIDR: cidr, podCIDRs: [cidr] } });
  }
}
