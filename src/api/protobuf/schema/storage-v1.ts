// Wire-format table (field numbers, wire types, JSON names) of k8s.io storage.v1 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const storageV1: MessageTable = {
  'storage.v1.CSIDriver': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'storage.v1.CSIDriverSpec', 0],
  ],
  'storage.v1.CSIDriverList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'storage.v1.CSIDriver', 16],
  ],
  'storage.v1.CSIDriverSpec': [
    [1, 'attachRequired', 'bool', 3], [2, 'podInfoOnMount', 'bool', 3],
    [3, 'volumeLifecycleModes', 'string', 18], [4, 'storageCapacity', 'bool', 3],
    [5, 'fsGroupPolicy', 'string', 3], [6, 'tokenRequests', 'storage.v1.TokenRequest', 18],
    [7, 'requiresRepublish', 'bool', 3], [8, 'seLinuxMount', 'bool', 3],
    [9, 'nodeAllocatableUpdatePeriodSeconds', 'int64', 3], [10, 'serviceAccountTokenInSecrets', 'bool', 3],
    [11, 'preventPodSchedulingIfMissing', 'bool', 3],
  ],
  'storage.v1.CSINode': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'storage.v1.CSINodeSpec', 0],
    [3, 'status', 'storage.v1.CSINodeStatus', 2],
  ],
  'storage.v1.CSINodeDriver': [
    [1, 'name', 'string', 0], [2, 'nodeID', 'string', 0], [3, 'topologyKeys', 'string', 16],
    [4, 'allocatable', 'storage.v1.VolumeNodeResources', 3],
  ],
  'storage.v1.CSINodeList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'storage.v1.CSINode', 16],
  ],
  'storage.v1.CSINodeSpec': [
    [1, 'drivers', 'storage.v1.CSINodeDriver', 16],
  ],
  'storage.v1.CSINodeStatus': [
    [1, 'storageHealth', 'storage.v1.StorageHealth', 18],
  ],
  'storage.v1.CSIStorageCapacity': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'nodeTopology', 'meta.v1.LabelSelector', 3],
    [3, 'storageClassName', 'string', 0], [4, 'capacity', 'resource.Quantity', 3],
    [5, 'maximumVolumeSize', 'resource.Quantity', 3],
  ],
  'storage.v1.CSIStorageCapacityList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'storage.v1.CSIStorageCapacity', 16],
  ],
  'storage.v1.StorageClass': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'provisioner', 'string', 0],
    [3, 'parameters', 'map', 2, 'string', 'string'], [4, 'reclaimPolicy', 'string', 3],
    [5, 'mountOptions', 'string', 18], [6, 'allowVolumeExpansion', 'bool', 3],
    [7, 'volumeBindingMode', 'string', 3], [8, 'allowedTopologies', 'core.v1.TopologySelectorTerm', 18],
  ],
  'storage.v1.StorageClassList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'storage.v1.StorageClass', 16],
  ],
  'storage.v1.StorageHealth': [
    [1, 'name', 'string', 0], [2, 'healthConditions', 'storage.v1.StorageHealthCondition', 18],
  ],
  'storage.v1.StorageHealthCondition': [
    [1, 'status', 'string', 0], [2, 'reason', 'string', 0], [3, 'message', 'string', 2],
    [4, 'accessMode', 'string', 3], [5, 'volumeMode', 'string', 3],
    [6, 'lastTransitionTime', 'meta.v1.Time', 2],
  ],
  'storage.v1.TokenRequest': [
    [1, 'audience', 'string', 0], [2, 'expirationSeconds', 'int64', 3],
  ],
  'storage.v1.VolumeAttachment': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'storage.v1.VolumeAttachmentSpec', 0],
    [3, 'status', 'storage.v1.VolumeAttachmentStatus', 2],
  ],
  'storage.v1.VolumeAttachmentList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'storage.v1.VolumeAttachment', 16],
  ],
  'storage.v1.VolumeAttachmentSource': [
    [1, 'persistentVolumeName', 'string', 3], [2, 'inlineVolumeSpec', 'core.v1.PersistentVolumeSpec', 3],
  ],
  'storage.v1.VolumeAttachmentSpec': [
    [1, 'attacher', 'string', 0], [2, 'source', 'storage.v1.VolumeAttachmentSource', 0],
    [3, 'nodeName', 'string', 0],
  ],
  'storage.v1.VolumeAttachmentStatus': [
    [1, 'attached', 'bool', 0], [2, 'attachmentMetadata', 'map', 2, 'string', 'string'],
    [3, 'attachError', 'storage.v1.VolumeError', 3], [4, 'detachError', 'storage.v1.VolumeError', 3],
  ],
  'storage.v1.VolumeAttributesClass': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'driverName', 'string', 0],
    [3, 'parameters', 'map', 2, 'string', 'string'],
  ],
  'storage.v1.VolumeAttributesClassList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'storage.v1.VolumeAttributesClass', 16],
  ],
  'storage.v1.VolumeError': [
    [1, 'time', 'meta.v1.Time', 2], [2, 'message', 'string', 2], [3, 'errorCode', 'int32', 3],
  ],
  'storage.v1.VolumeNodeResources': [
    [1, 'count', 'int32', 3],
  ],
};
