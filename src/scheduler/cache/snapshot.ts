// The per-cycle view of the cache (upstream Snapshot): the node list in zone-interleaved order
// (so a sampled subset spreads over zones) and the nodes holding pods with affinity. Since the
// scheduling cycle runs without yielding, the NodeInfos are the cache's own; the lists are
// rebuilt only when nodes or affinity pods changed.

import type { NodeInfoLister } from '../framework/interface.ts';
import type { NodeInfo } from '../framework/types.ts';
import type { SchedulerCache } from './cache.ts';

const ZoneLabel = 'topology.kubernetes.io/zone';
const RegionLabel = 'topology.kubernetes.io/region';

export class Snapshot implements NodeInfoLister {
  private nodeList: NodeInfo[] = [];
  private affinityList: NodeInfo[] = [];
  private antiAffinityList: NodeInfo[] = [];
  private byName = new Map<string, NodeInfo>();
  private structureGeneration = -1;
  private affinityGeneration = -1;

  private cache: SchedulerCache | undefined;

  update(cache: SchedulerCache): void {
    this.cache = cache;
    if (cache.structureGeneration !== this.structureGeneration) {
      this.structureGeneration = cache.structureGeneration;
      const zones = new Map<string, NodeInfo[]>();
      this.byName = new Map();
      for (const ni of cache.nodes.values()) {
        if (!ni.node) continue;
        this.byName.set(ni.name, ni);
        const z = `${ni.labels[RegionLabel] ?? ''}:${ni.labels[ZoneLabel] ?? ''}`;
        let l = zones.get(z);
        if (!l) { l = []; zones.set(z, l); }
        l.push(ni);
      }
      const lists = [...zones.values()];
      const out: NodeInfo[] = [];
      for (let i = 0; out.length < this.byName.size; i++) for (const l of lists) { const ni = l[i]; if (ni) out.push(ni); }
      this.nodeList = out;
      this.affinityGeneration = -1;
    }
    if (cache.affinityGeneration !== this.affinityGeneration) {
      this.affinityGeneration = cache.affinityGeneration;
      this.affinityList = this.nodeList.filter((n) => n.podsWithAffinity.length > 0);
      this.antiAffinityList = this.nodeList.filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
    }
  }

  list(): NodeInfo[] { return this.nodeList; }
  imageNumNodes(name: string): number { return this.cache?.imageNumNodes(name) ?? 0; }
  havePodsWithAffinityList(): NodeInfo[] { return this.affinityList; }
  havePodsWithRequiredAntiAffinityList(): NodeInfo[] { return this.antiAffinityList; }
  get(name: string): NodeInfo | undefined { return this.byName.get(name); }
}
