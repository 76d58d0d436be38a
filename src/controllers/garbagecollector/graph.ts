// The garbage collector's dependency graph (upstream graph_builder.go, kept simpler): a node per
// observed object, keyed by uid, with the owner references it declares and the uids that declare
// it as an owner. Owners not observed (yet, or ever) are looked up live when it matters.

import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { MetaObject } from '../../client/index.ts';
import type { DiscoveredResource } from '../common/discovery.ts';

export interface GraphObject extends MetaObject {
  metadata?: MetaObject['metadata'] & { ownerReferences?: OwnerReference[]; finalizers?: string[] };
}

export interface Node {
  uid: string;
  resource: DiscoveredResource;
  obj: GraphObject;
  dependents: Set<string>;
}

export const OrphanFinalizer = 'orphan';
export const ForegroundFinalizer = 'foregroundDeletion';

export function owners(obj: GraphObject | undefined): OwnerReference[] {
  return obj?.metadata?.ownerReferences ?? [];
}

export function isDeletingDependents(obj: GraphObject | undefined): boolean {
  return Boolean(obj?.metadata?.deletionTimestamp && obj.metadata.finalizers?.includes(ForegroundFinalizer));
}

export class Graph {
  readonly nodes = new Map<string, Node>();
  /** Dependents by owner uid, including owners never observed. */
  private readonly dependentsOf = new Map<string, Set<string>>();

  get(uid: string): Node | undefined {
    return this.nodes.get(uid);
  }

  dependents(uid: string): string[] {
    return [...(this.dependentsOf.get(uid) ?? [])];
  }

  /** Adds or replaces a node; returns the owner uids it no longer refers to. */
  upsert(obj: GraphObject, resource: DiscoveredResource): string[] {
    const uid = obj.metadata?.uid ?? '';
    const prev = this.nodes.get(uid);
    const before = new Set(owners(prev?.obj).map((r) => r.uid));
    const after = new Set(owners(obj).map((r) => r.uid));
    const node: Node = prev ?? { uid, resource, obj, dependents: new Set() };
    node.obj = obj;
    node.resource = resource;
    this.nodes.set(uid, node);
    const removed: string[] = [];
    for (const o of before) {
      if (after.has(o)) continue;
      this.dependentsOf.get(o)?.delete(uid);
      removed.push(o);
    }
    for (const o of after) {
      let set = this.dependentsOf.get(o);
      if (!set) this.dependentsOf.set(o, (set = new Set()));
      set.add(uid);
    }
    return removed;
  }

  remove(uid: string): Node | undefined {
    const node = this.nodes.get(uid);
    if (!node) return undefined;
    this.nodes.delete(uid);
    for (const r of owners(node.obj)) {
      const set = this.dependentsOf.get(r.uid);
      set?.delete(uid);
      if (set && set.size === 0 && !this.nodes.has(r.uid)) this.dependentsOf.delete(r.uid);
    }
    return node;
  }

  /** Dependents whose reference to `uid` has blockOwnerDeletion set. */
  blockingDependents(uid: string): Node[] {
    const out: Node[] = [];
    for (const d of this.dependents(uid)) {
      const n = this.nodes.get(d);
      if (n && owners(n.obj).some((r) => r.uid === uid && r.blockOwnerDeletion === true)) out.push(n);
    }
    return out;
  }
}
