// The node authorizer's graph (plugin/pkg/auth/authorizer/node/graph.go): which secrets, config
// maps, PVCs, PVs and service accounts the pods bound to each node reach. Built from the
// apiserver's watch caches and kept current from their events, so a check is a few map lookups.

import type { KubeObject } from '../../api/types.ts';
import type { ApiContext } from '../../apiserver/rest/context.ts';
import type { CachedObject } from '../../apiserver/storage/cached.ts';
import type { CacheEvent, Subscription } from '../../apiserver/storage/watchcache.ts';
import { persistentVolumeSecrets, podReferences, vertexKey } from './refs.ts';
import type { VertexType } from './refs.ts';

interface PodEntry { node: string; refs: string[] }

const nsName = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

function str(o: KubeObject, ...path: string[]): string {
  let v: unknown = o;
  for (const p of path) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[p] : undefined;
  return typeof v === 'string' ? v : '';
}

/** Only pods bound to a node give it anything. */
const boundPod = (e: CachedObject): boolean => (e.attrs.fields?.['spec.nodeName'] ?? '') !== '';

/**
 * An update that leaves a bound pod on its node changes nothing it references: a pod's
 * references are immutable, as upstream's graph populator reasons (same node, same uid; an
 * update event is the same pod, a re-created one comes as a delete and an add).
 */
const sameBinding = (prev: CachedObject, next: CachedObject): boolean =>
  (prev.attrs.fields?.['spec.nodeName'] ?? '') === (next.attrs.fields?.['spec.nodeName'] ?? '');

export class NodeGraph {
  private readonly pods = new Map<string, PodEntry>();
  /** node → vertex key → how many of its pods reference it. */
  private readonly byNode = new Map<string, Map<string, number>>();
  /** PVC namespace/name → the PV it is bound to. */
  private readonly pvcVolume = new Map<string, string>();
  /** PV name → the secrets it references. */
  private readonly pvSecrets = new Map<string, string[]>();
  /** VolumeAttachment name → the node it attaches to. */
  private readonly attachments = new Map<string, string>();
  private readonly subs: Subscription[] = [];

  /** Follows the caches of ctx; resources the server does not serve are skipped. */
  static fromCaches(ctx: Pick<ApiContext, 'storageByResource'>): NodeGraph {
    const g = new NodeGraph();
    g.follow(ctx, '', 'pods', (o) => g.setPod(o), (o) => g.deletePod(o), boundPod, sameBinding);
    g.follow(ctx, '', 'persistentvolumeclaims', (o) => g.setPVC(o), (o) => g.pvcVolume.delete(nsName(o)));
    g.follow(ctx, '', 'persistentvolumes', (o) => g.setPV(o), (o) => g.pvSecrets.delete(o.metadata.name ?? ''));
    g.follow(ctx, 'storage.k8s.io', 'volumeattachments', (o) => g.setAttachment(o), (o) => g.attachments.delete(o.metadata.name ?? ''));
    return g;
  }

  /**
   * Keeps the graph current from a cache. `relevant` says from an entry's selector attributes
   * whether the object can matter, so irrelevant ones (unscheduled pods) are never parsed, and
   * `unchanged` whether an update of a relevant object can be passed over unparsed.
   */
  private follow(
    ctx: Pick<ApiContext, 'storageByResource'>, group: string, resource: string,
    set: (o: KubeObject) => void, del: (o: KubeObject) => void, relevant: (e: CachedObject) => boolean = () => true,
    unchanged?: (prev: CachedObject, next: CachedObject) => boolean,
  ): void {
    const storage = ctx.storageByResource(group, resource);
    if (!storage) return;
    const onEvents = (events: CacheEvent[]): void => {
      for (const ev of events) {
        if (ev.type === 'MODIFIED' && unchanged && ev.prev !== undefined && relevant(ev.prev) && relevant(ev.entry) && unchanged(ev.prev, ev.entry)) continue;
        const now = ev.type !== 'DELETED' && relevant(ev.entry);
        if (now) set(ev.obj);
        else if (ev.prev !== undefined && relevant(ev.prev)) del(ev.prev.obj);
      }
    };
    this.subs.push(storage.cache.subscribe({ onEvents }, undefined, (objs) => {
      for (const o of objs) if (relevant(o)) set(o.read());
    }));
  }

  setPod(pod: KubeObject): void {
    const key = nsName(pod);
    this.deletePod(pod);
    const node = str(pod, 'spec', 'nodeName');
    // Unscheduled pods give no node anything.
    if (!node) return;
    const refs = podReferences(pod);
    this.pods.set(key, { node, refs });
    let counts = this.byNode.get(node);
    if (!counts) { counts = new Map(); this.byNode.set(node, counts); }
    for (const r of refs) counts.set(r, (counts.get(r) ?? 0) + 1);
  }

  deletePod(pod: KubeObject): void {
    const key = nsName(pod);
    const old = this.pods.get(key);
    if (!old) return;
    this.pods.delete(key);
    const counts = this.byNode.get(old.node);
    if (!counts) return;
    for (const r of old.refs) {
      const n = (counts.get(r) ?? 0) - 1;
      if (n > 0) counts.set(r, n);
      else counts.delete(r);
    }
    if (counts.size === 0) this.byNode.delete(old.node);
  }

  setPVC(pvc: KubeObject): void {
    const volume = str(pvc, 'spec', 'volumeName');
    if (volume) this.pvcVolume.set(nsName(pvc), volume);
    else this.pvcVolume.delete(nsName(pvc));
  }

  setPV(pv: KubeObject): void {
    const secrets = persistentVolumeSecrets(pv);
    if (secrets.length > 0) this.pvSecrets.set(pv.metadata.name ?? '', secrets);
    else this.pvSecrets.delete(pv.metadata.name ?? '');
  }

  setAttachment(va: KubeObject): void {
    const node = str(va, 'spec', 'nodeName');
    if (node) this.attachments.set(va.metadata.name ?? '', node);
    else this.attachments.delete(va.metadata.name ?? '');
  }

  /** The PVs the node's pods reach through their claims. */
  private volumesOf(counts: Map<string, number>): string[] {
    const out: string[] = [];
    for (const ref of counts.keys()) {
      if (!ref.startsWith('pvc/')) continue;
      const pv = this.pvcVolume.get(ref.slice('pvc/'.length));
      if (pv) out.push(pv);
    }
    return out;
  }

  /** Whether an object of the given type is reachable from the node. */
  hasPathFrom(node: string, type: VertexType | 'volumeattachment', namespace: string, name: string): boolean {
    if (type === 'volumeattachment') return this.attachments.get(name) === node;
    const counts = this.byNode.get(node);
    if (!counts) return false;
    if (type === 'pv') return this.volumesOf(counts).includes(name);
    const key = vertexKey(type, namespace, name);
    if (counts.has(key)) return true;
    if (type !== 'secret') return false;
    // Secrets a bound PV needs (e.g. CSI node-publish secrets).
    return this.volumesOf(counts).some((pv) => this.pvSecrets.get(pv)?.includes(key) === true);
  }

  close(): void { for (const s of this.subs.splice(0)) s.close(); }
}
