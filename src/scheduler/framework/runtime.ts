// A profile's framework (upstream framework/runtime): the plugins of each extension point, built
// from the registry and the profile's configuration, and the code that runs them in order.

import { resolvePlugins } from '../config/load.ts';
import type { ExtensionPoint, PluginRef, Profile } from '../config/types.ts';
import { DefaultSchedulerName, ExtensionPoints } from '../config/types.ts';
import { pluginImplements } from '../plugins/registry.ts';
import type { Registry } from '../plugins/registry.ts';
import type {
  BindPlugin, ClusterEvent, CycleState, EnqueueExtensions, FilterPlugin, FrameworkRunner, Handle, PermitPlugin, Plugin,
  PostFilterPlugin, PostFilterResult, PreBindPlugin, PreFilterPlugin, PreScorePlugin, QueueSortPlugin, ReservePlugin, ScorePlugin,
} from './interface.ts';
import { Code, Status } from './status.ts';
import type { MaybeStatus } from './status.ts';
import type { NodeInfo, PodInfo } from './types.ts';

export interface ScoreEntry { plugin: ScorePlugin; weight: number }

/** Observes extension point durations (the metrics hook). */
export type PointObserver = (point: string, status: string, seconds: number) => void;

export class Framework implements FrameworkRunner {
  readonly profileName: string;
  readonly percentageOfNodesToScore: number | undefined;
  readonly queueSort: QueueSortPlugin;
  readonly preFilter: PreFilterPlugin[];
  readonly filter: FilterPlugin[];
  readonly postFilter: PostFilterPlugin[];
  readonly preScore: PreScorePlugin[];
  readonly score: ScoreEntry[];
  readonly reserve: ReservePlugin[];
  readonly permit: PermitPlugin[];
  readonly preBind: PreBindPlugin[];
  readonly bind: BindPlugin[];
  readonly enqueueExtensions: EnqueueExtensions[];
  readonly plugins = new Map<string, Plugin>();

  constructor(profile: Profile, registry: Registry, handle: Omit<Handle, 'framework' | 'profileName'>) {
    this.profileName = profile.schedulerName ?? DefaultSchedulerName;
    this.percentageOfNodesToScore = profile.percentageOfNodesToScore;
    const fullHandle: Handle = { ...handle, framework: this, profileName: this.profileName };
    const args = new Map((profile.pluginConfig ?? []).map((pc) => [pc.name, pc.args]));
    const build = (name: string): Plugin => {
      let p = this.plugins.get(name);
      if (!p) {
        const f = registry.get(name);
        if (!f) throw new Error(`scheduler profile ${this.profileName}: plugin "${name}" does not exist`);
        p = f(args.get(name), fullHandle);
        this.plugins.set(name, p);
      }
      return p;
    };
    const refs = resolvePlugins(profile.plugins, (name, point) => pluginImplements(build(name), point));
    for (const point of ExtensionPoints) {
      for (const r of refs[point]) {
        const p = build(r.name);
        if (!pluginImplements(p, point)) throw new Error(`scheduler profile ${this.profileName}: plugin "${r.name}" does not extend ${point}`);
      }
    }
    for (const name of args.keys()) {
      if (!this.plugins.has(name) && !registry.has(name)) throw new Error(`scheduler profile ${this.profileName}: pluginConfig for unknown plugin "${name}"`);
    }
    const get = <T>(point: ExtensionPoint): T[] => refs[point].map((r: PluginRef) => this.plugins.get(r.name) as T);
    this.queueSort = get<QueueSortPlugin>('queueSort')[0] as QueueSortPlugin;
    this.preFilter = get('preFilter');
    this.filter = get('filter');
    this.postFilter = get('postFilter');
    this.preScore = get('preScore');
    this.score = refs.score.map((r) => ({ plugin: this.plugins.get(r.name) as ScorePlugin, weight: r.weight ?? 1 }));
    this.reserve = get('reserve');
    this.permit = get('permit');
    this.preBind = get('preBind');
    this.bind = get('bind');
    this.enqueueExtensions = [...this.plugins.values()].filter((p): p is EnqueueExtensions => typeof (p as Partial<EnqueueExtensions>).eventsToRegister === 'function');
  }

  /** Events each plugin wants to hear about, by plugin name. */
  eventsByPlugin(): Map<string, ClusterEvent[]> {
    return new Map(this.enqueueExtensions.map((p) => [p.name, p.eventsToRegister()]));
  }

  runPreFilterPlugins(state: CycleState, pi: PodInfo): { nodeNames: Set<string> | undefined; status: Status | undefined; plugins: Set<string> } {
    let nodeNames: Set<string> | undefined;
    const rejectors = new Set<string>();
    for (const p of this.preFilter) {
      const r = p.preFilter(state, pi);
      const st = r?.status;
      if (st?.isSkip()) { state.skipFilterPlugins.add(p.name); continue; }
      if (st && !st.isSuccess()) {
        st.withPlugin(p.name);
        if (st.isRejected()) rejectors.add(p.name);
        return { nodeNames: undefined, status: st, plugins: rejectors };
      }
      const names = r?.result?.nodeNames;
      if (names) {
        nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => names.has(n))) : names;
        if (nodeNames.size === 0) {
          rejectors.add(p.name);
          return { nodeNames, status: new Status(Code.UnschedulableAndUnresolvable, ['node(s) didn\'t satisfy plugin(s) [' + p.name + '] simultaneously']).withPlugin(p.name), plugins: rejectors };
        }
      }
    }
    state.activeFilters = state.skipFilterPlugins.size ? this.filter.filter((p) => !state.skipFilterPlugins.has(p.name)) : this.filter;
    return { nodeNames, status: undefined, plugins: rejectors };
  }

  runPreFilterExtensionAddPod(state: CycleState, pi: PodInfo, toAdd: PodInfo, ni: NodeInfo): MaybeStatus {
    for (const p of this.preFilter) {
      if (state.skipFilterPlugins.has(p.name)) continue;
      const st = p.preFilterExtensions?.()?.addPod(state, pi, toAdd, ni);
      if (st && !st.isSuccess()) return st.withPlugin(p.name);
    }
    return undefined;
  }

  runPreFilterExtensionRemovePod(state: CycleState, pi: PodInfo, toRemove: PodInfo, ni: NodeInfo): MaybeStatus {
    for (const p of this.preFilter) {
      if (state.skipFilterPlugins.has(p.name)) continue;
      const st = p.preFilterExtensions?.()?.removePod(state, pi, toRemove, ni);
      if (st && !st.isSuccess()) return st.withPlugin(p.name);
    }
    return undefined;
  }

  /** Runs filters in order and returns the first rejection. */
  runFilterPlugins(state: CycleState, pi: PodInfo, ni: NodeInfo): MaybeStatus {
    const active = state.activeFilters;
    const list = active ?? this.filter;
    const skip = state.skipFilterPlugins;
    for (let i = 0; i < list.length; i++) {
      const p = list[i] as FilterPlugin;
      if (!active && skip.size && skip.has(p.name)) continue;
      const st = p.filter(state, pi, ni);
      if (st !== undefined && st.code !== Code.Success) return st.withPlugin(p.name);
    }
    return undefined;
  }

  /**
   * Filters with higher-or-equal-priority pods nominated to the node counted as if running
   * there (upstream RunFilterPluginsWithNominatedPods): the pod must fit both with and without.
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pi: PodInfo, ni: NodeInfo): MaybeStatus {
    const nominated = this.nominatedFor?.(pi, ni.name);
    if (nominated && nominated.length) {
      const st2 = state.clone();
      const ni2 = ni.clone();
      for (const np of nominated) {
        ni2.addPod(np);
        const s = this.runPreFilterExtensionAddPod(st2, pi, np, ni2);
        if (s && !s.isSuccess()) return s;
      }
      const s = this.runFilterPlugins(st2, pi, ni2);
      if (s !== undefined) return s;
    }
    return this.runFilterPlugins(state, pi, ni);
  }

  /** Set by the scheduler: nominated pods of at least the pod's priority on a node. */
  nominatedFor: ((pi: PodInfo, nodeName: string) => PodInfo[]) | undefined;

  async runPostFilterPlugins(state: CycleState, pi: PodInfo, statuses: Map<string, Status>): Promise<{ result?: PostFilterResult; status: Status }> {
    const msgs: string[] = [];
    for (const p of this.postFilter) {
      const r = await p.postFilter(state, pi, statuses);
      if (r.status.isSuccess()) return r;
      if (r.status.code === Code.Error) return { status: r.status.withPlugin(p.name) };
      if (r.status.message()) msgs.push(r.status.message());
    }
    return { status: new Status(Code.Unschedulable, msgs) };
  }

  /** PreScore; returns the score plugins that did not skip. */
  runPreScorePlugins(state: CycleState, pi: PodInfo, nodes: NodeInfo[]): MaybeStatus {
    for (const p of this.preScore) {
      const st = p.preScore(state, pi, nodes);
      if (st?.isSkip()) { state.skipScorePlugins.add(p.name); continue; }
      if (st && !st.isSuccess()) return st.withPlugin(p.name);
    }
    return undefined;
  }

  /** Weighted, normalized total score per node (same order as nodes). */
  runScorePlugins(state: CycleState, pi: PodInfo, nodes: NodeInfo[]): Float64Array | Status {
    const total = new Float64Array(nodes.length);
    const scores = new Float64Array(nodes.length);
    for (const { plugin, weight } of this.score) {
      if (state.skipScorePlugins.has(plugin.name)) continue;
      for (let i = 0; i < nodes.length; i++) {
        const s = plugin.score(state, pi, nodes[i] as NodeInfo);
        if (typeof s !== 'number') return s.withPlugin(plugin.name);
        scores[i] = s;
      }
      const st = plugin.normalizeScore?.(state, pi, scores);
      if (st && !st.isSuccess()) return st.withPlugin(plugin.name);
      for (let i = 0; i < nodes.length; i++) total[i] = (total[i] as number) + (scores[i] as number) * weight;
    }
    return total;
  }

  runReservePluginsReserve(state: CycleState, pi: PodInfo, nodeName: string): MaybeStatus {
    for (const p of this.reserve) {
      const st = p.reserve(state, pi, nodeName);
      if (st && !st.isSuccess()) return st.withPlugin(p.name);
    }
    return undefined;
  }

  runReservePluginsUnreserve(state: CycleState, pi: PodInfo, nodeName: string): void {
    for (let i = this.reserve.length - 1; i >= 0; i--) (this.reserve[i] as ReservePlugin).unreserve(state, pi, nodeName);
  }

  /** Permit: Success, a rejection, or Wait with the longest timeout asked for. */
  runPermitPlugins(state: CycleState, pi: PodInfo, nodeName: string): { status: MaybeStatus; timeoutMs: number; waiting: string[] } {
    let timeoutMs = 0;
    const waiting: string[] = [];
    for (const p of this.permit) {
      const r = p.permit(state, pi, nodeName);
      const st = r.status;
      if (st?.isWait()) { waiting.push(p.name); timeoutMs = Math.max(timeoutMs, Math.min(r.timeoutMs ?? 0, 15 * 60_000)); continue; }
      if (st && !st.isSuccess()) return { status: st.withPlugin(p.name), timeoutMs: 0, waiting: [] };
    }
    return { status: waiting.length ? new Status(Code.Wait) : undefined, timeoutMs, waiting };
  }

  async runPreBindPlugins(state: CycleState, pi: PodInfo, nodeName: string): Promise<MaybeStatus> {
    for (const p of this.preBind) {
      const st = await p.preBind(state, pi, nodeName);
      if (st && !st.isSuccess()) return st.withPlugin(p.name);
    }
    return undefined;
  }

  async runBindPlugins(state: CycleState, pi: PodInfo, nodeName: string): Promise<MaybeStatus> {
    for (const p of this.bind) {
      const st = await p.bind(state, pi, nodeName);
      if (st?.isSkip()) continue;
      return st && !st.isSuccess() ? st.withPlugin(p.name) : undefined;
    }
    return new Status(Code.Error, ['all bind plugins skipped']);
  }
}
