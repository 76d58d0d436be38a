// One realistic object per built-in resource (keyed 'groupVersion/resource'), for registry tests.

import type { KubeObject } from '../../types.ts';

const ts = '2024-05-30T10:00:00Z';
const meta = (name: string, namespace?: string, extra: Record<string, unknown> = {}) =>
  ({ name, ...(namespace ? { namespace } : {}), uid: `uid-${name}`, creationTimestamp: ts, ...extra });
const container = { name: 'app', image: 'registry.local/app:1.0', ports: [{ containerPort: 8080 }] };
const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [container] } };
const selector = { matchLabels: { app: 'web' } };

export const fixtures: Record<string, KubeObject> = {
  'v1/bindings': { apiVersion: 'v1', kind: 'Binding', metadata: meta('web-1', 'default'), target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } },
  'v1/componentstatuses': {
    apiVersion: 'v1', kind: 'ComponentStatus', metadata: meta('etcd-0'),
    conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }],
  },
  'v1/configmaps': { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cfg', 'default'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } },
  'v1/endpoints': {
    apiVersion: 'v1', kind: 'Endpoints', metadata: meta('web', 'default'),
    subsets: [{ addresses: [{ ip: '10.42.0.5' }, { ip: '10.42.0.6' }], ports: [{ name: 'http', port: 8080 }] }],
  },
  'v1/events': {
    apiVersion: 'v1', kind: 'Event', metadata: meta('web-1.17d', 'default'),
    involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default' }, reason: 'Scheduled', message: 'Assigned default/web-1 to node-1',
    type: 'Normal', source: { component: 'default-scheduler' }, firstTimestamp: ts, lastTimestamp: ts, count: 1,
  },
  'v1/limitranges': {
    apiVersion: 'v1', kind: 'LimitRange', metadata: meta('limits', 'default'),
    spec: { limits: [{ type: 'Container', max: { cpu: '2' }, default: { memory: '256Mi' }, min: { cpu: '10m' } }] },
  },
  'v1/namespaces': { apiVersion: 'v1', kind: 'Namespace', metadata: meta('team-a'), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
  'v1/nodes': {
    apiVersion: 'v1', kind: 'Node', metadata: meta('node-1', undefined, { labels: { 'node-role.kubernetes.io/control-plane': '' } }),
    spec: { podCIDR: '10.42.0.0/24' },
    status: {
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
      addresses: [{ type: 'InternalIP', address: '192.168.1.10' }, { type: 'Hostname', address: 'node-1' }],
      nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0-18-amd64', containerRuntimeVersion: 'containerd://1.7.24' },
    },
  },
  'v1/persistentvolumeclaims': {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('data', 'default'),
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeName: 'pv-1', storageClassName: 'local' },
    status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
  },
  'v1/persistentvolumes': {
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta('pv-1'),
    spec: {
      capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], hostPath: { path: '/data/pv-1' },
      claimRef: { namespace: 'default', name: 'data' }, storageClassName: 'local',
    },
    status: { phase: 'Bound' },
  },
  'v1/pods': {
    apiVersion: 'v1', kind: 'Pod', metadata: meta('web-1', 'default', { labels: { app: 'web' } }),
    spec: { nodeName: 'node-1', containers: [container] },
    status: {
      phase: 'Running', podIP: '10.42.0.5', podIPs: [{ ip: '10.42.0.5' }],
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: ts } } }],
    },
  },
  'v1/podtemplates': { apiVersion: 'v1', kind: 'PodTemplate', metadata: meta('tpl', 'default'), template },
  'v1/replicationcontrollers': {
    apiVersion: 'v1', kind: 'ReplicationController', metadata: meta('rc', 'default'),
    spec: { replicas: 2, selector: { app: 'web' }, template }, status: { replicas: 2, readyReplicas: 1 },
  },
  'v1/resourcequotas': {
    apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('quota', 'default'),
    spec: { hard: { pods: '10', 'requests.cpu': '4', 'limits.memory': '8Gi' } },
    status: { hard: { pods: '10', 'requests.cpu': '4', 'limits.memory': '8Gi' }, used: { pods: '3', 'requests.cpu': '500m', 'limits.memory': '1Gi' } },
  },
  'v1/secrets': { apiVersion: 'v1', kind: 'Secret', metadata: meta('creds', 'default'), type: 'Opaque', data: { user: 'YWRtaW4=' } },
  'v1/serviceaccounts': { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('builder', 'default') },
  'v1/services': {
    apiVersion: 'v1', kind: 'Service', metadata: meta('web', 'default'),
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
  },
  'apps/v1/controllerrevisions': {
    apiVersion: 'apps/v1', kind: 'ControllerRevision',
    metadata: meta('web-5d4f', 'default', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true }] }),
    data: {}, revision: 2,
  },
  'apps/v1/daemonsets': {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta('agent', 'kube-system'),
    spec: { selector, template: { ...template, spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } } } },
    status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, updatedNumberScheduled: 2, numberAvailable: 2 },
  },
  'apps/v1/deployments': {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web', 'default'),
    spec: { replicas: 3, selector, template }, status: { replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 },
  },
  'apps/v1/replicasets': {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta('web-5d4f', 'default'),
    spec: { replicas: 3, selector, template }, status: { replicas: 3, readyReplicas: 2 },
  },
  'apps/v1/statefulsets': {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta('db', 'default'),
    spec: { replicas: 3, selector, serviceName: 'db', template, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }] },
    status: { replicas: 3, readyReplicas: 1 },
  },
  'events.k8s.io/v1/events': {
    apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: meta('web-1.17e', 'default'),
    eventTime: '2024-05-30T10:00:00.000000Z', reportingController: 'default-scheduler', reportingInstance: 'sched-1', action: 'Binding',
    reason: 'Scheduled', regarding: { kind: 'Pod', name: 'web-1', namespace: 'default' }, note: 'Assigned default/web-1 to node-1', type: 'Normal',
  },
  'autoscaling/v2/horizontalpodautoscalers': {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta('web', 'default'),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '512Mi' } } },
        { type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '100' } } },
      ],
    },
    status: { currentReplicas: 2, desiredReplicas: 2 },
  },
  'autoscaling/v1/horizontalpodautoscalers': {
    apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: meta('web', 'default'),
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, targetCPUUtilizationPercentage: 60 },
    status: { currentReplicas: 2, desiredReplicas: 2, currentCPUUtilizationPercentage: 30 },
  },
  'batch/v1/cronjobs': {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('nightly', 'default'),
    spec: { schedule: '0 3 * * *', timeZone: 'Etc/UTC', jobTemplate: { spec: { template: { spec: { containers: [container], restartPolicy: 'OnFailure' } } } } },
    status: { lastScheduleTime: ts, active: [{ kind: 'Job', name: 'nightly-1' }] },
  },
  'batch/v1/jobs': {
    apiVersion: 'batch/v1', kind: 'Job', metadata: meta('pi', 'default'),
    spec: { completions: 2, template: { spec: { containers: [container], restartPolicy: 'Never' } } },
    status: { succeeded: 1, startTime: ts },
  },
  'networking.k8s.io/v1/ingressclasses': {
    apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: meta('nginx'),
    spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } },
  },
  'networking.k8s.io/v1/ingresses': {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('web', 'default'),
    spec: {
      ingressClassName: 'nginx', tls: [{ hosts: ['web.example.com'] }],
      rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
    },
    status: { loadBalancer: { ingress: [{ ip: '192.0.2.1' }] } },
  },
  'networking.k8s.io/v1/networkpolicies': {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('deny', 'default'),
    spec: { podSelector: selector, egress: [{ ports: [{ port: 53 }] }] },
  },
  'policy/v1/poddisruptionbudgets': {
    apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('web', 'default'),
    spec: { minAvailable: '50%', selector }, status: { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 },
  },
  'storage.k8s.io/v1/storageclasses': {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta('local'), provisioner: 'rancher.io/local-path',
  },
  'scheduling.k8s.io/v1/priorityclasses': {
    apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: meta('high'), value: 1000000, globalDefault: false,
  },
  'coordination.k8s.io/v1/leases': {
    apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: meta('node-1', 'kube-node-lease'),
    spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2024-05-30T10:00:00.000000Z' },
  },
  'discovery.k8s.io/v1/endpointslices': {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta('web-abcde', 'default'), addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080 }], endpoints: [{ addresses: ['10.42.0.5'] }, { addresses: ['10.42.0.6'] }],
  },
  'flowcontrol.apiserver.k8s.io/v1/flowschemas': {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: meta('service-accounts'),
    spec: {
      priorityLevelConfiguration: { name: 'workload-low' }, matchingPrecedence: 9000, distinguisherMethod: { type: 'ByUser' },
      rules: [{ subjects: [{ kind: 'Group', group: { name: 'system:serviceaccounts' } }], resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], clusterScope: true, namespaces: ['*'] }] }],
    },
    status: { conditions: [{ type: 'Dangling', status: 'False', reason: 'Found', message: 'exists', lastTransitionTime: '2024-05-30T10:00:00Z' }] },
  },
  'flowcontrol.apiserver.k8s.io/v1/prioritylevelconfigurations': {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: meta('workload-low'),
    spec: { type: 'Limited', limited: { nominalConcurrencyShares: 100, lendablePercent: 90, limitResponse: { type: 'Queue', queuing: { queues: 128, handSize: 6, queueLengthLimit: 50 } } } },
  },
  'authentication.k8s.io/v1/tokenreviews': { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', metadata: meta('tr'), spec: { token: 'abc' } },
  'authentication.k8s.io/v1/selfsubjectreviews': { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: meta('ssr') },
  'authentication.k8s.io/v1beta1/selfsubjectreviews': { apiVersion: 'authentication.k8s.io/v1beta1', kind: 'SelfSubjectReview', metadata: meta('ssr') },
  'authorization.k8s.io/v1/localsubjectaccessreviews': {
    apiVersion: 'authorization.k8s.io/v1', kind: 'LocalSubjectAccessReview', metadata: meta('lsar', 'default'),
    spec: { user: 'alice', resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } },
  },
  'authorization.k8s.io/v1/selfsubjectaccessreviews': {
    apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: meta('ssar'),
    spec: { resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } },
  },
  'authorization.k8s.io/v1/selfsubjectrulesreviews': { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: meta('ssrr'), spec: { namespace: 'default' } },
  'authorization.k8s.io/v1/subjectaccessreviews': {
    apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', metadata: meta('sar'),
    spec: { user: 'alice', resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } },
  },
  'rbac.authorization.k8s.io/v1/clusterrolebindings': {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta('viewers'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' }],
  },
  'rbac.authorization.k8s.io/v1/clusterroles': {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta('reader'), rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
  },
  'rbac.authorization.k8s.io/v1/rolebindings': {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('readers', 'default'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }],
  },
  'rbac.authorization.k8s.io/v1/roles': {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta('reader', 'default'), rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
  },
};
