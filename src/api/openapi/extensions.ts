// Patch, list and map metadata that upstream publishes as OpenAPI extensions, taken from the Go
// struct tags (`patchStrategy`, `patchMergeKey`) and markers (`+listType`, `+listMapKey`,
// `+mapType`, `+structType`) of k8s.io/api. kubernetes-types' .d.ts files do not carry them, so
// the generator merges this table into the definitions.
//
// Keys are 'Definition.field' (the definition's short name, e.g. 'PodSpec.containers'; it applies
// to every API group/version that has a definition of that name) or 'Definition' alone for a
// definition-level marker such as `+structType=atomic`. Lists upstream tags only with
// patchStrategy/patchMergeKey (no +listType, e.g. PodSpec.containers in 1.30) publish just those two.

import type { Schema } from '../openapi-model.ts';

export type ExtensionSet = Pick<
  Schema,
  | 'x-kubernetes-patch-strategy'
  | 'x-kubernetes-patch-merge-key'
  | 'x-kubernetes-list-type'
  | 'x-kubernetes-list-map-keys'
  | 'x-kubernetes-map-type'
  | 'default'
>;

/** A merge-patched list keyed by `key` (and optionally more map keys). */
function mergeMap(key: string, mapKeys: string[] = [key], strategy = 'merge'): ExtensionSet {
  return {
    'x-kubernetes-list-map-keys': mapKeys,
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-patch-merge-key': key,
    'x-kubernetes-patch-strategy': strategy,
  };
}

/** A merge-patched list keyed by `key` that is not (yet) a list-type map upstream. */
function mergeKey(key: string, strategy = 'merge'): ExtensionSet {
  return { 'x-kubernetes-patch-merge-key': key, 'x-kubernetes-patch-strategy': strategy };
}

const atomic: ExtensionSet = { 'x-kubernetes-list-type': 'atomic' };
const set: ExtensionSet = { 'x-kubernetes-list-type': 'set' };
const atomicStruct: ExtensionSet = { 'x-kubernetes-map-type': 'atomic' };

const containerFields: Record<string, ExtensionSet> = {
  args: atomic,
  command: atomic,
  env: mergeKey('name'),
  envFrom: atomic,
  ports: mergeMap('containerPort', ['containerPort', 'protocol']),
  resizePolicy: atomic,
  volumeDevices: mergeKey('devicePath'),
  volumeMounts: mergeKey('mountPath'),
};

function fieldsOf(definition: string, fields: Record<string, ExtensionSet>): Record<string, ExtensionSet> {
  return Object.fromEntries(Object.entries(fields).map(([f, e]) => [`${definition}.${f}`, e]));
}

/** metav1.Condition lists: merge by type, a list-type map keyed by type. */
const conditions = mergeMap('type');

export const EXTENSIONS: Record<string, ExtensionSet> = {
  // core/v1 PodSpec
  'PodSpec.containers': mergeKey('name'),
  'PodSpec.initContainers': mergeKey('name'),
  'PodSpec.ephemeralContainers': mergeKey('name'),
  'PodSpec.volumes': mergeKey('name', 'merge,retainKeys'),
  'PodSpec.imagePullSecrets': mergeKey('name'),
  'PodSpec.hostAliases': mergeKey('ip'),
  'PodSpec.tolerations': atomic,
  'PodSpec.readinessGates': atomic,
  'PodSpec.resourceClaims': mergeMap('name', ['name'], 'merge,retainKeys'),
  'PodSpec.schedulingGates': mergeMap('name'),
  'PodSpec.topologySpreadConstraints': mergeMap('topologyKey', ['topologyKey', 'whenUnsatisfiable']),
  'PodSecurityContext.supplementalGroups': atomic,
  'PodSecurityContext.sysctls': atomic,
  'PodStatus.conditions': mergeKey('type'),
  'PodStatus.podIPs': mergeKey('ip'),
  'PodStatus.containerStatuses': atomic,
  'PodStatus.initContainerStatuses': atomic,
  'PodStatus.ephemeralContainerStatuses': atomic,
  'PodDNSConfig.nameservers': atomic,
  'PodDNSConfig.searches': atomic,
  'PodDNSConfig.options': atomic,
  ...fieldsOf('Container', containerFields),
  ...fieldsOf('EphemeralContainer', containerFields),
  'Capabilities.add': atomic,
  'Capabilities.drop': atomic,
  'ExecAction.command': atomic,
  'HTTPGetAction.httpHeaders': atomic,
  'NodeSelector.nodeSelectorTerms': atomic,
  'NodeSelector': atomicStruct,
  'NodeSelectorTerm.matchExpressions': atomic,
  'NodeSelectorTerm.matchFields': atomic,
  'NodeSelectorTerm': atomicStruct,
  'NodeSelectorRequirement.values': atomic,
  'PodAffinityTerm.namespaces': atomic,
  'PodAffinityTerm.matchLabelKeys': atomic,
  'PodAffinityTerm.mismatchLabelKeys': atomic,
  'TopologySpreadConstraint.matchLabelKeys': atomic,
  'ConfigMapVolumeSource.items': atomic,
  'SecretVolumeSource.items': atomic,
  'ProjectedVolumeSource.sources': atomic,
  'DownwardAPIVolumeSource.items': atomic,
  'LocalObjectReference': atomicStruct,
  'ObjectReference': atomicStruct,
  'ConfigMapKeySelector': atomicStruct,
  'SecretKeySelector': atomicStruct,
  'ObjectFieldSelector': atomicStruct,
  'ResourceFieldSelector': atomicStruct,
  // meta/v1
  'ObjectMeta.finalizers': { 'x-kubernetes-list-type': 'set', 'x-kubernetes-patch-strategy': 'merge' },
  'ObjectMeta.ownerReferences': mergeMap('uid'),
  'ObjectMeta.managedFields': atomic,
  'OwnerReference': atomicStruct,
  'LabelSelector': atomicStruct,
  'LabelSelector.matchExpressions': atomic,
  'LabelSelectorRequirement.values': atomic,
  'StatusDetails.causes': atomic,
  'APIGroup.versions': atomic,
  'APIResource.verbs': atomic,
  // Services, Endpoints, Nodes, Namespaces
  'ServiceSpec.ports': mergeMap('port', ['port', 'protocol']),
  // Defaults of list-map key fields: server-side apply keys items missing them by these.
  'ContainerPort.protocol': { default: 'TCP' },
  'ServicePort.protocol': { default: 'TCP' },
  'EndpointPort.protocol': { default: 'TCP' },
  'ServiceSpec.selector': atomicStruct,
  'ServiceSpec.externalIPs': atomic,
  'ServiceSpec.clusterIPs': atomic,
  'ServiceSpec.ipFamilies': atomic,
  'ServiceSpec.loadBalancerSourceRanges': atomic,
  'ServiceStatus.conditions': conditions,
  'LoadBalancerStatus.ingress': atomic,
  'Endpoints.subsets': atomic,
  'EndpointSubset.addresses': atomic,
  'EndpointSubset.notReadyAddresses': atomic,
  'EndpointSubset.ports': atomic,
  'EndpointAddress': atomicStruct,
  'NodeSpec.podCIDRs': { 'x-kubernetes-list-type': 'set', 'x-kubernetes-patch-strategy': 'merge' },
  'NodeSpec.taints': atomic,
  'NodeStatus.addresses': mergeKey('type'),
  'NodeStatus.conditions': mergeKey('type'),
  'NodeStatus.images': atomic,
  'NodeStatus.volumesInUse': atomic,
  'NodeStatus.volumesAttached': atomic,
  'NamespaceStatus.conditions': mergeKey('type'),
  'NamespaceSpec.finalizers': atomic,
  'PersistentVolumeClaimStatus.conditions': mergeKey('type'),
  'ReplicationControllerStatus.conditions': mergeKey('type'),
  'ComponentStatus.conditions': mergeKey('type'),
  // apps/v1, batch/v1, autoscaling, policy
  'DeploymentStatus.conditions': mergeKey('type'),
  'ReplicaSetStatus.conditions': mergeKey('type'),
  'StatefulSetStatus.conditions': mergeKey('type'),
  'DaemonSetStatus.conditions': mergeKey('type'),
  'StatefulSetSpec.volumeClaimTemplates': atomic,
  'JobStatus.conditions': { 'x-kubernetes-list-type': 'atomic', ...mergeKey('type') },
  'CronJobStatus.active': atomic,
  'PodDisruptionBudgetStatus.conditions': conditions,
  'HorizontalPodAutoscalerStatus.conditions': conditions,
  'HorizontalPodAutoscalerSpec.metrics': atomic,
  'HPAScalingRules.policies': atomic,
  // rbac, networking, discovery
  'ClusterRole.rules': atomic,
  'Role.rules': atomic,
  'RoleBinding.subjects': atomic,
  'ClusterRoleBinding.subjects': atomic,
  'RoleRef': atomicStruct,
  'PolicyRule.verbs': atomic,
  'PolicyRule.apiGroups': atomic,
  'PolicyRule.resources': atomic,
  'PolicyRule.resourceNames': atomic,
  'PolicyRule.nonResourceURLs': atomic,
  'NetworkPolicySpec.ingress': atomic,
  'NetworkPolicySpec.egress': atomic,
  'NetworkPolicySpec.policyTypes': atomic,
  'IngressSpec.rules': atomic,
  'IngressSpec.tls': atomic,
  'HTTPIngressRuleValue.paths': atomic,
  'EndpointSlice.endpoints': atomic,
  'EndpointSlice.ports': atomic,
  'Endpoint.addresses': set,
  // flowcontrol.apiserver.k8s.io/v1
  'FlowSchemaSpec.rules': atomic,
  'FlowSchemaStatus.conditions': conditions,
  'PriorityLevelConfigurationStatus.conditions': conditions,
  'PolicyRulesWithSubjects.subjects': atomic,
  'PolicyRulesWithSubjects.resourceRules': atomic,
  'PolicyRulesWithSubjects.nonResourceRules': atomic,
  'ResourcePolicyRule.verbs': set,
  'ResourcePolicyRule.apiGroups': set,
  'ResourcePolicyRule.resources': set,
  'ResourcePolicyRule.namespaces': set,
  'NonResourcePolicyRule.verbs': set,
  'NonResourcePolicyRule.nonResourceURLs': set,
  'CustomResourceDefinitionStatus.conditions': conditions,
  'CustomResourceDefinitionSpec.versions': atomic,
};

/** Extensions for a definition (short name) and field, or for the definition itself when field is omitted. */
export function extensionsFor(shortName: string, field?: string): ExtensionSet | undefined {
  return EXTENSIONS[field === undefined ? shortName : `${shortName}.${field}`];
}
