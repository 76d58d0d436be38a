// One small interface per extension point (upstream framework/interface.go). Plugins of the
// scheduling cycle are synchronous (the cycle runs to completion on one turn of the event loop,
// so the snapshot cannot change under it); PostFilter and the binding cycle may await.

import type { Pod } from 'kubernetes-types/core/v1.js';
import type { RestClient } from '../../client/rest.ts';
import type { Selector } from '../../api/selectors/labels.ts';
import type { MaybeStatus, Status } from './status.ts';
import type { NodeInfo, PodInfo } from './types.ts';

/** Per-cycle plugin state (upstream CycleState). */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Set when the pod is nominated elsewhere to skip work (unused flags kept small). */
  skipFilterPlugins = new Set<string>();
  skipScorePlugins = new Set<string>();
  /** The Filter plugins that did not skip, set by the framework after PreFilter. */
  activeFilters: FilterPlugin[] | undefined;
  read<T>(key: string): T | undefined { return this.data.get(key) as T | undefined; }
  write(key: string, v: unknown): void { this.data.set(key, v); }
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) {
      const cl = (v as { clone?: () => unknown } | undefined)?.clone;
      c.data.set(k, typeof cl === 'function' ? cl.call(v) : v);
    }
    c.skipFilterPlugins = new Set(this.skipFilterPlugins);
    c.skipScorePlugins = new Set(this.skipScorePlugins);
    c.activeFilters = this.activeFilters;
    return c;
  }
}

/** A pod in the scheduling queue. */
export interface QueuedPodInfo {
  podInfo: PodInfo;
  /** When it entered the queue (ms). */
  timestamp: number;
  /** When it was first added; for the end-to-end latency metric. */
  initialAttemptTimestamp: number | undefined;
  attempts: number;
  /** Plugins that rejected it last time; events for them move it back. */
  unschedulablePlugins: Set<string>;
  /** Backoff expiry (ms) when in backoffQ. */
  backoffExpiry: number;
}

export interface Plugin { readonly name: string }

export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

/** Node names a PreFilter narrows evaluation to (undefined: all nodes). */
export interface PreFilterResult { nodeNames: Set<string> | undefined }

export interface PreFilterExtensions {
  addPod(state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  removePod(state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status?: Status } | undefined;
  preFilterExtensions?(): PreFilterExtensions | undefined;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
}

export interface PostFilterResult { nominatedNodeName: string | undefined }

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: PodInfo, statuses: Map<string, Status>): Promise<{ result?: PostFilterResult; status: Status }>;
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: PodInfo, nodes: NodeInfo[]): MaybeStatus;
}

export const MaxNodeScore = 100;
export const MinNodeScore = 0;

export interface ScorePlugin extends Plugin {
  /** A score in [0, 100] unless normalizeScore rescales it, or a failure Status. */
  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number | Status;
  normalizeScore?(state: CycleState, pod: PodInfo, scores: Float64Array): MaybeStatus;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: PodInfo, nodeName: string): MaybeStatus;
  unreserve(state: CycleState, pod: PodInfo, nodeName: string): void;
}

export interface PermitPlugin extends Plugin {
  permit(state: CycleState, pod: PodInfo, nodeName: string): { status?: Status; timeoutMs?: number };
}

export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: PodInfo, nodeName: string): Promise<MaybeStatus>;
}

export interface BindPlugin extends Plugin {
  /** Skip lets the next bind plugin try. */
  bind(state: CycleState, pod: PodInfo, nodeName: string): Promise<MaybeStatus>;
}

/** Cluster events that may make rejected pods schedulable (upstream ClusterEvent). */
export type EventResource = 'Pod' | 'AssignedPod' | 'Node' | 'Namespace' | 'PodDisruptionBudget' | 'Service' | 'PriorityClass';
export type ActionType = 'Add' | 'Update' | 'Delete';
export interface ClusterEvent { resource: EventResource; actions: readonly ActionType[] }

export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): ClusterEvent[];
}

/** Read access to the per-cycle node snapshot. */
export interface NodeInfoLister {
  list(): NodeInfo[];
  /** How many nodes hold the image (by its normalized name). */
  imageNumNodes(name: string): number;
  havePodsWithAffinityList(): NodeInfo[];
  havePodsWithRequiredAntiAffinityList(): NodeInfo[];
  get(name: string): NodeInfo | undefined;
}

/** Nominated pods per node (pods that preempted and wait for their victims to go). */
export interface PodNominator {
  nominatedPodsForNode(nodeName: string): PodInfo[];
}

export interface PodDisruptionBudgetLike {
  namespace: string;
  selector: Selector;
  disruptionsAllowed: number;
  disruptedPods: Set<string>;
}

/** What plugins may use of the scheduler (upstream framework.Handle). */
export interface Handle {
  client: RestClient | undefined;
  snapshot: NodeInfoLister;
  nominator: PodNominator;
  namespaceLabels(ns: string): Record<string, string> | undefined;
  /** Selectors of services/controllers selecting the pod (for default spreading). */
  defaultSelectors(pod: Pod): Selector[];
  podDisruptionBudgets(): PodDisruptionBudgetLike[];
  /** The profile's framework for running filters during preemption. */
  framework: FrameworkRunner;
  /** Marks pods being deleted by preemption (so the scheduler ignores their removal race). */
  recordEvent?(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void;
  profileName: string;
}

export interface FrameworkRunner {
  runPreFilterExtensionAddPod(state: CycleState, pod: PodInfo, toAdd: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  runPreFilterExtensionRemovePod(state: CycleState, pod: PodInfo, toRemove: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
}

export type PluginFactory = (args: Record<string, unknown> | undefined, handle: Handle) => Plugin;
