// Taint-based eviction (upstream pkg/controller/tainteviction, the NoExecuteTaintManager): a pod
// on a node with NoExecute taints it does not tolerate is deleted at once; one that tolerates them
// for tolerationSeconds is deleted that long after the taint was added; removing the taint in time
// cancels the eviction.

import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { EventRecorder, ResourceClient, SharedInformer } from '../../client/index.ts';
import { DeletedFinalStateUnknown, NodeNameIndex, clientFor, isNotFound, metaNamespaceKey, nodeNameIndexFunc, resources, splitMetaNamespaceKey } from '../../client/index.ts';
import type { ControllerContext } from '../common/context.ts';
import { ReconcileLoop } from '../common/loop.ts';
import type { ReconcileResult } from '../common/loop.ts';
import { noExecuteTaints, tolerationTimeMs } from './taints.ts';

export class NoExecuteTaintManager {
  readonly loop: ReconcileLoop;
  private readonly pods: SharedInformer<Pod>;
  private readonly nodes: SharedInformer<Node>;
  private readonly client: ResourceClient<Pod>;
  private readonly recorder: EventRecorder;
  private readonly now: () => number;

  constructor(ctx: ControllerContext, recorder: EventRecorder, now: () => number) {
    this.now = now;
    this.recorder = recorder;
    this.client = clientFor(ctx.rest).resource<Pod>(resources.pods);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods, { indexers: { [NodeNameIndex]: nodeNameIndexFunc } });
    this.nodes = ctx.informers.informerFor<Node>(resources.nodes);
    this.loop = new ReconcileLoop({ name: 'node_lifecycle_taint_manager', reconcile: (k) => this.sync(k), metrics: ctx.metrics });
    this.pods.addEventHandler({
      onAdd: (p) => { if (p.spec?.nodeName) this.loop.add(metaNamespaceKey(p)); },
      onUpdate: (a, b) => {
        if (b.spec?.nodeName && (a.spec?.nodeName !== b.spec.nodeName || JSON.stringify(a.spec?.tolerations) !== JSON.stringify(b.spec.tolerations))) {
          this.loop.add(metaNamespaceKey(b));
        }
      },
    });
    const nodeChanged = (n: Node): void => {
      for (const p of this.pods.indexer.byIndex(NodeNameIndex, n.metadata?.name ?? '')) this.loop.add(metaNamespaceKey(p));
    };
    this.nodes.addEventHandler({
      onAdd: (n) => { if (noExecuteTaints(n).length > 0) nodeChanged(n); },
      onUpdate: (a, b) => { if (JSON.stringify(noExecuteTaints(a)) !== JSON.stringify(noExecuteTaints(b))) nodeChanged(b); },
      onDelete: (n) => nodeChanged(n instanceof DeletedFinalStateUnknown ? n.obj : n),
    });
  }

  async sync(key: string): Promise<ReconcileResult | void> {
    const p = this.pods.indexer.getByKey(key);
    if (!p?.spec?.nodeName || p.metadata?.deletionTimestamp) return;
    const phase = p.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    const taints = noExecuteTaints(this.nodes.indexer.getByKey(p.spec.nodeName));
    if (taints.length === 0) return;
    const allowed = tolerationTimeMs(p, taints);
    if (allowed === Infinity) return;
    // Measured from when the newest of the taints was added (upstream uses the scheduling time of the taint update).
    let since = 0;
    for (const t of taints) since = Math.max(since, t.timeAdded ? Date.parse(t.timeAdded) || 0 : 0);
    const due = (since || this.now()) + allowed;
    const wait = due - this.now();
    if (wait > 0) return { requeueAfter: wait };
    await this.evict(key, p);
  }

  private async evict(key: string, p: Pod): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const c = this.client.namespace(namespace);
    this.recorder.event(p, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    try {
      const t = new Date(this.now()).toISOString().replace(/\.\d+Z$/, 'Z');
      await c.patch(name, 'strategic', {
        status: { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: t }] },
      }, { subresource: 'status' });
      await c.delete(name, { preconditions: { uid: p.metadata?.uid } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
