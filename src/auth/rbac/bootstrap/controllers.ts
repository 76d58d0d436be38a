// Roles of the controllers coxswain's controller manager runs, each bound to its own service
// account in kube-system (upstream's controller_policy.go, system:controller:<name>).

import type { KubeObject } from '../../../api/types.ts';
import type { PolicyRule } from '../types.ts';
import { clusterRole, clusterRoleBinding, eventsRule, rule, serviceAccount } from './builders.ts';

const core = '';
const apps = 'apps';
const batch = 'batch';
const extensions = 'extensions';
const policy = 'policy';
const discovery = 'discovery.k8s.io';
const autoscaling = 'autoscaling';

const CONTROLLERS: Record<string, () => PolicyRule[]> = {
  'clusterrole-aggregation-controller': () => [
    rule(['escalate', 'get', 'list', 'watch', 'update', 'patch'], ['rbac.authorization.k8s.io'], ['clusterroles']),
  ],
  'cronjob-controller': () => [
    rule(['get', 'list', 'watch', 'update'], [batch], ['cronjobs']),
    rule(['get', 'list', 'watch', 'create', 'update', 'delete', 'patch'], [batch], ['jobs']),
    rule(['update'], [batch], ['cronjobs/status']),
    rule(['update'], [batch], ['cronjobs/finalizers']),
    rule(['list', 'delete'], [core], ['pods']),
    eventsRule(),
  ],
  'daemon-set-controller': () => [
    rule(['get', 'list', 'watch'], [extensions, apps], ['daemonsets']),
    rule(['update'], [extensions, apps], ['daemonsets/status']),
    rule(['update'], [extensions, apps], ['daemonsets/finalizers']),
    rule(['list', 'watch'], [core], ['nodes']),
    rule(['list', 'watch', 'create', 'delete', 'patch'], [core], ['pods']),
    rule(['create'], [core], ['pods/binding']),
    rule(['get', 'list', 'watch', 'create', 'delete', 'update', 'patch'], [apps], ['controllerrevisions']),
    eventsRule(),
  ],
  'deployment-controller': () => [
    rule(['get', 'list', 'watch', 'update'], [extensions, apps], ['deployments']),
    rule(['update'], [extensions, apps], ['deployments/status']),
    rule(['update'], [extensions, apps], ['deployments/finalizers']),
    rule(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], [apps, extensions], ['replicasets']),
    rule(['get', 'list', 'watch', 'update'], [core], ['pods']),
    eventsRule(),
  ],
  'disruption-controller': () => [
    rule(['get', 'list', 'watch'], [extensions, apps], ['deployments']),
    rule(['get', 'list', 'watch'], [apps, extensions], ['replicasets']),
    rule(['get', 'list', 'watch'], [core], ['replicationcontrollers']),
    rule(['get', 'list', 'watch'], [policy], ['poddisruptionbudgets']),
    rule(['get', 'list', 'watch'], [apps], ['statefulsets']),
    rule(['update'], [policy], ['poddisruptionbudgets/status']),
    rule(['patch', 'update'], [core], ['pods/status']),
    rule(['get'], ['*'], ['*/scale']),
    eventsRule(),
  ],
  'endpoint-controller': () => [
    rule(['get', 'list', 'watch'], [core], ['services', 'pods']),
    rule(['get', 'list', 'create', 'update', 'delete'], [core], ['endpoints']),
    rule(['create'], [core], ['endpoints/restricted']),
    eventsRule(),
  ],
  'endpointslice-controller': () => [
    rule(['get', 'list', 'watch'], [core], ['services', 'pods', 'nodes']),
    rule(['update'], [core], ['services/finalizers']),
    rule(['get', 'list', 'create', 'update', 'delete'], [discovery], ['endpointslices']),
    eventsRule(),
  ],
  'generic-garbage-collector': () => [rule(['get', 'list', 'watch', 'patch', 'update', 'delete'], ['*'], ['*'])],
  'horizontal-pod-autoscaler': () => [
    rule(['get', 'list', 'watch'], [autoscaling], ['horizontalpodautoscalers']),
    rule(['update'], [autoscaling], ['horizontalpodautoscalers/status']),
    rule(['get', 'update'], ['*'], ['*/scale']),
    rule(['list'], [core], ['pods']),
    rule(['list'], ['metrics.k8s.io'], ['pods']),
    rule(['get', 'list'], ['custom.metrics.k8s.io'], ['*']),
    rule(['get', 'list'], ['external.metrics.k8s.io'], ['*']),
    eventsRule(),
  ],
  'job-controller': () => [
    rule(['get', 'list', 'watch', 'update', 'patch'], [batch], ['jobs']),
    rule(['update', 'patch'], [batch], ['jobs/status']),
    rule(['update'], [batch], ['jobs/finalizers']),
    rule(['list', 'watch', 'create', 'delete', 'patch'], [core], ['pods']),
    eventsRule(),
  ],
  'namespace-controller': () => [
    rule(['get', 'list', 'watch', 'delete'], [core], ['namespaces']),
    rule(['update'], [core], ['namespaces/finalize', 'namespaces/status']),
    rule(['get', 'list', 'delete', 'deletecollection'], ['*'], ['*']),
  ],
  'node-controller': () => [
    rule(['get', 'list', 'update', 'delete', 'patch'], [core], ['nodes']),
    rule(['patch', 'update'], [core], ['nodes/status']),
    rule(['patch', 'update'], [core], ['pods/status']),
    rule(['list', 'delete'], [core], ['pods']),
    rule(['get'], [core], ['pods']),
    eventsRule(),
  ],
  'pod-garbage-collector': () => [
    rule(['list', 'watch', 'delete'], [core], ['pods']),
    rule(['get', 'list'], [core], ['nodes']),
    rule(['patch'], [core], ['pods/status']),
  ],
  'replicaset-controller': () => [
    rule(['get', 'list', 'watch', 'update'], [apps, extensions], ['replicasets']),
    rule(['update'], [apps, extensions], ['replicasets/status']),
    rule(['update'], [apps, extensions], ['replicasets/finalizers']),
    rule(['list', 'watch', 'patch', 'create', 'delete'], [core], ['pods']),
    eventsRule(),
  ],
  'replication-controller': () => [
    rule(['get', 'list', 'watch', 'update'], [core], ['replicationcontrollers']),
    rule(['update'], [core], ['replicationcontrollers/status']),
    rule(['update'], [core], ['replicationcontrollers/finalizers']),
    rule(['list', 'watch', 'patch', 'create', 'delete'], [core], ['pods']),
    eventsRule(),
  ],
  'resourcequota-controller': () => [
    rule(['list', 'watch'], ['*'], ['*']),
    rule(['update'], [core], ['resourcequotas/status']),
    eventsRule(),
  ],
  'root-ca-cert-publisher': () => [rule(['create', 'update'], [core], ['configmaps']), eventsRule()],
  'service-controller': () => [
    rule(['get', 'list', 'watch'], [core], ['services']),
    rule(['patch', 'update'], [core], ['services/status']),
    rule(['list', 'watch'], [core], ['nodes']),
    eventsRule(),
  ],
  'service-account-controller': () => [rule(['create'], [core], ['serviceaccounts']), eventsRule()],
  'statefulset-controller': () => [
    rule(['list', 'watch'], [core], ['pods']),
    rule(['get', 'list', 'watch'], [apps], ['statefulsets']),
    rule(['update'], [apps], ['statefulsets/status']),
    rule(['update'], [apps], ['statefulsets/finalizers']),
    rule(['get', 'create', 'delete', 'update', 'patch'], [core], ['pods']),
    rule(['get', 'create', 'delete', 'update', 'patch', 'list', 'watch'], [apps], ['controllerrevisions']),
    rule(['get', 'create'], [core], ['persistentvolumeclaims']),
    rule(['update', 'delete'], [core], ['persistentvolumeclaims']),
    eventsRule(),
  ],
  'ttl-after-finished-controller': () => [rule(['get', 'list', 'watch', 'delete'], [batch], ['jobs']), eventsRule()],
};

/** The service account names of the controllers (kube-system), e.g. 'deployment-controller'. */
export const CONTROLLER_SERVICE_ACCOUNTS = Object.keys(CONTROLLERS);

export function controllerRoles(): KubeObject[] {
  return Object.entries(CONTROLLERS).map(([name, rules]) => clusterRole(`system:controller:${name}`, rules()));
}

export function controllerRoleBindings(): KubeObject[] {
  return CONTROLLER_SERVICE_ACCOUNTS.map((name) => clusterRoleBinding(`system:controller:${name}`, `system:controller:${name}`, [serviceAccount('kube-system', name)]));
}
