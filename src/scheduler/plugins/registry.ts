// The in-tree plugin registry: name → factory (upstream plugins/registry.go).

import type { PluginFactory } from '../framework/interface.ts';
import { DefaultBinder } from './defaultbinder/default_binder.ts';
import { DefaultPreemption } from './defaultpreemption/default_preemption.ts';
import type { DefaultPreemptionArgs } from './defaultpreemption/default_preemption.ts';
import { ImageLocality } from './imagelocality/image_locality.ts';
import { InterPodAffinity } from './interpodaffinity/interpodaffinity.ts';
import type { InterPodAffinityArgs } from './interpodaffinity/interpodaffinity.ts';
import { Names } from './names.ts';
import { NodeAffinity } from './nodeaffinity/node_affinity.ts';
import type { NodeAffinityArgs } from './nodeaffinity/node_affinity.ts';
import { NodeName } from './nodename/node_name.ts';
import { NodePorts } from './nodeports/node_ports.ts';
import { NodeResourcesBalancedAllocation } from './noderesources/balanced_allocation.ts';
import type { NodeResourcesBalancedAllocationArgs } from './noderesources/balanced_allocation.ts';
import { NodeResourcesFit } from './noderesources/fit.ts';
import type { NodeResourcesFitArgs } from './noderesources/fit.ts';
import { NodeUnschedulable } from './nodeunschedulable/node_unschedulable.ts';
import { PodTopologySpread } from './podtopologyspread/podtopologyspread.ts';
import type { PodTopologySpreadArgs } from './podtopologyspread/podtopologyspread.ts';
import { PrioritySort } from './queuesort/priority_sort.ts';
import { TaintToleration } from './tainttoleration/taint_toleration.ts';

export type Registry = Map<string, PluginFactory>;

export function inTreeRegistry(): Registry {
  return new Map<string, PluginFactory>([
    [Names.PrioritySort, () => new PrioritySort()],
    [Names.NodeName, () => new NodeName()],
    [Names.NodeUnschedulable, () => new NodeUnschedulable()],
    [Names.NodePorts, () => new NodePorts()],
    [Names.NodeResourcesFit, (a) => new NodeResourcesFit(a as NodeResourcesFitArgs | undefined)],
    [Names.NodeResourcesBalancedAllocation, (a) => new NodeResourcesBalancedAllocation(a as NodeResourcesBalancedAllocationArgs | undefined)],
    [Names.NodeAffinity, (a) => new NodeAffinity(a as NodeAffinityArgs | undefined)],
    [Names.TaintToleration, () => new TaintToleration()],
    [Names.InterPodAffinity, (a, h) => new InterPodAffinity(a as InterPodAffinityArgs | undefined, h)],
    [Names.PodTopologySpread, (a, h) => new PodTopologySpread(a as PodTopologySpreadArgs | undefined, h)],
    [Names.ImageLocality, (_a, h) => new ImageLocality(h)],
    [Names.DefaultBinder, (_a, h) => new DefaultBinder(h)],
    [Names.DefaultPreemption, (a, h) => new DefaultPreemption(a as DefaultPreemptionArgs | undefined, h)],
  ]);
}

/** Which extension-point methods each plugin class has, known without building one. */
const pointMethods: Record<string, string> = {
  queueSort: 'less', preFilter: 'preFilter', filter: 'filter', postFilter: 'postFilter', preScore: 'preScore',
  score: 'score', reserve: 'reserve', permit: 'permit', preBind: 'preBind', bind: 'bind',
};

export function pluginImplements(plugin: object, point: string): boolean {
  const m = pointMethods[point];
  return m !== undefined && typeof (plugin as Record<string, unknown>)[m] === 'function';
}
