// Wire-format table (field numbers, wire types, JSON names) of k8s.io core.v1 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const coreV1: MessageTable = {
  'core.v1.Affinity': [
    [1, 'nodeAffinity', 'core.v1.NodeAffinity', 3], [2, 'podAffinity', 'core.v1.PodAffinity', 3],
    [3, 'podAntiAffinity', 'core.v1.PodAntiAffinity', 3],
  ],
  'core.v1.AppArmorProfile': [
    [1, 'type', 'string', 0], [2, 'localhostProfile', 'string', 3],
  ],
  'core.v1.AttachedVolume': [
    [1, 'name', 'string', 0], [2, 'devicePath', 'string', 0],
  ],
  'core.v1.AvoidPods': [
    [1, 'preferAvoidPods', 'core.v1.PreferAvoidPodsEntry', 18],
  ],
  'core.v1.AWSElasticBlockStoreVolumeSource': [
    [1, 'volumeID', 'string', 0], [2, 'fsType', 'string', 2], [3, 'partition', 'int32', 2],
    [4, 'readOnly', 'bool', 2],
  ],
  'core.v1.AzureDiskVolumeSource': [
    [1, 'diskName', 'string', 0], [2, 'diskURI', 'string', 0], [3, 'cachingMode', 'string', 3],
    [4, 'fsType', 'string', 3], [5, 'readOnly', 'bool', 3], [6, 'kind', 'string', 3],
  ],
  'core.v1.AzureFilePersistentVolumeSource': [
    [1, 'secretName', 'string', 0], [2, 'shareName', 'string', 0], [3, 'readOnly', 'bool', 2],
    [4, 'secretNamespace', 'string', 1],
  ],
  'core.v1.AzureFileVolumeSource': [
    [1, 'secretName', 'string', 0], [2, 'shareName', 'string', 0], [3, 'readOnly', 'bool', 2],
  ],
  'core.v1.Binding': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'target', 'core.v1.ObjectReference', 0],
  ],
  'core.v1.Capabilities': [
    [1, 'add', 'string', 18], [2, 'drop', 'string', 18],
  ],
  'core.v1.CephFSPersistentVolumeSource': [
    [1, 'monitors', 'string', 16], [2, 'path', 'string', 2], [3, 'user', 'string', 2],
    [4, 'secretFile', 'string', 2], [5, 'secretRef', 'core.v1.SecretReference', 3],
    [6, 'readOnly', 'bool', 2],
  ],
  'core.v1.CephFSVolumeSource': [
    [1, 'monitors', 'string', 16], [2, 'path', 'string', 2], [3, 'user', 'string', 2],
    [4, 'secretFile', 'string', 2], [5, 'secretRef', 'core.v1.LocalObjectReference', 3],
    [6, 'readOnly', 'bool', 2],
  ],
  'core.v1.CinderPersistentVolumeSource': [
    [1, 'volumeID', 'string', 0], [2, 'fsType', 'string', 2], [3, 'readOnly', 'bool', 2],
    [4, 'secretRef', 'core.v1.SecretReference', 3],
  ],
  'core.v1.CinderVolumeSource': [
    [1, 'volumeID', 'string', 0], [2, 'fsType', 'string', 2], [3, 'readOnly', 'bool', 2],
    [4, 'secretRef', 'core.v1.LocalObjectReference', 3],
  ],
  'core.v1.ClientIPConfig': [
    [1, 'timeoutSeconds', 'int32', 3],
  ],
  'core.v1.ClusterTrustBundleProjection': [
    [1, 'name', 'string', 3], [2, 'signerName', 'string', 3],
    [3, 'labelSelector', 'meta.v1.LabelSelector', 3], [5, 'optional', 'bool', 3], [4, 'path', 'string', 0],
    [6, 'user', 'int64', 3],
  ],
  'core.v1.ComponentCondition': [
    [1, 'type', 'string', 0], [2, 'status', 'string', 0], [3, 'message', 'string', 2],
    [4, 'error', 'string', 2],
  ],
  'core.v1.ComponentStatus': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'conditions', 'core.v1.ComponentCondition', 18],
  ],
  'core.v1.ComponentStatusList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'core.v1.ComponentStatus', 16],
  ],
  'core.v1.ConfigMap': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [4, 'immutable', 'bool', 3],
    [2, 'data', 'map', 2, 'string', 'string'], [3, 'binaryData', 'map', 2, 'string', 'bytes'],
  ],
  'core.v1.ConfigMapEnvSource': [
    [1, '', 'core.v1.LocalObjectReference', 8], [2, 'optional', 'bool', 3],
  ],
  'core.v1.ConfigMapKeySelector': [
    [1, '', 'core.v1.LocalObjectReference', 8], [2, 'key', 'string', 0], [3, 'optional', 'bool', 3],
  ],
  'core.v1.ConfigMapList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'core.v1.ConfigMap', 16],
  ],
  'core.v1.ConfigMapNodeConfigSource': [
    [1, 'namespace', 'string', 0], [2, 'name', 'string', 0], [3, 'uid', 'string', 2],
    [4, 'resourceVersion', 'string', 2], [5, 'kubeletConfigKey', 'string', 0],
  ],
  'core.v1.ConfigMapProjection': [
    [1, '', 'core.v1.LocalObjectReference', 8], [2, 'items', 'core.v1.KeyToPath', 18],
    [4, 'optional', 'bool', 3],
  ],
  'core.v1.ConfigMapVolumeSource': [
    [1, '', 'core.v1.LocalObjectReference', 8], [2, 'items', 'core.v1.KeyToPath', 18],
    [3, 'defaultMode', 'int32', 3], [4, 'optional', 'bool', 3], [5, 'defaultUser', 'int64', 3],
  ],
  'core.v1.Container': [
    [1, 'name', 'string', 0], [2, 'image', 'string', 2], [3, 'command', 'string', 18],
    [4, 'args', 'string', 18], [5, 'workingDir', 'string', 2], [6, 'ports', 'core.v1.ContainerPort', 18],
    [19, 'envFrom', 'core.v1.EnvFromSource', 18], [7, 'env', 'core.v1.EnvVar', 18],
    [8, 'resources', 'core.v1.ResourceRequirements', 2],
    [23, 'resizePolicy', 'core.v1.ContainerResizePolicy', 18], [24, 'restartPolicy', 'string', 3],
    [25, 'restartPolicyRules', 'core.v1.ContainerRestartRule', 18],
    [9, 'volumeMounts', 'core.v1.VolumeMount', 18], [21, 'volumeDevices', 'core.v1.VolumeDevice', 18],
    [10, 'livenessProbe', 'core.v1.Probe', 3], [11, 'readinessProbe', 'core.v1.Probe', 3],
    [22, 'startupProbe', 'core.v1.Probe', 3], [12, 'lifecycle', 'core.v1.Lifecycle', 3],
    [13, 'terminationMessagePath', 'string', 2], [20, 'terminationMessagePolicy', 'string', 2],
    [14, 'imagePullPolicy', 'string', 2], [15, 'securityContext', 'core.v1.SecurityContext', 3],
    [16, 'stdin', 'bool', 2], [17, 'stdinOnce', 'bool', 2], [18, 'tty', 'bool', 2],
  ],
  'core.v1.ContainerExtendedResourceRequest': [
    [1, 'containerName', 'string', 0], [2, 'resourceName', 'string', 0], [3, 'requestName', 'string', 0],
  ],
  'core.v1.ContainerImage': [
    [1, 'names', 'string', 16], [2, 'sizeBytes', 'int64', 2],
  ],
  'core.v1.ContainerPort': [
    [1, 'name', 'string', 2], [2, 'hostPort', 'int32', 2], [3, 'containerPort', 'int32', 0],
    [4, 'protocol', 'string', 2], [5, 'hostIP', 'string', 2],
  ],
  'core.v1.ContainerResizePolicy': [
    [1, 'resourceName', 'string', 0], [2, 'restartPolicy', 'string', 0],
  ],
  'core.v1.ContainerRestartRule': [
    [1, 'action', 'string', 2], [2, 'exitCodes', 'core.v1.ContainerRestartRuleOnExitCodes', 3],
  ],
  'core.v1.ContainerRestartRuleOnExitCodes': [
    [1, 'operator', 'string', 2], [2, 'values', 'int32', 18],
  ],
  'core.v1.ContainerState': [
    [1, 'waiting', 'core.v1.ContainerStateWaiting', 3], [2, 'running', 'core.v1.ContainerStateRunning', 3],
    [3, 'terminated', 'core.v1.ContainerStateTerminated', 3],
  ],
  'core.v1.ContainerStateRunning': [
    [1, 'startedAt', 'meta.v1.Time', 2],
  ],
  'core.v1.ContainerStateTerminated': [
    [1, 'exitCode', 'int32', 0], [2, 'signal', 'int32', 2], [3, 'reason', 'string', 2],
    [4, 'message', 'string', 2], [5, 'startedAt', 'meta.v1.Time', 2], [6, 'finishedAt', 'meta.v1.Time', 2],
    [7, 'containerID', 'string', 2],
  ],
  'core.v1.ContainerStateWaiting': [
    [1, 'reason', 'string', 2], [2, 'message', 'string', 2],
  ],
  'core.v1.ContainerStatus': [
    [1, 'name', 'string', 0], [2, 'state', 'core.v1.ContainerState', 2],
    [3, 'lastState', 'core.v1.ContainerState', 2], [4, 'ready', 'bool', 0], [5, 'restartCount', 'int32', 0],
    [6, 'image', 'string', 0], [7, 'imageID', 'string', 0], [8, 'containerID', 'string', 2],
    [9, 'started', 'bool', 3], [10, 'allocatedResources', 'map', 2, 'string', 'resource.Quantity'],
    [11, 'resources', 'core.v1.ResourceRequirements', 3],
    [12, 'volumeMounts', 'core.v1.VolumeMountStatus', 18], [13, 'user', 'core.v1.ContainerUser', 3],
    [14, 'allocatedResourcesStatus', 'core.v1.ResourceStatus', 18], [15, 'stopSignal', 'string', 3],
  ],
  'core.v1.ContainerUser': [
    [1, 'linux', 'core.v1.LinuxContainerUser', 3],
  ],
  'core.v1.CSIPersistentVolumeSource': [
    [1, 'driver', 'string', 0], [2, 'volumeHandle', 'string', 0], [3, 'readOnly', 'bool', 2],
    [4, 'fsType', 'string', 2], [5, 'volumeAttributes', 'map', 2, 'string', 'string'],
    [6, 'controllerPublishSecretRef', 'core.v1.SecretReference', 3],
    [7, 'nodeStageSecretRef', 'core.v1.SecretReference', 3],
    [8, 'nodePublishSecretRef', 'core.v1.SecretReference', 3],
    [9, 'controllerExpandSecretRef', 'core.v1.SecretReference', 3],
    [10, 'nodeExpandSecretRef', 'core.v1.SecretReference', 3],
  ],
  'core.v1.CSIVolumeSource': [
    [1, 'driver', 'string', 0], [2, 'readOnly', 'bool', 3], [3, 'fsType', 'string', 3],
    [4, 'volumeAttributes', 'map', 2, 'string', 'string'],
    [5, 'nodePublishSecretRef', 'core.v1.LocalObjectReference', 3],
  ],
  'core.v1.DaemonEndpoint': [
    [1, 'Port', 'int32', 0],
  ],
  'core.v1.DownwardAPIProjection': [
    [1, 'items', 'core.v1.DownwardAPIVolumeFile', 18],
  ],
  'core.v1.DownwardAPIVolumeFile': [
    [1, 'path', 'string', 0], [2, 'fieldRef', 'core.v1.ObjectFieldSelector', 3],
    [3, 'resourceFieldRef', 'core.v1.ResourceFieldSelector', 3], [4, 'mode', 'int32', 3],
    [5, 'user', 'int64', 3],
  ],
  'core.v1.DownwardAPIVolumeSource': [
    [1, 'items', 'core.v1.DownwardAPIVolumeFile', 18], [2, 'defaultMode', 'int32', 3],
    [3, 'defaultUser', 'int64', 3],
  ],
  'core.v1.EmptyDirVolumeSource': [
    [1, 'medium', 'string', 2], [2, 'sizeLimit', 'resource.Quantity', 3], [3, 'mode', 'int32', 3],
  ],
  'core.v1.EndpointAddress': [
    [1, 'ip', 'string', 0], [3, 'hostname', 'string', 2], [4, 'nodeName', 'string', 3],
    [2, 'targetRef', 'core.v1.ObjectReference', 3],
  ],
  'core.v1.EndpointPort': [
    [1, 'name', 'string', 2], [2, 'port', 'int32', 0], [3, 'protocol', 'string', 2],
    [4, 'appProtocol', 'string', 3],
  ],
  'core.v1.Endpoints': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'subsets', 'core.v1.EndpointSubset', 18],
  ],
  'core.v1.EndpointsList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'core.v1.Endpoints', 16],
  ],
  'core.v1.EndpointSubset': [
    [1, 'addresses', 'core.v1.EndpointAddress', 18], [2, 'notReadyAddresses', 'core.v1.EndpointAddress', 18],
    [3, 'ports', 'core.v1.EndpointPort', 18],
  ],
  'core.v1.EnvFromSource': [
    [1, 'prefix', 'string', 2], [2, 'configMapRef', 'core.v1.ConfigMapEnvSource', 3],
    [3, 'secretRef', 'core.v1.SecretEnvSource', 3],
  ],
  'core.v1.EnvVar': [
    [1, 'name', 'string', 0], [2, 'value', 'string', 2], [3, 'valueFrom', 'core.v1.EnvVarSource', 3],
  ],
  'core.v1.EnvVarSource': [
    [1, 'fieldRef', 'core.v1.ObjectFieldSelector', 3],
    [2, 'resourceFieldRef', 'core.v1.ResourceFieldSelector', 3],
    [3, 'configMapKeyRef', 'core.v1.ConfigMapKeySelector', 3],
    [4, 'secretKeyRef', 'core.v1.SecretKeySelector', 3], [5, 'fileKeyRef', 'core.v1.FileKeySelector', 3],
  ],
  'core.v1.EphemeralContainer': [
    [1, '', 'core.v1.EphemeralContainerCommon', 8], [2, 'targetContainerName', 'string', 2],
  ],
  'core.v1.EphemeralContainerCommon': [
    [1, 'name', 'string', 0], [2, 'image', 'string', 2], [3, 'command', 'string', 18],
    [4, 'args', 'string', 18], [5, 'workingDir', 'string', 2], [6, 'ports', 'core.v1.ContainerPort', 18],
    [19, 'envFrom', 'core.v1.EnvFromSource', 18], [7, 'env', 'core.v1.EnvVar', 18],
    [8, 'resources', 'core.v1.ResourceRequirements', 2],
    [23, 'resizePolicy', 'core.v1.ContainerResizePolicy', 18], [24, 'restartPolicy', 'string', 3],
    [25, 'restartPolicyRules', 'core.v1.ContainerRestartRule', 18],
    [9, 'volumeMounts', 'core.v1.VolumeMount', 18], [21, 'volumeDevices', 'core.v1.VolumeDevice', 18],
    [10, 'livenessProbe', 'core.v1.Probe', 3], [11, 'readinessProbe', 'core.v1.Probe', 3],
    [22, 'startupProbe', 'core.v1.Probe', 3], [12, 'lifecycle', 'core.v1.Lifecycle', 3],
    [13, 'terminationMessagePath', 'string', 2], [20, 'terminationMessagePolicy', 'string', 2],
    [14, 'imagePullPolicy', 'string', 2], [15, 'securityContext', 'core.v1.SecurityContext', 3],
    [16, 'stdin', 'bool', 2], [17, 'stdinOnce', 'bool', 2], [18, 'tty', 'bool', 2],
  ],
  'core.v1.EphemeralVolumeSource': [
    [1, 'volumeClaimTemplate', 'core.v1.PersistentVolumeClaimTemplate', 3],
  ],
  'core.v1.Event': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 0], [2, 'involvedObject', 'core.v1.ObjectReference', 0],
    [3, 'reason', 'string', 2], [4, 'message', 'string', 2], [5, 'source', 'core.v1.EventSource', 2],
    [6, 'firstTimestamp', 'meta.v1.Time', 2], [7, 'lastTimestamp', 'meta.v1.Time', 2],
    [8, 'count', 'int32', 2], [9, 'type', 'string', 2], [10, 'eventTime', 'meta.v1.MicroTime', 2],
    [11, 'series', 'core.v1.EventSeries', 3], [12, 'action', 'string', 2],
    [13, 'related', 'core.v1.ObjectReference', 3], [14, 'reportingComponent', 'string', 0],
    [15, 'reportingInstance', 'string', 0],
  ],
  'core.v1.EventList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'core.v1.Event', 16],
  ],
  'core.v1.EventSeries': [
    [1, 'count', 'int32', 2], [2, 'lastObservedTime', 'meta.v1.MicroTime', 2],
  ],
  'core.v1.EventSource': [
    [1, 'component', 'string', 2], [2, 'host', 'string', 2],
  ],
  'core.v1.EvictionResponder': [
    [1, 'name', 'string', 0], [2, 'priority', 'int32', 1],
  ],
  'core.v1.ExecAction': [
    [1, 'command', 'string', 18],
  ],
  'core.v1.FCVolumeSource': [
    [1, 'targetWWNs', 'string', 18], [2, 'lun', 'int32', 3], [3, 'fsType', 'string', 2],
    [4, 'readOnly', 'bool', 2], [5, 'wwids', 'string', 18],
  ],
  'core.v1.FileKeySelector': [
    [1, 'volumeName', 'string', 0], [2, 'path', 'string', 0], [3, 'key', 'string', 0],
    [4, 'optional', 'bool', 3],
  ],
  'core.v1.FlexPersistentVolumeSource': [
    [1, 'driver', 'string', 0], [2, 'fsType', 'string', 2], [3, 'secretRef', 'core.v1.SecretReference', 3],
    [4, 'readOnly', 'bool', 2], [5, 'options', 'map', 2, 'string', 'string'],
  ],
  'core.v1.FlexVolumeSource': [
    [1, 'driver', 'string', 0], [2, 'fsType', 'string', 2],
    [3, 'secretRef', 'core.v1.LocalObjectReference', 3], [4, 'readOnly', 'bool', 2],
    [5, 'options', 'map', 2, 'string', 'string'],
  ],
  'core.v1.FlockerVolumeSource': [
    [1, 'datasetName', 'string', 2], [2, 'datasetUUID', 'string', 2],
  ],
  'core.v1.GCEPersistentDiskVolumeSource': [
    [1, 'pdName', 'string', 0], [2, 'fsType', 'string', 2], [3, 'partition', 'int32', 2],
    [4, 'readOnly', 'bool', 2],
  ],
  'core.v1.GitRepoVolumeSource': [
    [1, 'repository', 'string', 0], [2, 'revision', 'string', 2], [3, 'directory', 'string', 2],
  ],
  'core.v1.GlusterfsPersistentVolumeSource': [
    [1, 'endpoints', 'string', 0], [2, 'path', 'string', 0], [3, 'readOnly', 'bool', 2],
    [4, 'endpointsNamespace', 'string', 3],
  ],
  'core.v1.GlusterfsVolumeSource': [
    [1, 'endpoints', 'string', 0], [2, 'path', 'string', 0], [3, 'readOnly', 'bool', 2],
  ],
  'core.v1.GRPCAction': [
    [1, 'port', 'int32', 0], [2, 'service', 'string', 1], [3, 'mode', 'string', 3],
  ],
  'core.v1.HostAlias': [
    [1, 'ip', 'string', 0], [2, 'hostnames', 'string', 18],
  ],
  'core.v1.HostIP': [
    [1, 'ip', 'string', 0],
  ],
  'core.v1.HostPathVolumeSource': [
    [1, 'path', 'string', 0], [2, 'type', 'string', 3],
  ],
  'core.v1.HTTPGetAction': [
    [1, 'path', 'string', 2], [2, 'port', 'intstr.IntOrString', 0], [3, 'host', 'string', 2],
    [4, 'scheme', 'string', 2], [5, 'httpHeaders', 'core.v1.HTTPHeader', 18], [6, 'protocol', 'string', 3],
  ],
  'core.v1.HTTPHeader': [
    [1, 'name', 'string', 0], [2, 'value', 'string', 0],
  ],
  'core.v1.ImageVolumeSource': [
    [1, 'reference', 'string', 2], [2, 'pullPolicy', 'string', 2],
  ],
  'core.v1.ImageVolumeStatus': [
    [1, 'imageRef', 'string', 2],
  ],
  'core.v1.ISCSIPersistentVolumeSource': [
    [1, 'targetPortal', 'string', 0], [2, 'iqn', 'string', 0], [3, 'lun', 'int32', 0],
    [4, 'iscsiInterface', 'string', 2], [5, 'fsType', 'string', 2], [6, 'readOnly', 'bool', 2],
    [7, 'portals', 'string', 18], [8, 'chapAuthDiscovery', 'bool', 2], [11, 'chapAuthSession', 'bool', 2],
    [10, 'secretRef', 'core.v1.SecretReference', 3], [12, 'initiatorName', 'string', 3],
  ],
  'core.v1.ISCSIVolumeSource': [
    [1, 'targetPortal', 'string', 0], [2, 'iqn', 'string', 0], [3, 'lun', 'int32', 0],
    [4, 'iscsiInterface', 'string', 2], [5, 'fsType', 'string', 2], [6, 'readOnly', 'bool', 2],
    [7, 'portals', 'string', 18], [8, 'chapAuthDiscovery', 'bool', 2], [11, 'chapAuthSession', 'bool', 2],
    [10, 'secretRef', 'core.v1.LocalObjectReference', 3], [12, 'initiatorName', 'string', 3],
  ],
  'core.v1.KeyToPath': [
    [1, 'key', 'string', 0], [2, 'path', 'string', 0], [3, 'mode', 'int32', 3], [4, 'user', 'int64', 3],
  ],
  'core.v1.Lifecycle': [
    [1, 'postStart', 'core.v1.LifecycleHandler', 3], [2, 'preStop', 'core.v1.LifecycleHandler', 3],
    [3, 'stopSignal', 'string', 3],
  ],
  'core.v1.LifecycleHandler': [
    [1, 'exec', 'core.v1.ExecAction', 3], [2, 'httpGet', 'core.v1.HTTPGetAction', 3],
    [3, 'tcpSocket', 'core.v1.TCPSocketAction', 3], [4, 'sleep', 'core.v1.SleepAction', 3],
  ],
  'core.v1.LimitRange': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'core.v1.LimitRangeSpec', 2],
  ],
  'core.v1.LimitRangeItem': [
    [1, 'type', 'string', 0], [2, 'max', 'map', 2, 'string', 'resource.Quantity'],
    [3, 'min', 'map', 2, 'string', 'resource.Quantity'],
    [4, 'default', 'map', 2, 'string', 'resource.Quantity'],
    [5, 'defaultRequest', 'map', 2, 'string', 'resource.Quantity'],
    [6, 'maxLimitRequestRatio', 'map', 2, 'string', 'resource.Quantity'],
  ],
  'core.v1.LimitRangeList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'core.v1.LimitRange', 16],
  ],
  'core.v1.LimitRangeSpec': [
    [1, 'limits', 'core.v1.LimitRangeItem', 16],
  ],
  'core.v1.LinuxContainerUser': [
    [1, 'uid', 'int64', 0], [2, 'gid', 'int64', 0], [3, 'supplementalGroups', 'int64', 18],
  ],
  'core.v1.List': [
    [1, 'metadata', 'meta.v1.ListMeta', 0], [2, 'items', 'runtime.RawExtension', 16],
  ],
  'core.v1.LoadBalancerIngress': [
    [1, 'ip', 'string', 2], [2, 'hostname', 'string', 2], [3, 'ipMode', 'string', 3],
    [4, 'ports', 'core.v1.PortStatus', 18],
  ],
  'core.v1.LoadBalancerStatus': [
    [1, 'ingress', 'core.v1.LoadBalancerIngress', 18],
  ],
  'core.v1.LocalObjectReference': [
    [1, 'name', 'string', 2],
  ],
  'core.v1.LocalVolumeSource': [
    [1, 'path', 'string', 0], [2, 'fsType', 'string', 3],
  ],
  'core.v1.ModifyVolumeStatus': [
    [1, 'targetVolumeAttributesClassName', 'string', 2], [2, 'status', 'string', 0],
  ],
  'core.v1.Namespace': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'core.v1.NamespaceSpec', 2],
    [3, 'status', 'core.v1.NamespaceStatus', 2],
  ],
  'core.v1.NamespaceCondition': [
    [1, 'type', 'string', 0], [2, 'status', 'string', 0], [4, 'lastTransitionTime', 'meta.v1.Time', 2],
    [5, 'reason', 'string', 2], [6, 'message', 'string', 2],
  ],
  'core.v1.NamespaceList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'core.v1.Namespace', 16],
  ],
  'core.v1.NamespaceSpec': [
    [1, 'finalizers', 'string', 18],
  ],
  'core.v1.NamespaceStatus': [
    [1, 'phase', 'string', 2], [2, 'conditions', 'core.v1.NamespaceCondition', 18],
  ],
  'core.v1.NFSVolumeSource': [
    [1, 'server', 'string', 0], [2, 'path', 'string', 0], [3, 'readOnly', 'bool', 2],
  ],
  'core.v1.Node': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'core.v1.NodeSpec', 2],
    [3, 'status', 'core.v1.NodeStatus', 2],
  ],
  'core.v1.NodeAddress': [
    [1, 'type', 'string', 0], [2, 'address', 'string', 0],
  ],
  'core.v1.NodeAffinity': [
    [1, 'requiredDuringSchedulingIgnoredDuringExecution', 'core.v1.NodeSelector', 3],
    [2, 'preferredDuringSchedulingIgnoredDuringExecution', 'core.v1.PreferredSchedulingTerm', 18],
  ],
  'core.v1.NodeAllocatableMappedResources': [
    [1, 'name', 'string', 0], [2, 'quantity', 'resource.Quantity', 1],
  ],
  'core.v1.NodeAllocatableOverheadResources': [
    [1, 'name', 'string', 0], [2, 'perPod', 'resource.Quantity', 3],
    [3, 'perContainer', 'resource.Quantity', 3],
  ],
  'core.v1.NodeAllocatableResourceClaimStatus': [
    [1, 'resourceClaimName', 'string', 0], [2, 'containers', 'string', 18],
    [4, 'mapping', 'core.v1.NodeAllocatableMappedResources', 18],
    [5, 'overhead', 'core.v1.NodeAllocatableOverheadResources', 18],
  ],
  'core.v1.NodeCondition': [
    [1, 'type', 'string', 0], [2, 'status', 'string', 0], [3, 'lastHeartbeatTime', 'meta.v1.Time', 2],
    [4, 'lastTransitionTime', 'meta.v1.Time', 2], [5, 'reason', 'string', 2], [6, 'message', 'string', 2],
  ],
  'core.v1.NodeConfigSource': [
    [2, 'configMap', 'core.v1.ConfigMapNodeConfigSource', 3],
  ],
  'core.v1.NodeConfigStatus': [
    [1, 'assigned', 'core.v1.NodeConfigSource', 3], [2, 'active', 'core.v1.NodeConfigSource', 3],
    [3, 'lastKnownGood', 'core.v1.NodeConfigSource', 3], [4, 'error', 'string', 2],
  ],
  'core.v1.NodeDaemonEndpoints': [
    [1, 'kubeletEndpoint', 'core.v1.DaemonEndpoint', 2],
  ],
  'core.v1.NodeFeatures': [
    [1, 'supplementalGroupsPolicy', 'bool', 3],
  ],
  'core.v1.NodeList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'core.v1.Node', 16],
  ],
  'core.v1.NodePodPreemptionPolicy': [
    [1, 'disableResizePreemption', 'string', 18],
  ],
  'core.v1.NodeProxyOptions': [
    [1, 'path', 'string', 2],
  ],
  'core.v1.NodeRuntimeHandler': [
    [1, 'name', 'string', 0], [2, 'features', 'core.v1.NodeRuntimeHandlerFeatures', 3],
  ],
  'core.v1.NodeRuntimeHandlerFeatures': [
    [1, 'recursiveReadOnlyMounts', 'bool', 3], [2, 'userNamespaces', 'bool', 3],
  ],
  'core.v1.NodeSelector': [
    [1, 'nodeSelectorTerms', 'core.v1.NodeSelectorTerm', 16],
  ],
  'core.v1.NodeSelectorRequirement': [
    [1, 'key', 'string', 0], [2, 'operator', 'string', 0], [3, 'values', 'string', 18],
  ],
  'core.v1.NodeSelectorTerm': [
    [1, 'matchExpressions', 'core.v1.NodeSelectorRequirement', 18],
    [2, 'matchFields', 'core.v1.NodeSelectorRequirement', 18],
  ],
  'core.v1.NodeSpec': [
    [1, 'podCIDR', 'string', 2], [7, 'podCIDRs', 'string', 18], [3, 'providerID', 'string', 2],
    [4, 'unschedulable', 'bool', 2], [5, 'taints', 'core.v1.Taint', 18],
    [6, 'configSource', 'core.v1.NodeConfigSource', 3], [2, 'externalID', 'string', 2],
    [8, 'podPreemptionPolicy', 'core.v1.NodePodPreemptionPolicy', 3],
  ],
  'core.v1.NodeStatus': [
    [1, 'capacity', 'map', 2, 'string', 'resource.Quantity'],
    [2, 'allocatable', 'map', 2, 'string', 'resource.Quantity'], [3, 'phase', 'string', 2],
    [4, 'conditions', 'core.v1.NodeCondition', 18], [5, 'addresses', 'core.v1.NodeAddress', 18],
    [6, 'daemonEndpoints', 'core.v1.NodeDaemonEndpoints', 2], [7, 'nodeInfo', 'core.v1.NodeSystemInfo', 2],
    [8, 'images', 'core.v1.ContainerImage', 18], [9, 'volumesInUse', 'string', 18],
    [10, 'volumesAttached', 'core.v1.AttachedVolume', 18], [11, 'config', 'core.v1.NodeConfigStatus', 3],
    [12, 'runtimeHandlers', 'core.v1.NodeRuntimeHandler', 18], [13, 'features', 'core.v1.NodeFeatures', 3],
    [14, 'declaredFeatures', 'string', 18],
  ],
  'core.v1.NodeSwapStatus': [
    [1, 'capacity', 'int64', 3],
  ],
  'core.v1.NodeSystemInfo': [
    [1, 'machineID', 'string', 0], [2, 'systemUUID', 'string', 0], [3, 'bootID', 'string', 0],
    [4, 'kernelVersion', 'string', 0], [5, 'osImage', 'string', 0],
    [6, 'containerRuntimeVersion', 'string', 0], [7, 'kubeletVersion', 'string', 0],
    [8, 'kubeProxyVersion', 'string', 0], [9, 'operatingSystem', 'string', 0],
    [10, 'architecture', 'string', 0], [11, 'swap', 'core.v1.NodeSwapStatus', 3],
  ],
  'core.v1.ObjectFieldSelector': [
    [1, 'apiVersion', 'string', 2], [2, 'fieldPath', 'string', 0],
  ],
  'core.v1.ObjectReference': [
    [1, 'kind', 'string', 2], [2, 'namespace', 'string', 2], [3, 'name', 'string', 2],
    [4, 'uid', 'string', 2], [5, 'apiVersion', 'string', 2], [6, 'resourceVersion', 'string', 2],
    [7, 'fieldPath', 'string', 2],
  ],
  'core.v1.PersistentVolume': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'core.v1.PersistentVolumeSpec', 2],
    [3, 'status', 'core.v1.PersistentVolumeStatus', 2],
  ],
  'core.v1.PersistentVolumeClaim': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'core.v1.PersistentVolumeClaimSpec', 2],
    [3, 'status', 'core.v1.PersistentVolumeClaimStatus', 2],
  ],
  'core.v1.PersistentVolumeClaimCondition': [
    [1, 'type', 'string', 0], [2, 'status', 'string', 0], [3, 'lastProbeTime', 'meta.v1.Time', 2],
    [4, 'lastTransitionTime', 'meta.v1.Time', 2], [5, 'reason', 'string', 2], [6, 'message', 'string', 2],
  ],
  'core.v1.PersistentVolumeClaimList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'core.v1.PersistentVolumeClaim', 16],
  ],
  'core.v1.PersistentVolumeClaimSpec': [
    [1, 'accessModes', 'string', 18], [4, 'selector', 'meta.v1.LabelSelector', 3],
    [2, 'resources', 'core.v1.VolumeResourceRequirements', 2], [3, 'volumeName', 'string', 2],
    [5, 'storageClassName', 'string', 3], [6, 'volumeMode', 'string', 3],
    [7, 'dataSource', 'core.v1.TypedLocalObjectReference', 3],
    [8, 'dataSourceRef', 'core.v1.TypedObjectReference', 3], [9, 'volumeAttributesClassName', 'string', 3],
  ],
  'core.v1.PersistentVolumeClaimStatus': [
    [1, 'phase', 'string', 2], [2, 'accessModes', 'string', 18],
    [3, 'capacity', 'map', 2, 'string', 'resource.Quantity'],
    [4, 'conditions', 'core.v1.PersistentVolumeClaimCondition', 18],
    [5, 'allocatedResources', 'map', 2, 'string', 'resource.Quantity'],
    [7, 'allocatedResourceStatuses', 'map', 2, 'string', 'string'],
    [8, 'currentVolumeAttributesClassName', 'string', 3],
    [9, 'modifyVolumeStatus', 'core.v1.ModifyVolumeStatus', 3],
    [10, 'healthStatus', 'core.v1.VolumeHealthStatus', 3],
  ],
  'core.v1.PersistentVolumeClaimTemplate': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'core.v1.PersistentVolumeClaimSpec', 0],
  ],
  'core.v1.PersistentVolumeClaimVolumeSource': [
    [1, 'claimName', 'string', 0], [2, 'readOnly', 'bool', 2],
  ],
  'core.v1.PersistentVolumeList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'core.v1.PersistentVolume', 16],
  ],
  'core.v1.PersistentVolumeSource': [
    [1, 'gcePersistentDisk', 'core.v1.GCEPersistentDiskVolumeSource', 3],
    [2, 'awsElasticBlockStore', 'core.v1.AWSElasticBlockStoreVolumeSource', 3],
    [3, 'hostPath', 'core.v1.HostPathVolumeSource', 3],
    [4, 'glusterfs', 'core.v1.GlusterfsPersistentVolumeSource', 3], [5, 'nfs', 'core.v1.NFSVolumeSource', 3],
    [6, 'rbd', 'core.v1.RBDPersistentVolumeSource', 3],
    [7, 'iscsi', 'core.v1.ISCSIPersistentVolumeSource', 3],
    [8, 'cinder', 'core.v1.CinderPersistentVolumeSource', 3],
    [9, 'cephfs', 'core.v1.CephFSPersistentVolumeSource', 3], [10, 'fc', 'core.v1.FCVolumeSource', 3],
    [11, 'flocker', 'core.v1.FlockerVolumeSource', 3],
    [12, 'flexVolume', 'core.v1.FlexPersistentVolumeSource', 3],
    [13, 'azureFile', 'core.v1.AzureFilePersistentVolumeSource', 3],
    [14, 'vsphereVolume', 'core.v1.VsphereVirtualDiskVolumeSource', 3],
    [15, 'quobyte', 'core.v1.QuobyteVolumeSource', 3], [16, 'azureDisk', 'core.v1.AzureDiskVolumeSource', 3],
    [17, 'photonPersistentDisk', 'core.v1.PhotonPersistentDiskVolumeSource', 3],
    [18, 'portworxVolume', 'core.v1.PortworxVolumeSource', 3],
    [19, 'scaleIO', 'core.v1.ScaleIOPersistentVolumeSource', 3],
    [20, 'local', 'core.v1.LocalVolumeSource', 3],
    [21, 'storageos', 'core.v1.StorageOSPersistentVolumeSource', 3],
    [22, 'csi', 'core.v1.CSIPersistentVolumeSource', 3],
  ],
  'core.v1.PersistentVolumeSpec': [
    [1, 'capacity', 'map', 2, 'string', 'resource.Quantity'], [2, '', 'core.v1.PersistentVolumeSource', 8],
    [3, 'accessModes', 'string', 18], [4, 'claimRef', 'core.v1.ObjectReference', 3],
    [5, 'persistentVolumeReclaimPolicy', 'string', 2], [6, 'storageClassName', 'string', 2],
    [7, 'mountOptions', 'string', 18], [8, 'volumeMode', 'string', 3],
    [9, 'nodeAffinity', 'core.v1.VolumeNodeAffinity', 3], [10, 'volumeAttributesClassName', 'string', 3],
  ],
  'core.v1.PersistentVolumeStatus': [
    [1, 'phase', 'string', 2], [2, 'message', 'string', 2], [3, 'reason', 'string', 2],
    [4, 'lastPhaseTransitionTime', 'meta.v1.Time', 3],
  ],
  'core.v1.PhotonPersistentDiskVolumeSource': [
    [1, 'pdID', 'string', 0], [2, 'fsType', 'string', 2],
  ],
  'core.v1.Pod': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'core.v1.PodSpec', 2],
    [3, 'status', 'core.v1.PodStatus', 2],
  ],
  'core.v1.PodAffinity': [
    [1, 'requiredDuringSchedulingIgnoredDuringExecution', 'core.v1.PodAffinityTerm', 18],
    [2, 'preferredDuringSchedulingIgnoredDuringExecution', 'core.v1.WeightedPodAffinityTerm', 18],
  ],
  'core.v1.PodAffinityTerm': [
    [1, 'labelSelector', 'meta.v1.LabelSelector', 3], [2, 'namespaces', 'string', 18],
    [3, 'topologyKey', 'string', 0], [4, 'namespaceSelector', 'meta.v1.LabelSelector', 3],
    [5, 'matchLabelKeys', 'string', 18], [6, 'mismatchLabelKeys', 'string', 18],
  ],
  'core.v1.PodAntiAffinity': [
    [1, 'requiredDuringSchedulingIgnoredDuringExecution', 'core.v1.PodAffinityTerm', 18],
    [2, 'preferredDuringSchedulingIgnoredDuringExecution', 'core.v1.WeightedPodAffinityTerm', 18],
  ],
  'core.v1.PodAttachOptions': [
    [1, 'stdin', 'bool', 2], [2, 'stdout', 'bool', 2], [3, 'stderr', 'bool', 2], [4, 'tty', 'bool', 2],
    [5, 'container', 'string', 2],
  ],
  'core.v1.PodCertificateProjection': [
    [1, 'signerName', 'string', 2], [2, 'keyType', 'string', 2], [3, 'maxExpirationSeconds', 'int32', 3],
    [4, 'credentialBundlePath', 'string', 2], [5, 'keyPath', 'string', 2],
    [6, 'certificateChainPath', 'string', 2], [7, 'userAnnotations', 'map', 2, 'string', 'string'],
    [8, 'user', 'int64', 3],
  ],
  'core.v1.PodCondition': [
    [1, 'type', 'string', 0], [7, 'observedGeneration', 'int64', 2], [2, 'status', 'string', 0],
    [3, 'lastProbeTime', 'meta.v1.Time', 2], [4, 'lastTransitionTime', 'meta.v1.Time', 2],
    [5, 'reason', 'string', 2], [6, 'message', 'string', 2],
  ],
  'core.v1.PodDNSConfig': [
    [1, 'nameservers', 'string', 18], [2, 'searches', 'string', 18],
    [3, 'options', 'core.v1.PodDNSConfigOption', 18],
  ],
  'core.v1.PodDNSConfigOption': [
    [1, 'name', 'string', 2], [2, 'value', 'string', 3],
  ],
  'core.v1.PodExecOptions': [
    [1, 'stdin', 'bool', 2], [2, 'stdout', 'bool', 2], [3, 'stderr', 'bool', 2], [4, 'tty', 'bool', 2],
    [5, 'container', 'string', 2], [6, 'command', 'string', 16],
  ],
  'core.v1.PodExtendedResourceClaimStatus': [
    [1, 'requestMappings', 'core.v1.ContainerExtendedResourceRequest', 16],
    [2, 'resourceClaimName', 'string', 0],
  ],
  'core.v1.PodIP': [
    [1, 'ip', 'string', 0],
  ],
  'core.v1.PodList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'core.v1.Pod', 16],
  ],
  'core.v1.PodLogOptions': [
    [1, 'container', 'string', 2], [2, 'follow', 'bool', 2], [3, 'previous', 'bool', 2],
    [4, 'sinceSeconds', 'int64', 3], [5, 'sinceTime', 'meta.v1.Time', 3], [6, 'timestamps', 'bool', 2],
    [7, 'tailLines', 'int64', 3], [8, 'limitBytes', 'int64', 3],
    [9, 'insecureSkipTLSVerifyBackend', 'bool', 2], [10, 'stream', 'string', 3],
  ],
  'core.v1.PodOS': [
    [1, 'name', 'string', 0],
  ],
  'core.v1.PodPortForwardOptions': [
    [1, 'ports', 'int32', 18],
  ],
  'core.v1.PodProxyOptions': [
    [1, 'path', 'string', 2],
  ],
  'core.v1.PodReadinessGate': [
    [1, 'conditionType', 'string', 0],
  ],
  'core.v1.PodResourceClaim': [
    [1, 'name', 'string', 0], [3, 'resourceClaimName', 'string', 3],
    [4, 'resourceClaimTemplateName', 'string', 3],
  ],
  'core.v1.PodResourceClaimStatus': [
    [1, 'name', 'string', 0], [2, 'resourceClaimName', 'string', 3],
  ],
  'core.v1.PodSchedulingGate': [
    [1, 'name', 'string', 0],
  ],
  'core.v1.PodSchedulingGroup': [
    [1, 'podGroupName', 'string', 3],
  ],
  'core.v1.PodSecurityContext': [
    [1, 'seLinuxOptions', 'core.v1.SELinuxOptions', 3],
    [8, 'windowsOptions', 'core.v1.WindowsSecurityContextOptions', 3], [2, 'runAsUser', 'int64', 3],
    [6, 'runAsGroup', 'int64', 3], [3, 'runAsNonRoot', 'bool', 3], [4, 'supplementalGroups', 'int64', 18],
    [12, 'supplementalGroupsPolicy', 'string', 3], [5, 'fsGroup', 'int64', 3],
    [7, 'sysctls', 'core.v1.Sysctl', 18], [9, 'fsGroupChangePolicy', 'string', 3],
    [10, 'seccompProfile', 'core.v1.SeccompProfile', 3],
    [11, 'appArmorProfile', 'core.v1.AppArmorProfile', 3], [13, 'seLinuxChangePolicy', 'string', 3],
  ],
  'core.v1.PodSignature': [
    [1, 'podController', 'meta.v1.OwnerReference', 3],
  ],
  'core.v1.PodSpec': [
    [1, 'volumes', 'core.v1.Volume', 18], [20, 'initContainers', 'core.v1.Container', 18],
    [2, 'containers', 'core.v1.Container', 16], [34, 'ephemeralContainers', 'core.v1.EphemeralContainer', 18],
    [3, 'restartPolicy', 'string', 2], [4, 'terminationGracePeriodSeconds', 'int64', 3],
    [5, 'activeDeadlineSeconds', 'int64', 3], [6, 'dnsPolicy', 'string', 2],
    [7, 'nodeSelector', 'map', 2, 'string', 'string'], [8, 'serviceAccountName', 'string', 2],
    [9, 'serviceAccount', 'string', 2], [21, 'automountServiceAccountToken', 'bool', 3],
    [10, 'nodeName', 'string', 2], [11, 'hostNetwork', 'bool', 2], [12, 'hostPID', 'bool', 2],
    [13, 'hostIPC', 'bool', 2], [27, 'shareProcessNamespace', 'bool', 3],
    [14, 'securityContext', 'core.v1.PodSecurityContext', 3],
    [15, 'imagePullSecrets', 'core.v1.LocalObjectReference', 18], [16, 'hostname', 'string', 2],
    [17, 'subdomain', 'string', 2], [18, 'affinity', 'core.v1.Affinity', 3],
    [19, 'schedulerName', 'string', 2], [22, 'tolerations', 'core.v1.Toleration', 18],
    [23, 'hostAliases', 'core.v1.HostAlias', 18], [24, 'priorityClassName', 'string', 2],
    [25, 'priority', 'int32', 3], [26, 'dnsConfig', 'core.v1.PodDNSConfig', 3],
    [28, 'readinessGates', 'core.v1.PodReadinessGate', 18], [29, 'runtimeClassName', 'string', 3],
    [30, 'enableServiceLinks', 'bool', 3], [31, 'preemptionPolicy', 'string', 3],
    [32, 'overhead', 'map', 2, 'string', 'resource.Quantity'],
    [33, 'topologySpreadConstraints', 'core.v1.TopologySpreadConstraint', 18],
    [35, 'setHostnameAsFQDN', 'bool', 3], [36, 'os', 'core.v1.PodOS', 3], [37, 'hostUsers', 'bool', 3],
    [38, 'schedulingGates', 'core.v1.PodSchedulingGate', 18],
    [39, 'resourceClaims', 'core.v1.PodResourceClaim', 18],
    [40, 'resources', 'core.v1.ResourceRequirements', 3], [41, 'hostnameOverride', 'string', 3],
    [43, 'schedulingGroup', 'core.v1.PodSchedulingGroup', 3],
    [44, 'evictionResponders', 'core.v1.EvictionResponder', 18],
  ],
  'core.v1.PodStatus': [
    [17, 'observedGeneration', 'int64', 2], [1, 'phase', 'string', 2],
    [2, 'conditions', 'core.v1.PodCondition', 18], [3, 'message', 'string', 2], [4, 'reason', 'string', 2],
    [11, 'nominatedNodeName', 'string', 2], [5, 'hostIP', 'string', 2], [16, 'hostIPs', 'core.v1.HostIP', 18],
    [6, 'podIP', 'string', 2], [12, 'podIPs', 'core.v1.PodIP', 18], [7, 'startTime', 'meta.v1.Time', 3],
    [10, 'initContainerStatuses', 'core.v1.ContainerStatus', 18],
    [8, 'containerStatuses', 'core.v1.ContainerStatus', 18], [9, 'qosClass', 'string', 2],
    [13, 'ephemeralContainerStatuses', 'core.v1.ContainerStatus', 18], [14, 'resize', 'string', 2],
    [15, 'resourceClaimStatuses', 'core.v1.PodResourceClaimStatus', 18],
    [18, 'extendedResourceClaimStatus', 'core.v1.PodExtendedResourceClaimStatus', 3],
    [19, 'allocatedResources', 'map', 2, 'string', 'resource.Quantity'],
    [20, 'resources', 'core.v1.ResourceRequirements', 3],
    [21, 'nodeAllocatableResourceClaimStatuses', 'core.v1.NodeAllocatableResourceClaimStatus', 18],
    [22, 'volumeHealth', 'core.v1.PodVolumeHealth', 18],
  ],
  'core.v1.PodTemplate': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'template', 'core.v1.PodTemplateSpec', 2],
  ],
  'core.v1.PodTemplateList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'core.v1.PodTemplate', 16],
  ],
  'core.v1.PodTemplateSpec': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'core.v1.PodSpec', 2],
  ],
  'core.v1.PodVolumeHealth': [
    [1, 'name', 'string', 0], [2, 'healthConditions', 'core.v1.VolumeHealthCondition', 18],
    [3, 'lastTransitionTime', 'meta.v1.Time', 2],
  ],
  'core.v1.PortStatus': [
    [1, 'port', 'int32', 0], [2, 'protocol', 'string', 0], [3, 'error', 'string', 3],
  ],
  'core.v1.PortworxVolumeSource': [
    [1, 'volumeID', 'string', 0], [2, 'fsType', 'string', 2], [3, 'readOnly', 'bool', 2],
  ],
  'core.v1.Preconditions': [
    [1, 'uid', 'string', 3],
  ],
  'core.v1.PreferAvoidPodsEntry': [
    [1, 'podSignature', 'core.v1.PodSignature', 0], [2, 'evictionTime', 'meta.v1.Time', 2],
    [3, 'reason', 'string', 2], [4, 'message', 'string', 2],
  ],
  'core.v1.PreferredSchedulingTerm': [
    [1, 'weight', 'int32', 0], [2, 'preference', 'core.v1.NodeSelectorTerm', 0],
  ],
  'core.v1.Probe': [
    [1, '', 'core.v1.ProbeHandler', 8], [2, 'initialDelaySeconds', 'int32', 2],
    [3, 'timeoutSeconds', 'int32', 2], [4, 'periodSeconds', 'int32', 2], [5, 'successThreshold', 'int32', 2],
    [6, 'failureThreshold', 'int32', 2], [7, 'terminationGracePeriodSeconds', 'int64', 3],
  ],
  'core.v1.ProbeHandler': [
    [1, 'exec', 'core.v1.ExecAction', 3], [2, 'httpGet', 'core.v1.HTTPGetAction', 3],
    [3, 'tcpSocket', 'core.v1.TCPSocketAction', 3], [4, 'grpc', 'core.v1.GRPCAction', 3],
  ],
  'core.v1.ProjectedVolumeSource': [
    [1, 'sources', 'core.v1.VolumeProjection', 16], [2, 'defaultMode', 'int32', 3],
    [3, 'defaultUser', 'int64', 3],
  ],
  'core.v1.QuobyteVolumeSource': [
    [1, 'registry', 'string', 0], [2, 'volume', 'string', 0], [3, 'readOnly', 'bool', 2],
    [4, 'user', 'string', 2], [5, 'group', 'string', 2], [6, 'tenant', 'string', 2],
  ],
  'core.v1.RangeAllocation': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'range', 'string', 0], [3, 'data', 'bytes', 0],
  ],
  'core.v1.RBDPersistentVolumeSource': [
    [1, 'monitors', 'string', 16], [2, 'image', 'string', 0], [3, 'fsType', 'string', 2],
    [4, 'pool', 'string', 2], [5, 'user', 'string', 2], [6, 'keyring', 'string', 2],
    [7, 'secretRef', 'core.v1.SecretReference', 3], [8, 'readOnly', 'bool', 2],
  ],
  'core.v1.RBDVolumeSource': [
    [1, 'monitors', 'string', 16], [2, 'image', 'string', 0], [3, 'fsType', 'string', 2],
    [4, 'pool', 'string', 2], [5, 'user', 'string', 2], [6, 'keyring', 'string', 2],
    [7, 'secretRef', 'core.v1.LocalObjectReference', 3], [8, 'readOnly', 'bool', 2],
  ],
  'core.v1.ReplicationController': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'core.v1.ReplicationControllerSpec', 2],
    [3, 'status', 'core.v1.ReplicationControllerStatus', 2],
  ],
  'core.v1.ReplicationControllerCondition': [
    [1, 'type', 'string', 0], [2, 'status', 'string', 0], [3, 'lastTransitionTime', 'meta.v1.Time', 2],
    [4, 'reason', 'string', 2], [5, 'message', 'string', 2],
  ],
  'core.v1.ReplicationControllerList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'core.v1.ReplicationController', 16],
  ],
  'core.v1.ReplicationControllerSpec': [
    [1, 'replicas', 'int32', 3], [4, 'minReadySeconds', 'int32', 2],
    [2, 'selector', 'map', 2, 'string', 'string'], [3, 'template', 'core.v1.PodTemplateSpec', 3],
  ],
  'core.v1.ReplicationControllerStatus': [
    [1, 'replicas', 'int32', 0], [2, 'fullyLabeledReplicas', 'int32', 2], [4, 'readyReplicas', 'int32', 2],
    [5, 'availableReplicas', 'int32', 2], [3, 'observedGeneration', 'int64', 2],
    [6, 'conditions', 'core.v1.ReplicationControllerCondition', 18],
  ],
  'core.v1.ResourceClaim': [
    [1, 'name', 'string', 0], [2, 'request', 'string', 2],
  ],
  'core.v1.ResourceFieldSelector': [
    [1, 'containerName', 'string', 2], [2, 'resource', 'string', 0], [3, 'divisor', 'resource.Quantity', 2],
  ],
  'core.v1.ResourceHealth': [
    [1, 'resourceID', 'string', 0], [2, 'health', 'string', 2], [6, 'message', 'string', 3],
  ],
  'core.v1.ResourceQuota': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'core.v1.ResourceQuotaSpec', 2],
    [3, 'status', 'core.v1.ResourceQuotaStatus', 2],
  ],
  'core.v1.ResourceQuotaList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'core.v1.ResourceQuota', 16],
  ],
  'core.v1.ResourceQuotaSpec': [
    [1, 'hard', 'map', 2, 'string', 'resource.Quantity'], [2, 'scopes', 'string', 18],
    [3, 'scopeSelector', 'core.v1.ScopeSelector', 3],
  ],
  'core.v1.ResourceQuotaStatus': [
    [1, 'hard', 'map', 2, 'string', 'resource.Quantity'],
    [2, 'used', 'map', 2, 'string', 'resource.Quantity'],
  ],
  'core.v1.ResourceRequirements': [
    [1, 'limits', 'map', 2, 'string', 'resource.Quantity'],
    [2, 'requests', 'map', 2, 'string', 'resource.Quantity'], [3, 'claims', 'core.v1.ResourceClaim', 18],
  ],
  'core.v1.ResourceStatus': [
    [1, 'name', 'string', 0], [2, 'resources', 'core.v1.ResourceHealth', 18],
  ],
  'core.v1.ScaleIOPersistentVolumeSource': [
    [1, 'gateway', 'string', 0], [2, 'system', 'string', 0], [3, 'secretRef', 'core.v1.SecretReference', 1],
    [4, 'sslEnabled', 'bool', 2], [5, 'protectionDomain', 'string', 2], [6, 'storagePool', 'string', 2],
    [7, 'storageMode', 'string', 2], [8, 'volumeName', 'string', 2], [9, 'fsType', 'string', 2],
    [10, 'readOnly', 'bool', 2],
  ],
  'core.v1.ScaleIOVolumeSource': [
    [1, 'gateway', 'string', 0], [2, 'system', 'string', 0],
    [3, 'secretRef', 'core.v1.LocalObjectReference', 1], [4, 'sslEnabled', 'bool', 2],
    [5, 'protectionDomain', 'string', 2], [6, 'storagePool', 'string', 2], [7, 'storageMode', 'string', 2],
    [8, 'volumeName', 'string', 2], [9, 'fsType', 'string', 2], [10, 'readOnly', 'bool', 2],
  ],
  'core.v1.ScopedResourceSelectorRequirement': [
    [1, 'scopeName', 'string', 0], [2, 'operator', 'string', 0], [3, 'values', 'string', 18],
  ],
  'core.v1.ScopeSelector': [
    [1, 'matchExpressions', 'core.v1.ScopedResourceSelectorRequirement', 18],
  ],
  'core.v1.SeccompProfile': [
    [1, 'type', 'string', 0], [2, 'localhostProfile', 'string', 3],
  ],
  'core.v1.Secret': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [5, 'immutable', 'bool', 3],
    [2, 'data', 'map', 2, 'string', 'bytes'], [4, 'stringData', 'map', 2, 'string', 'string'],
    [3, 'type', 'string', 2],
  ],
  'core.v1.SecretEnvSource': [
    [1, '', 'core.v1.LocalObjectReference', 8], [2, 'optional', 'bool', 3],
  ],
  'core.v1.SecretKeySelector': [
    [1, '', 'core.v1.LocalObjectReference', 8], [2, 'key', 'string', 0], [3, 'optional', 'bool', 3],
  ],
  'core.v1.SecretList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'core.v1.Secret', 16],
  ],
  'core.v1.SecretProjection': [
    [1, '', 'core.v1.LocalObjectReference', 8], [2, 'items', 'core.v1.KeyToPath', 18],
    [4, 'optional', 'bool', 3],
  ],
  'core.v1.SecretReference': [
    [1, 'name', 'string', 2], [2, 'namespace', 'string', 2],
  ],
  'core.v1.SecretVolumeSource': [
    [1, 'secretName', 'string', 2], [2, 'items', 'core.v1.KeyToPath', 18], [3, 'defaultMode', 'int32', 3],
    [4, 'optional', 'bool', 3], [5, 'defaultUser', 'int64', 3],
  ],
  'core.v1.SecurityContext': [
    [1, 'capabilities', 'core.v1.Capabilities', 3], [2, 'privileged', 'bool', 3],
    [3, 'seLinuxOptions', 'core.v1.SELinuxOptions', 3],
    [10, 'windowsOptions', 'core.v1.WindowsSecurityContextOptions', 3], [4, 'runAsUser', 'int64', 3],
    [8, 'runAsGroup', 'int64', 3], [5, 'runAsNonRoot', 'bool', 3], [6, 'readOnlyRootFilesystem', 'bool', 3],
    [7, 'allowPrivilegeEscalation', 'bool', 3], [9, 'procMount', 'string', 3],
    [11, 'seccompProfile', 'core.v1.SeccompProfile', 3],
    [12, 'appArmorProfile', 'core.v1.AppArmorProfile', 3],
  ],
  'core.v1.SELinuxOptions': [
    [1, 'user', 'string', 2], [2, 'role', 'string', 2], [3, 'type', 'string', 2], [4, 'level', 'string', 2],
  ],
  'core.v1.SerializedReference': [
    [1, 'reference', 'core.v1.ObjectReference', 2],
  ],
  'core.v1.Service': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'core.v1.ServiceSpec', 2],
    [3, 'status', 'core.v1.ServiceStatus', 2],
  ],
  'core.v1.ServiceAccount': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'secrets', 'core.v1.ObjectReference', 18],
    [3, 'imagePullSecrets', 'core.v1.LocalObjectReference', 18],
    [4, 'automountServiceAccountToken', 'bool', 3],
  ],
  'core.v1.ServiceAccountList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'core.v1.ServiceAccount', 16],
  ],
  'core.v1.ServiceAccountTokenProjection': [
    [1, 'audience', 'string', 2], [2, 'expirationSeconds', 'int64', 3], [3, 'path', 'string', 0],
    [4, 'user', 'int64', 3],
  ],
  'core.v1.ServiceList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'core.v1.Service', 16],
  ],
  'core.v1.ServicePort': [
    [1, 'name', 'string', 2], [2, 'protocol', 'string', 2], [6, 'appProtocol', 'string', 3],
    [3, 'port', 'int32', 0], [4, 'targetPort', 'intstr.IntOrString', 2], [5, 'nodePort', 'int32', 2],
  ],
  'core.v1.ServiceProxyOptions': [
    [1, 'path', 'string', 2],
  ],
  'core.v1.ServiceSpec': [
    [1, 'ports', 'core.v1.ServicePort', 18], [2, 'selector', 'map', 2, 'string', 'string'],
    [3, 'clusterIP', 'string', 2], [18, 'clusterIPs', 'string', 18], [4, 'type', 'string', 2],
    [5, 'externalIPs', 'string', 18], [7, 'sessionAffinity', 'string', 2], [8, 'loadBalancerIP', 'string', 2],
    [9, 'loadBalancerSourceRanges', 'string', 18], [10, 'externalName', 'string', 2],
    [11, 'externalTrafficPolicy', 'string', 2], [12, 'healthCheckNodePort', 'int32', 2],
    [13, 'publishNotReadyAddresses', 'bool', 2],
    [14, 'sessionAffinityConfig', 'core.v1.SessionAffinityConfig', 3], [19, 'ipFamilies', 'string', 18],
    [17, 'ipFamilyPolicy', 'string', 3], [20, 'allocateLoadBalancerNodePorts', 'bool', 3],
    [21, 'loadBalancerClass', 'string', 3], [22, 'internalTrafficPolicy', 'string', 3],
    [23, 'trafficDistribution', 'string', 3],
  ],
  'core.v1.ServiceStatus': [
    [1, 'loadBalancer', 'core.v1.LoadBalancerStatus', 2], [2, 'conditions', 'meta.v1.Condition', 18],
  ],
  'core.v1.SessionAffinityConfig': [
    [1, 'clientIP', 'core.v1.ClientIPConfig', 3],
  ],
  'core.v1.SleepAction': [
    [1, 'seconds', 'int64', 0],
  ],
  'core.v1.StorageOSPersistentVolumeSource': [
    [1, 'volumeName', 'string', 2], [2, 'volumeNamespace', 'string', 2], [3, 'fsType', 'string', 2],
    [4, 'readOnly', 'bool', 2], [5, 'secretRef', 'core.v1.ObjectReference', 3],
  ],
  'core.v1.StorageOSVolumeSource': [
    [1, 'volumeName', 'string', 2], [2, 'volumeNamespace', 'string', 2], [3, 'fsType', 'string', 2],
    [4, 'readOnly', 'bool', 2], [5, 'secretRef', 'core.v1.LocalObjectReference', 3],
  ],
  'core.v1.Sysctl': [
    [1, 'name', 'string', 0], [2, 'value', 'string', 0],
  ],
  'core.v1.Taint': [
    [1, 'key', 'string', 0], [2, 'value', 'string', 2], [3, 'effect', 'string', 0],
    [4, 'timeAdded', 'meta.v1.Time', 3],
  ],
  'core.v1.TCPSocketAction': [
    [1, 'port', 'intstr.IntOrString', 0], [2, 'host', 'string', 2],
  ],
  'core.v1.Toleration': [
    [1, 'key', 'string', 2], [2, 'operator', 'string', 2], [3, 'value', 'string', 2],
    [4, 'effect', 'string', 2], [5, 'tolerationSeconds', 'int64', 3],
  ],
  'core.v1.TopologySelectorLabelRequirement': [
    [1, 'key', 'string', 0], [2, 'values', 'string', 16],
  ],
  'core.v1.TopologySelectorTerm': [
    [1, 'matchLabelExpressions', 'core.v1.TopologySelectorLabelRequirement', 18],
  ],
  'core.v1.TopologySpreadConstraint': [
    [1, 'maxSkew', 'int32', 0], [2, 'topologyKey', 'string', 0], [3, 'whenUnsatisfiable', 'string', 0],
    [4, 'labelSelector', 'meta.v1.LabelSelector', 3], [5, 'minDomains', 'int32', 3],
    [6, 'nodeAffinityPolicy', 'string', 3], [7, 'nodeTaintsPolicy', 'string', 3],
    [8, 'matchLabelKeys', 'string', 18],
  ],
  'core.v1.TypedLocalObjectReference': [
    [1, 'apiGroup', 'string', 1], [2, 'kind', 'string', 0], [3, 'name', 'string', 0],
  ],
  'core.v1.TypedObjectReference': [
    [1, 'apiGroup', 'string', 1], [2, 'kind', 'string', 0], [3, 'name', 'string', 0],
    [4, 'namespace', 'string', 3],
  ],
  'core.v1.Volume': [
    [1, 'name', 'string', 0], [2, '', 'core.v1.VolumeSource', 8],
  ],
  'core.v1.VolumeDevice': [
    [1, 'name', 'string', 0], [2, 'devicePath', 'string', 0],
  ],
  'core.v1.VolumeHealthCondition': [
    [1, 'status', 'string', 0], [2, 'reason', 'string', 0], [3, 'message', 'string', 2],
  ],
  'core.v1.VolumeHealthStatus': [
    [1, 'healthConditions', 'core.v1.VolumeHealthCondition', 18],
    [2, 'lastTransitionTime', 'meta.v1.Time', 2],
  ],
  'core.v1.VolumeMount': [
    [1, 'name', 'string', 0], [2, 'readOnly', 'bool', 2], [7, 'recursiveReadOnly', 'string', 3],
    [3, 'mountPath', 'string', 0], [4, 'subPath', 'string', 2], [5, 'mountPropagation', 'string', 3],
    [6, 'subPathExpr', 'string', 2], [8, 'bindMountOptions', 'string', 18],
  ],
  'core.v1.VolumeMountStatus': [
    [1, 'name', 'string', 0], [2, 'mountPath', 'string', 0], [3, 'readOnly', 'bool', 2],
    [4, 'recursiveReadOnly', 'string', 3], [5, 'volumeStatus', 'core.v1.VolumeStatus', 3],
  ],
  'core.v1.VolumeNodeAffinity': [
    [1, 'required', 'core.v1.NodeSelector', 3],
  ],
  'core.v1.VolumeProjection': [
    [1, 'secret', 'core.v1.SecretProjection', 3], [2, 'downwardAPI', 'core.v1.DownwardAPIProjection', 3],
    [3, 'configMap', 'core.v1.ConfigMapProjection', 3],
    [4, 'serviceAccountToken', 'core.v1.ServiceAccountTokenProjection', 3],
    [5, 'clusterTrustBundle', 'core.v1.ClusterTrustBundleProjection', 3],
    [6, 'podCertificate', 'core.v1.PodCertificateProjection', 3],
  ],
  'core.v1.VolumeResourceRequirements': [
    [1, 'limits', 'map', 2, 'string', 'resource.Quantity'],
    [2, 'requests', 'map', 2, 'string', 'resource.Quantity'],
  ],
  'core.v1.VolumeSource': [
    [1, 'hostPath', 'core.v1.HostPathVolumeSource', 3], [2, 'emptyDir', 'core.v1.EmptyDirVolumeSource', 3],
    [3, 'gcePersistentDisk', 'core.v1.GCEPersistentDiskVolumeSource', 3],
    [4, 'awsElasticBlockStore', 'core.v1.AWSElasticBlockStoreVolumeSource', 3],
    [5, 'gitRepo', 'core.v1.GitRepoVolumeSource', 3], [6, 'secret', 'core.v1.SecretVolumeSource', 3],
    [7, 'nfs', 'core.v1.NFSVolumeSource', 3], [8, 'iscsi', 'core.v1.ISCSIVolumeSource', 3],
    [9, 'glusterfs', 'core.v1.GlusterfsVolumeSource', 3],
    [10, 'persistentVolumeClaim', 'core.v1.PersistentVolumeClaimVolumeSource', 3],
    [11, 'rbd', 'core.v1.RBDVolumeSource', 3], [12, 'flexVolume', 'core.v1.FlexVolumeSource', 3],
    [13, 'cinder', 'core.v1.CinderVolumeSource', 3], [14, 'cephfs', 'core.v1.CephFSVolumeSource', 3],
    [15, 'flocker', 'core.v1.FlockerVolumeSource', 3],
    [16, 'downwardAPI', 'core.v1.DownwardAPIVolumeSource', 3], [17, 'fc', 'core.v1.FCVolumeSource', 3],
    [18, 'azureFile', 'core.v1.AzureFileVolumeSource', 3],
    [19, 'configMap', 'core.v1.ConfigMapVolumeSource', 3],
    [20, 'vsphereVolume', 'core.v1.VsphereVirtualDiskVolumeSource', 3],
    [21, 'quobyte', 'core.v1.QuobyteVolumeSource', 3], [22, 'azureDisk', 'core.v1.AzureDiskVolumeSource', 3],
    [23, 'photonPersistentDisk', 'core.v1.PhotonPersistentDiskVolumeSource', 3],
    [26, 'projected', 'core.v1.ProjectedVolumeSource', 3],
    [24, 'portworxVolume', 'core.v1.PortworxVolumeSource', 3],
    [25, 'scaleIO', 'core.v1.ScaleIOVolumeSource', 3], [27, 'storageos', 'core.v1.StorageOSVolumeSource', 3],
    [28, 'csi', 'core.v1.CSIVolumeSource', 3], [29, 'ephemeral', 'core.v1.EphemeralVolumeSource', 3],
    [30, 'image', 'core.v1.ImageVolumeSource', 3],
  ],
  'core.v1.VolumeStatus': [
    [1, 'image', 'core.v1.ImageVolumeStatus', 3],
  ],
  'core.v1.VsphereVirtualDiskVolumeSource': [
    [1, 'volumePath', 'string', 0], [2, 'fsType', 'string', 2], [3, 'storagePolicyName', 'string', 2],
    [4, 'storagePolicyID', 'string', 2],
  ],
  'core.v1.WeightedPodAffinityTerm': [
    [1, 'weight', 'int32', 0], [2, 'podAffinityTerm', 'core.v1.PodAffinityTerm', 0],
  ],
  'core.v1.WindowsSecurityContextOptions': [
    [1, 'gmsaCredentialSpecName', 'string', 3], [2, 'gmsaCredentialSpec', 'string', 3],
    [3, 'runAsUserName', 'string', 3], [4, 'hostProcess', 'bool', 3],
  ],
};
