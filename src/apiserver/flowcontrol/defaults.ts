// upstream's bootstrap APF configuration (k8s.io/apiserver/pkg/apis/flowcontrol/bootstrap): the
// mandatory objects (exempt, catch-all) and the suggested ones, as stored after v1 defaulting.

import type { KubeObject } from '../../api/types.ts';

export const FLOWCONTROL_API_VERSION = 'flowcontrol.apiserver.k8s.io/v1';
/** The annotation saying whether the apiserver keeps an object's spec at the bootstrap value. */
export const AUTO_UPDATE_ANNOTATION = 'apf.kubernetes.io/autoupdate-spec';

const MASTERS = 'system:masters';
const NODES = 'system:nodes';
const AUTHENTICATED = 'system:authenticated';
const UNAUTHENTICATED = 'system:unauthenticated';
const SERVICE_ACCOUNTS = 'system:serviceaccounts';
/** The scheduler's and controller manager's users (src/auth/identities.ts issues these names). */
export const KUBE_SCHEDULER = 'system:kube-scheduler';
export const KUBE_CONTROLLER_MANAGER = 'system:kube-controller-manager';

type Subject = Record<string, unknown>;
const group = (name: string): Subject => ({ kind: 'Group', group: { name } });
const user = (name: string): Subject => ({ kind: 'User', user: { name } });
const kubeSystemSA = (name: string): Subject => ({ kind: 'ServiceAccount', serviceAccount: { namespace: 'kube-system', name } });

interface ResourceRule { verbs: string[]; apiGroups: string[]; resources: string[]; clusterScope?: boolean; namespaces: string[] }
const resourceRule = (verbs: string[], apiGroups: string[], resources: string[], namespaces: string[], clusterScope: boolean): ResourceRule =>
  (clusterScope ? { verbs, apiGroups, resources, clusterScope, namespaces } : { verbs, apiGroups, resources, namespaces });
const allResources = resourceRule(['*'], ['*'], ['*'], ['*'], true);
const allNonResources = { verbs: ['*'], nonResourceURLs: ['*'] };

function meta(name: string): KubeObject['metadata'] {
  return { name, annotations: { [AUTO_UPDATE_ANNOTATION]: 'true' } };
}

function flowSchema(name: string, pl: string, precedence: number, distinguisher: 'ByUser' | 'ByNamespace' | undefined,
  subjects: Subject[], resourceRules: ResourceRule[] | undefined, nonResourceRules: unknown[] | undefined): KubeObject {
  const rule: Record<string, unknown> = { subjects };
  if (resourceRules) rule['resourceRules'] = resourceRules;
  if (nonResourceRules) rule['nonResourceRules'] = nonResourceRules;
  const spec: Record<string, unknown> = { priorityLevelConfiguration: { name: pl }, matchingPrecedence: precedence };
  if (distinguisher) spec['distinguisherMethod'] = { type: distinguisher };
  spec['rules'] = [rule];
  return { apiVersion: FLOWCONTROL_API_VERSION, kind: 'FlowSchema', metadata: meta(name), spec };
}

/** A FlowSchema matching everything its subjects do. */
const allOf = (name: string, pl: string, precedence: number, distinguisher: 'ByUser' | 'ByNamespace' | undefined, subjects: Subject[]): KubeObject =>
  flowSchema(name, pl, precedence, distinguisher, subjects, [allResources], [allNonResources]);

function limited(name: string, shares: number, lendablePercent: number, queuing?: { queues: number; handSize: number; queueLengthLimit: number }): KubeObject {
  const limitResponse = queuing ? { type: 'Queue', queuing } : { type: 'Reject' };
  return {
    apiVersion: FLOWCONTROL_API_VERSION, kind: 'PriorityLevelConfiguration', metadata: meta(name),
    spec: { type: 'Limited', limited: { nominalConcurrencyShares: shares, lendablePercent, limitResponse } },
  };
}

export function mandatoryPriorityLevels(): KubeObject[] {
  return [
    {
      apiVersion: FLOWCONTROL_API_VERSION, kind: 'PriorityLevelConfiguration', metadata: meta('exempt'),
      spec: { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } },
    },
    limited('catch-all', 5, 0),
  ];
}

export function mandatoryFlowSchemas(): KubeObject[] {
  return [
    allOf('exempt', 'exempt', 1, undefined, [group(MASTERS)]),
    allOf('catch-all', 'catch-all', 10000, 'ByUser', [group(UNAUTHENTICATED), group(AUTHENTICATED)]),
  ];
}

export function suggestedPriorityLevels(): KubeObject[] {
  return [
    limited('system', 30, 33, { queues: 64, handSize: 6, queueLengthLimit: 50 }),
    limited('node-high', 40, 25, { queues: 64, handSize: 6, queueLengthLimit: 50 }),
    limited('leader-election', 10, 0, { queues: 16, handSize: 4, queueLengthLimit: 50 }),
    limited('workload-high', 40, 50, { queues: 128, handSize: 6, queueLengthLimit: 50 }),
    limited('workload-low', 100, 90, { queues: 128, handSize: 6, queueLengthLimit: 50 }),
    limited('global-default', 20, 50, { queues: 128, handSize: 6, queueLengthLimit: 50 }),
  ];
}

export function suggestedFlowSchemas(): KubeObject[] {
  const leaseRule = resourceRule(['get', 'create', 'update'], ['coordination.k8s.io'], ['leases'], ['*'], false);
  return [
    allOf('system-nodes', 'system', 500, 'ByUser', [group(NODES)]),
    flowSchema('system-node-high', 'node-high', 400, 'ByUser', [group(NODES)], [
      resourceRule(['*'], [''], ['nodes', 'nodes/status'], ['*'], true),
      resourceRule(['*'], ['coordination.k8s.io'], ['leases'], ['*'], false),
    ], undefined),
    flowSchema('probes', 'exempt', 2, undefined, [group(UNAUTHENTICATED), group(AUTHENTICATED)], undefined,
      [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/readyz', '/livez'] }]),
    flowSchema('system-leader-election', 'leader-election', 100, 'ByUser',
      [user(KUBE_CONTROLLER_MANAGER), user(KUBE_SCHEDULER), kubeSystemSA('*')], [
        resourceRule(['get', 'create', 'update'], [''], ['endpoints', 'configmaps'], ['kube-system'], false),
        leaseRule,
      ], undefined),
    flowSchema('endpoint-controller', 'workload-high', 150, 'ByUser',
      [user(KUBE_CONTROLLER_MANAGER), kubeSystemSA('endpoint-controller'), kubeSystemSA('endpointslicemirroring-controller')],
      [resourceRule(['get', 'create', 'update'], [''], ['endpoints'], ['*'], false)], undefined),
    flowSchema('workload-leader-election', 'leader-election', 200, 'ByUser', [kubeSystemSA('*')], [
      resourceRule(['get', 'create', 'update'], [''], ['endpoints', 'configmaps'], ['*'], false),
      leaseRule,
    ], undefined),
    allOf('kube-controller-manager', 'workload-high', 800, 'ByNamespace', [user(KUBE_CONTROLLER_MANAGER)]),
    allOf('kube-scheduler', 'workload-high', 800, 'ByNamespace', [user(KUBE_SCHEDULER)]),
    allOf('kube-system-service-accounts', 'workload-high', 900, 'ByNamespace', [kubeSystemSA('*')]),
    allOf('service-accounts', 'workload-low', 9000, 'ByUser', [group(SERVICE_ACCOUNTS)]),
    allOf('global-default', 'global-default', 9900, 'ByUser', [group(UNAUTHENTICATED), group(AUTHENTICATED)]),
  ];
}
