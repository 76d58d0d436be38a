// Node registration and heartbeats of hollow nodes, as the kubelet does them: register the Node
// (status included; an existing Node is reconciled), renew its Lease in kube-node-lease every
// leaseRenewSeconds (holder = node name), and report node status (conditions with heartbeat
// times) every nodeStatusReportSeconds. One timer per node, first fire jittered to spread load.

import type { Node, NodeCondition } from 'kubernetes-types/core/v1.js';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { TokenBucket } from '../../client/flowcontrol.ts';
import { microTime } from '../../client/leaderelection.ts';
import type { RestClient } from '../../client/rest.ts';
import { isAlreadyExists, isConflict, isNotFound } from '../../client/status.ts';
import { resources } from '../../client/typed.ts';
import type { ResourceRef } from '../../client/request.ts';
import type { NodeClients } from './clients.ts';
import type { HollowConfig } from './config.ts';
import { buildNode, nodeConditions } from './node.ts';
import type { NodeTemplate } from './node.ts';

export const NodeLeaseNamespace = 'kube-node-lease';

const nodeRef = (name: string, subresource?: string): ResourceRef => ({ version: 'v1', resource: 'nodes', name, subresource });
const leaseRef = (name?: string): ResourceRef => ({
  group: resources.leases.group, version: 'v1', resource: 'leases', namespace: NodeLeaseNamespace, name,
});

interface NodeState {
  name: string;
  uid: string;
  lease: Lease | undefined;
  conditions: NodeCondition[];
  leaseTimer: ReturnType<typeof setTimeout> | undefined;
  statusTimer: ReturnType<typeof setTimeout> | undefined;
  stopped: boolean;
}

export interface HeartbeatStats {
  leaseRenewals: number;
  leaseErrors: number;
  statusReports: number;
  /** Node status reports that failed (pod status errors are PodStats.statusErrors). */
  nodeStatusErrors: number;
}

export class NodeHeartbeats {
  private readonly clients: NodeClients;
  private readonly cfg: HollowConfig;
  private readonly limiter: TokenBucket | undefined;
  private readonly onError: (err: unknown, what: string) => void;
  private readonly nodes = new Map<string, NodeState>();
  private closed = false;
  readonly stats: HeartbeatStats = { leaseRenewals: 0, leaseErrors: 0, statusReports: 0, nodeStatusErrors: 0 };

  constructor(clients: NodeClients, cfg: HollowConfig, limiter: TokenBucket | undefined, onError: (err: unknown, what: string) => void) {
    this.clients = clients;
    this.cfg = cfg;
    this.limiter = limiter;
    this.onError = onError;
  }

  private async client(name: string): Promise<RestClient> {
    await this.limiter?.accept();
    return this.clients.forNode(name);
  }

  /** Registers the node and its lease, then keeps both fresh until stopNode/stop. */
  async register(name: string, index: number, tpl: NodeTemplate): Promise<void> {
    const desired = buildNode(name, index, tpl, Date.now());
    let node: Node;
    try {
      node = await (await this.client(name)).create<Node>({ version: 'v1', resource: 'nodes' }, desired);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      // Registered before (a restarted hollow process): bring labels and status up to date, as
      // the kubelet does. Taints are the kubelet's only at registration (--register-with-taints):
      // NodeRestriction refuses a node changing its own taints.
      const c = await this.client(name);
      await c.patch<Node>(nodeRef(name), 'merge', { metadata: { labels: desired.metadata?.labels } });
      node = await (await this.client(name)).patch<Node>(nodeRef(name, 'status'), 'merge', { status: desired.status });
    }
    const st: NodeState = {
      name, uid: node.metadata?.uid ?? '', lease: undefined, conditions: node.status?.conditions ?? [],
      leaseTimer: undefined, statusTimer: undefined, stopped: false,
    };
    this.nodes.set(name, st);
    await this.renewLease(st);
    if (this.closed || st.stopped) return;
    const renewMs = this.cfg.leaseRenewSeconds * 1000;
    const reportMs = this.cfg.nodeStatusReportSeconds * 1000;
    st.leaseTimer = setTimeout(() => this.leaseLoop(st), renewMs * (0.5 + Math.random() / 2));
    st.statusTimer = setTimeout(() => this.statusLoop(st), reportMs * (0.5 + Math.random() / 2));
  }

  private leaseLoop(st: NodeState): void {
    if (st.stopped || this.closed) return;
    void this.renewLease(st).finally(() => {
      if (!st.stopped && !this.closed) st.leaseTimer = setTimeout(() => this.leaseLoop(st), this.cfg.leaseRenewSeconds * 1000);
    });
  }

  private statusLoop(st: NodeState): void {
    if (st.stopped || this.closed) return;
    void this.reportStatus(st).finally(() => {
      if (!st.stopped && !this.closed) st.statusTimer = setTimeout(() => this.statusLoop(st), this.cfg.nodeStatusReportSeconds * 1000);
    });
  }

  private newLease(st: NodeState, now: number): Lease {
    return {
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
      metadata: {
        name: st.name, namespace: NodeLeaseNamespace,
        ownerReferences: st.uid ? [{ apiVersion: 'v1', kind: 'Node', name: st.name, uid: st.uid }] : undefined,
      },
      spec: { holderIdentity: st.name, leaseDurationSeconds: this.cfg.leaseDurationSeconds, renewTime: microTime(now) },
    };
  }

  /** Renews with the last lease seen (an update, as the kubelet's lease controller does); creates or re-reads it when needed. */
  private async renewLease(st: NodeState): Promise<void> {
    try {
      for (let attempt = 0; attempt < 3 && !st.stopped; attempt++) {
        const now = Date.now();
        const c = await this.client(st.name);
        try {
          if (!st.lease) {
            st.lease = await c.create<Lease>(leaseRef(), this.newLease(st, now));
          } else {
            const next: Lease = { ...st.lease, spec: { ...st.lease.spec, holderIdentity: st.name, leaseDurationSeconds: this.cfg.leaseDurationSeconds, renewTime: microTime(now) } };
            st.lease = await c.update<Lease>(leaseRef(st.name), next);
          }
          this.stats.leaseRenewals++;
          return;
        } catch (err) {
          if (isAlreadyExists(err) || isConflict(err)) st.lease = await c.get<Lease>(leaseRef(st.name));
          else if (isNotFound(err)) st.lease = undefined;
          else throw err;
        }
      }
    } catch (err) {
      this.stats.leaseErrors++;
      if (!this.closed) this.onError(err, `renew lease of node ${st.name}`);
    }
  }

  private async reportStatus(st: NodeState): Promise<void> {
    try {
      const conditions = nodeConditions(Date.now(), st.conditions);
      const c = await this.client(st.name);
      const node = await c.patch<Node>(nodeRef(st.name, 'status'), 'merge', { status: { conditions } });
      st.conditions = node.status?.conditions ?? conditions;
      this.stats.statusReports++;
    } catch (err) {
      this.stats.nodeStatusErrors++;
      if (!this.closed) this.onError(err, `update status of node ${st.name}`);
    }
  }

  /** Stops one node's heartbeats (its kubelet "dies"). */
  stopNode(name: string): void {
    const st = this.nodes.get(name);
    if (!st) return;
    st.stopped = true;
    clearTimeout(st.leaseTimer);
    clearTimeout(st.statusTimer);
  }

  isStopped(name: string): boolean {
    return this.nodes.get(name)?.stopped ?? true;
  }

  names(): string[] {
    return [...this.nodes.keys()];
  }

  stop(): void {
    this.closed = true;
    for (const name of this.nodes.keys()) this.stopNode(name);
  }

  /**
   * Deletes the leases (each node its own) and the Node objects (after stop()). A kubelet may not
   * delete its Node (upstream's node rules have no delete on nodes): that is the process's own
   * identity's job, as an administrator's `kubectl delete node`.
   */
  async deleteAll(concurrency: number): Promise<void> {
    const names = [...this.nodes.keys()];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < names.length) {
        const name = names[next++] as string;
        for (const [ref, c] of [[leaseRef(name), this.clients.forNode(name)], [nodeRef(name), this.clients.shared]] as const) {
          try {
            await this.limiter?.accept();
            await c.delete(ref);
          } catch (err) {
            if (!isNotFound(err)) this.onError(err, `delete ${ref.resource} ${name}`);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  }
}
