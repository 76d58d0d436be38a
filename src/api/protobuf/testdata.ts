// Objects in the exact JSON form Go prints (zero non-pointer fields included), for round trips.

export const pod = {
  kind: 'Pod', apiVersion: 'v1',
  metadata: {
    name: 'web-0', generateName: 'web-', namespace: 'prod', uid: '0b5c6c2e-3a4e-4d8e-9d2c-1f0e2c3b4a59',
    resourceVersion: '12345', generation: 3, creationTimestamp: '2025-03-04T05:06:07Z',
    deletionTimestamp: '2025-03-05T00:00:00Z', deletionGracePeriodSeconds: 30,
    labels: { app: 'web', tier: 'front' }, annotations: { note: 'ünïcödé ✓' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u-1', controller: true, blockOwnerDeletion: true }],
    finalizers: ['example.com/f'],
    managedFields: [{ manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: '2025-03-04T05:06:07Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {} } } } }],
  },
  spec: {
    volumes: [
      { name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } },
      { name: 'cfg', configMap: { name: 'cfg', items: [{ key: 'a', path: 'a.txt', mode: 420 }], defaultMode: 420, optional: false } },
      { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
      { name: 'tok', projected: { sources: [{ serviceAccountToken: { audience: 'x', expirationSeconds: 3600, path: 'token' } }], defaultMode: 420 } },
    ],
    initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'true'], resources: {} }],
    containers: [{
      name: 'app', image: 'nginx:1.27', args: ['-g', 'daemon off;'], workingDir: '/srv',
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { hostPort: 53, containerPort: 53, protocol: 'UDP', hostIP: '0.0.0.0' }],
      envFrom: [{ prefix: 'P_', configMapRef: { name: 'cfg' } }],
      env: [{ name: 'A', value: '1' }, { name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
        { name: 'MEM', valueFrom: { resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } } }],
      resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '250m', memory: '128Mi' } },
      volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true, subPath: 'x' }],
      livenessProbe: { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP', httpHeaders: [{ name: 'X', value: 'y' }] }, initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 3 },
      readinessProbe: { tcpSocket: { port: 8080 }, timeoutSeconds: 1, successThreshold: 1 },
      startupProbe: { exec: { command: ['cat', '/ok'] }, terminationGracePeriodSeconds: 0 },
      lifecycle: { preStop: { sleep: { seconds: 5 } } },
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent',
      securityContext: { capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] }, privileged: false, runAsUser: 1000, runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
      stdin: true, tty: true,
    }],
    restartPolicy: 'Always', terminationGracePeriodSeconds: 30, activeDeadlineSeconds: -5, dnsPolicy: 'ClusterFirst',
    nodeSelector: { 'kubernetes.io/os': 'linux' }, serviceAccountName: 'web', serviceAccount: 'web',
    automountServiceAccountToken: false, nodeName: 'node-1', hostNetwork: true,
    securityContext: { runAsGroup: 3000, fsGroup: 2000, sysctls: [{ name: 'net.core.somaxconn', value: '1024' }], seccompProfile: { type: 'RuntimeDefault' } },
    imagePullSecrets: [{ name: 'reg' }], hostname: 'web-0', subdomain: 'web',
    affinity: {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }] } },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' } }] },
    },
    schedulerName: 'default-scheduler',
    tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    hostAliases: [{ ip: '10.0.0.1', hostnames: ['db'] }], priorityClassName: 'high', priority: 1000,
    dnsConfig: { nameservers: ['1.1.1.1'], options: [{ name: 'ndots', value: '2' }] },
    readinessGates: [{ conditionType: 'example.com/ready' }], enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority',
    overhead: { cpu: '10m' },
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }],
  },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-03-04T05:07:00Z' }],
    hostIP: '10.1.1.1', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], startTime: '2025-03-04T05:06:10Z',
    containerStatuses: [{
      name: 'app', state: { running: { startedAt: '2025-03-04T05:06:20Z' } },
      lastState: { terminated: { exitCode: 137, signal: 9, reason: 'OOMKilled', startedAt: null, finishedAt: '2025-03-04T05:06:19Z', containerID: 'c://1' } },
      ready: true, restartCount: 1, image: 'nginx:1.27', imageID: 'sha256:abc', containerID: 'c://2', started: true,
    }],
    qosClass: 'Burstable',
  },
};

export const deployment = {
  kind: 'Deployment', apiVersion: 'apps/v1',
  metadata: { name: 'd', namespace: 'default', labels: { app: 'd' } },
  spec: {
    replicas: 0, selector: { matchLabels: { app: 'd' } },
    template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 } },
    minReadySeconds: 5, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
  },
  status: { observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3,
    conditions: [{ type: 'Available', status: 'True', lastUpdateTime: '2025-01-01T00:00:00Z', lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'MinimumReplicasAvailable', message: 'ok' }] },
};

export const service = {
  kind: 'Service', apiVersion: 'v1',
  metadata: { name: 'svc', namespace: 'default' },
  spec: {
    ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 30080 }, { name: 'dns', protocol: 'UDP', port: 53, targetPort: 'dns' }],
    selector: { app: 'web' }, clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], type: 'NodePort',
    sessionAffinity: 'None', externalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster',
  },
  status: { loadBalancer: { ingress: [{ ip: '1.2.3.4', ports: [{ port: 80, protocol: 'TCP' }] }] } },
};

export const secret = {
  kind: 'Secret', apiVersion: 'v1', metadata: { name: 's' }, immutable: true,
  data: { bin: Buffer.from([0, 0xff, 0x10, 0x80]).toString('base64'), empty: '' }, type: 'Opaque',
};

export const configMap = {
  kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'cm', namespace: 'ns' },
  data: { 'a.conf': 'line1\nline2', empty: '' }, binaryData: { b: 'AQID' },
};

export const job = {
  kind: 'Job', apiVersion: 'batch/v1', metadata: { name: 'j' },
  spec: {
    parallelism: 2, completions: 4, activeDeadlineSeconds: 100, backoffLimit: 6, ttlSecondsAfterFinished: 0,
    completionMode: 'Indexed', suspend: false, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'x' } }, manualSelector: true,
    podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
    template: { metadata: {}, spec: { containers: [{ name: 'c', image: 'busybox', command: ['echo', 'hi'], resources: {} }], restartPolicy: 'Never' } },
  },
  status: { startTime: '2025-01-01T00:00:00Z', active: 1, succeeded: 2, completedIndexes: '0-1', uncountedTerminatedPods: {} },
};

export const hpaV2 = {
  kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v2', metadata: { name: 'h' },
  spec: {
    scaleTargetRef: { kind: 'Deployment', name: 'd', apiVersion: 'apps/v1' }, minReplicas: 1, maxReplicas: 10,
    metrics: [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
      { type: 'Pods', pods: { metric: { name: 'qps', selector: { matchLabels: { a: 'b' } } }, target: { type: 'AverageValue', averageValue: '1k' } } },
    ],
    behavior: { scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] } },
  },
  status: { currentReplicas: 2, desiredReplicas: 3, currentMetrics: null, lastScaleTime: '2025-01-01T00:00:00Z' },
};

export const lease = {
  kind: 'Lease', apiVersion: 'coordination.k8s.io/v1', metadata: { name: 'kube-scheduler', namespace: 'kube-system' },
  spec: { holderIdentity: 'node-1_abc', leaseDurationSeconds: 15, acquireTime: '2025-03-04T05:06:07.123456Z', renewTime: '1969-12-31T23:59:59.999999Z', leaseTransitions: 0 },
};

export const event = {
  kind: 'Event', apiVersion: 'v1', metadata: { name: 'e.1', namespace: 'default' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'p', uid: 'u', apiVersion: 'v1', fieldPath: 'spec.containers{c}' },
  reason: 'Pulled', message: 'pulled', source: { component: 'kubelet', host: 'n1' },
  firstTimestamp: '2025-01-01T00:00:00Z', lastTimestamp: '2025-01-01T00:01:00Z', count: 2, type: 'Normal',
  eventTime: null, reportingComponent: '', reportingInstance: '',
};

export const role = {
  kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: { name: 'r', namespace: 'default' },
  rules: [{ verbs: ['get', 'list'], apiGroups: ['', 'apps'], resources: ['pods', 'deployments'], resourceNames: ['a'] }],
};
