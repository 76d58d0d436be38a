// What the scheduler watches besides pods and nodes: namespaces (namespaceSelector),
// PodDisruptionBudgets (preemption), and the services and controllers whose selectors make the
// default spreading constraints.

import type { Namespace, Pod, ReplicationController, Service } from 'kubernetes-types/core/v1.js';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { labelSelectorAsSelector, matches, newRequirement, selectorOf } from '../api/selectors/labels.ts';
import type { Selector } from '../api/selectors/labels.ts';
import type { SharedInformer } from '../client/cache/informer.ts';
import type { SharedInformerFactory } from '../client/cache/factory.ts';
import { resources } from '../client/typed.ts';
import type { PodDisruptionBudgetLike } from './framework/interface.ts';

const pdbResource = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', namespaced: true, kind: 'PodDisruptionBudget' } as const;

export class ClusterListers {
  readonly namespaces: SharedInformer<Namespace>;
  readonly pdbs: SharedInformer<PodDisruptionBudget>;
  readonly services: SharedInformer<Service>;
  readonly replicaSets: SharedInformer<ReplicaSet>;
  readonly statefulSets: SharedInformer<StatefulSet>;
  readonly replicationControllers: SharedInformer<ReplicationController>;

  constructor(f: SharedInformerFactory) {
    this.namespaces = f.informerFor<Namespace>(resources.namespaces);
    this.pdbs = f.informerFor<PodDisruptionBudget>(pdbResource);
    this.services = f.informerFor<Service>(resources.services);
    this.replicaSets = f.informerFor<ReplicaSet>(resources.replicasets);
    this.statefulSets = f.informerFor<StatefulSet>(resources.statefulsets);
    this.replicationControllers = f.informerFor<ReplicationController>(resources.replicationcontrollers);
  }

  namespaceLabels(ns: string): Record<string, string> | undefined {
    return this.namespaces.indexer.getByKey(ns)?.metadata?.labels;
  }

  podDisruptionBudgets(): PodDisruptionBudgetLike[] {
    return this.pdbs.indexer.list().map((p) => {
      let selector: Selector;
      try { selector = labelSelectorAsSelector(p.spec?.selector); } catch { selector = selectorOf([]); }
      return {
        namespace: p.metadata?.namespace ?? '', selector, disruptionsAllowed: p.status?.disruptionsAllowed ?? 0,
        disruptedPods: new Set(Object.keys(p.status?.disruptedPods ?? {})),
      };
    });
  }

  /** Selectors of the services, RCs, RSs and StatefulSets selecting the pod (upstream DefaultSelector). */
  defaultSelectors(pod: Pod): Selector[] {
    const ns = pod.metadata?.namespace ?? '';
    const labels = pod.metadata?.labels ?? {};
    const out: Selector[] = [];
    const fromMap = (m: Record<string, string>): Selector => selectorOf(Object.entries(m).map(([k, v]) => newRequirement(k, '=', [v])));
    const inNs = <T extends { metadata?: { namespace?: string } }>(inf: SharedInformer<T & { metadata?: { namespace?: string; name?: string } }>): T[] =>
      inf.indexer.byIndex('namespace', ns);
    for (const s of inNs(this.services)) {
      const sel = s.spec?.selector;
      if (sel && Object.keys(sel).length && matches(fromMap(sel), labels)) out.push(fromMap(sel));
    }
    for (const rc of inNs(this.replicationControllers)) {
      const sel = rc.spec?.selector;
      if (sel && Object.keys(sel).length && matches(fromMap(sel), labels)) out.push(fromMap(sel));
    }
    for (const w of [...inNs(this.replicaSets), ...inNs(this.statefulSets)]) {
      try {
        const sel = labelSelectorAsSelector(w.spec?.selector);
        if (sel.requirements.length && matches(sel, labels)) out.push(sel);
      } catch { /* an invalid selector selects nothing */ }
    }
    return out;
  }
}
