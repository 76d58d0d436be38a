// Plugin names as upstream's plugins/names package.
export const Names = {
  PrioritySort: 'PrioritySort',
  NodeName: 'NodeName',
  NodeUnschedulable: 'NodeUnschedulable',
  NodePorts: 'NodePorts',
  NodeResourcesFit: 'NodeResourcesFit',
  NodeResourcesBalancedAllocation: 'NodeResourcesBalancedAllocation',
  NodeAffinity: 'NodeAffinity',
  TaintToleration: 'TaintToleration',
  InterPodAffinity: 'InterPodAffinity',
  PodTopologySpread: 'PodTopologySpread',
  ImageLocality: 'ImageLocality',
  DefaultBinder: 'DefaultBinder',
  DefaultPreemption: 'DefaultPreemption',
} as const;
