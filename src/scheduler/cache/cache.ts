// The scheduler cache (upstream backend/cache): NodeInfo per node built from informer events,
// plus assumed pods — placed on their node as soon as the scheduling cycle picks it, confirmed
// when the bound pod arrives from the watch, forgotten when binding fails, and expired if the
// binding never shows up.

import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { NodeInfo, newPodInfo, podKey } from '../framework/types.ts';
import type { ImageState, PodInfo } from '../framework/types.ts';

interface PodState {
  pi: PodInfo;
  nodeName: string;
  assumed: boolean;
  bindingFinished: boolean;
  deadline: number;
}

export interface CacheOptions {
  /** How long an assumed pod whose binding finished may wait for the watch to confirm it. */
  assumedPodTTLMs?: number;
  now?: () => number;
}

export class SchedulerCache {
  readonly nodes = new Map<string, NodeInfo>();
  private readonly podStates = new Map<string, PodState>();
  private readonly imageSummaries = new Map<string, { numNodes: number }>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  /** Bumped when nodes come or go (the snapshot rebuilds its node list). */
  structureGeneration = 0;
  /** Bumped when pods with affinity come or go (the snapshot rebuilds its affinity lists). */
  affinityGeneration = 0;

  constructor(o: CacheOptions = {}) {
    this.ttlMs = o.assumedPodTTLMs ?? 30_000;
    this.now = o.now ?? Date.now;
  }

  private nodeInfo(name: string): NodeInfo {
    let ni = this.nodes.get(name);
    if (!ni) { ni = new NodeInfo(name); this.nodes.set(name, ni); }
    return ni;
  }

  private place(pi: PodInfo, nodeName: string): void {
    const ni = this.nodeInfo(nodeName);
    ni.addPod(pi);
    if (pi.requiredAffinityTerms.length || pi.requiredAntiAffinityTerms.length || pi.preferredAffinityTerms.length || pi.preferredAntiAffinityTerms.length) this.affinityGeneration++;
  }

  private unplace(st: PodState): void {
    const ni = this.nodes.get(st.nodeName);
    if (!ni) return;
    ni.removePod(st.pi.key);
    const pi = st.pi;
    if (pi.requiredAffinityTerms.length || pi.requiredAntiAffinityTerms.length || pi.preferredAffinityTerms.length || pi.preferredAntiAffinityTerms.length) this.affinityGeneration++;
    if (!ni.node && ni.pods.length === 0) this.nodes.delete(ni.name);
  }

  /** Places a pod the scheduler chose a node for, before binding. pi.pod.spec.nodeName must be set. */
  assumePod(pi: PodInfo): void {
    if (this.podStates.has(pi.key)) throw new Error(`pod ${pi.key} is in the cache, so can't be assumed`);
    const nodeName = pi.pod.spec?.nodeName ?? '';
    this.place(pi, nodeName);
    this.podStates.set(pi.key, { pi, nodeName, assumed: true, bindingFinished: false, deadline: 0 });
  }

  /** Starts the expiry clock of an assumed pod once its binding request succeeded. */
  finishBinding(key: string): void {
    const st = this.podStates.get(key);
    if (st?.assumed) { st.bindingFinished = true; st.deadline = this.now() + this.ttlMs; }
  }

  /** Undoes assumePod (binding failed). */
  forgetPod(key: string): void {
    const st = this.podStates.get(key);
    if (!st?.assumed) return;
    this.unplace(st);
    this.podStates.delete(key);
  }

  imageNumNodes(name: string): number { return this.imageSummaries.get(name)?.numNodes ?? 0; }

  isAssumed(key: string): boolean { return this.podStates.get(key)?.assumed === true; }
  hasPod(key: string): boolean { return this.podStates.has(key); }
  podCount(): number { return this.podStates.size; }

  /** An assigned pod from the informer: confirms an assumed pod or adds it. */
  addPod(pod: Pod): void {
    const key = podKey(pod);
    const nodeName = pod.spec?.nodeName ?? '';
    const st = this.podStates.get(key);
    if (st) {
      if (st.assumed && st.nodeName === nodeName && st.pi.pod.metadata?.uid === pod.metadata?.uid) {
        // Confirmed; keep the assumed PodInfo but point it at the real object.
        st.assumed = false;
        st.pi.pod = pod;
        return;
      }
      this.unplace(st);
      this.podStates.delete(key);
    }
    const pi = newPodInfo(pod);
    this.place(pi, nodeName);
    this.podStates.set(key, { pi, nodeName, assumed: false, bindingFinished: false, deadline: 0 });
  }

  updatePod(_old: Pod, pod: Pod): void {
    const st = this.podStates.get(podKey(pod));
    // Labels, requests or the node may have changed: redo its NodeInfo entry.
    if (st && !st.assumed) {
      this.unplace(st);
      this.podStates.delete(st.pi.key);
    }
    this.addPod(pod);
  }

  removePod(pod: Pod): void {
    const key = podKey(pod);
    const st = this.podStates.get(key);
    if (!st) return;
    this.unplace(st);
    this.podStates.delete(key);
  }

  addNode(node: Node): NodeInfo {
    const name = node.metadata?.name ?? '';
    const had = this.nodes.get(name)?.node !== undefined;
    const ni = this.nodeInfo(name);
    this.releaseImages(ni);
    ni.setNode(node);
    this.addImages(ni, node);
    ni.generation++;
    if (!had) this.structureGeneration++;
    return ni;
  }

  updateNode(_old: Node, node: Node): NodeInfo {
    const ni = this.addNode(node);
    // Zone labels decide the node order; a label change may move it.
    this.structureGeneration++;
    return ni;
  }

  removeNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    const ni = this.nodes.get(name);
    if (!ni) return;
    this.releaseImages(ni);
    ni.node = undefined;
    if (ni.pods.length === 0) this.nodes.delete(name);
    this.structureGeneration++;
  }

  private addImages(ni: NodeInfo, node: Node): void {
    const states = new Map<string, ImageState>();
    for (const img of node.status?.images ?? []) {
      for (const name of img.names ?? []) {
        let sum = this.imageSummaries.get(name);
        if (!sum) { sum = { numNodes: 0 }; this.imageSummaries.set(name, sum); }
        if (!states.has(name)) { sum.numNodes++; states.set(name, { size: img.sizeBytes ?? 0, summary: sum }); }
      }
    }
    ni.imageStates = states;
  }

  private releaseImages(ni: NodeInfo): void {
    for (const [name, st] of ni.imageStates) {
      st.summary.numNodes--;
      if (st.summary.numNodes <= 0) this.imageSummaries.delete(name);
    }
    ni.imageStates = new Map();
  }

  /** Drops assumed pods whose binding finished long ago but never showed up. Returns their keys. */
  cleanupExpiredAssumedPods(): string[] {
    const now = this.now();
    const out: string[] = [];
    for (const [key, st] of this.podStates) {
      if (st.assumed && st.bindingFinished && st.deadline <= now) {
        this.unplace(st);
        this.podStates.delete(key);
        out.push(key);
      }
    }
    return out;
  }
}
