// Wire-format table (field numbers, wire types, JSON names) of k8s.io meta.v1 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const metaV1: MessageTable = {
  'meta.v1.APIGroup': [
    [1, 'name', 'string', 0], [2, 'versions', 'meta.v1.GroupVersionForDiscovery', 16],
    [3, 'preferredVersion', 'meta.v1.GroupVersionForDiscovery', 2],
    [4, 'serverAddressByClientCIDRs', 'meta.v1.ServerAddressByClientCIDR', 18],
  ],
  'meta.v1.APIGroupList': [
    [1, 'groups', 'meta.v1.APIGroup', 16],
  ],
  'meta.v1.APIResource': [
    [1, 'name', 'string', 0], [6, 'singularName', 'string', 0], [2, 'namespaced', 'bool', 0],
    [8, 'group', 'string', 2], [9, 'version', 'string', 2], [3, 'kind', 'string', 0],
    [4, 'verbs', 'meta.v1.Verbs', 0], [5, 'shortNames', 'string', 18], [7, 'categories', 'string', 18],
    [10, 'storageVersionHash', 'string', 2],
  ],
  'meta.v1.APIResourceList': [
    [1, 'groupVersion', 'string', 0], [2, 'resources', 'meta.v1.APIResource', 16],
  ],
  'meta.v1.APIVersions': [
    [1, 'versions', 'string', 16], [2, 'serverAddressByClientCIDRs', 'meta.v1.ServerAddressByClientCIDR', 16],
  ],
  'meta.v1.ApplyOptions': [
    [1, 'dryRun', 'string', 18], [2, 'force', 'bool', 0], [3, 'fieldManager', 'string', 0],
  ],
  'meta.v1.Condition': [
    [1, 'type', 'string', 0], [2, 'status', 'string', 0], [3, 'observedGeneration', 'int64', 2],
    [4, 'lastTransitionTime', 'meta.v1.Time', 0], [5, 'reason', 'string', 0], [6, 'message', 'string', 0],
  ],
  'meta.v1.CreateOptions': [
    [1, 'dryRun', 'string', 18], [3, 'fieldManager', 'string', 2], [4, 'fieldValidation', 'string', 2],
  ],
  'meta.v1.DeleteOptions': [
    [1, 'gracePeriodSeconds', 'int64', 3], [2, 'preconditions', 'meta.v1.Preconditions', 3],
    [3, 'orphanDependents', 'bool', 3], [4, 'propagationPolicy', 'string', 3], [5, 'dryRun', 'string', 18],
    [6, 'ignoreStoreReadErrorWithClusterBreakingPotential', 'bool', 3],
  ],
  'meta.v1.FieldSelectorRequirement': [
    [1, 'key', 'string', 0], [2, 'operator', 'string', 0], [3, 'values', 'string', 18],
  ],
  'meta.v1.GetOptions': [
    [1, 'resourceVersion', 'string', 2],
  ],
  'meta.v1.GroupKind': [
    [1, 'group', 'string', 0], [2, 'kind', 'string', 0],
  ],
  'meta.v1.GroupResource': [
    [1, 'group', 'string', 0], [2, 'resource', 'string', 0],
  ],
  'meta.v1.GroupVersion': [
    [1, 'group', 'string', 0], [2, 'version', 'string', 0],
  ],
  'meta.v1.GroupVersionForDiscovery': [
    [1, 'groupVersion', 'string', 0], [2, 'version', 'string', 0],
  ],
  'meta.v1.GroupVersionKind': [
    [1, 'group', 'string', 0], [2, 'version', 'string', 0], [3, 'kind', 'string', 0],
  ],
  'meta.v1.GroupVersionResource': [
    [1, 'group', 'string', 0], [2, 'version', 'string', 0], [3, 'resource', 'string', 0],
  ],
  'meta.v1.LabelSelector': [
    [1, 'matchLabels', 'map', 2, 'string', 'string'],
    [2, 'matchExpressions', 'meta.v1.LabelSelectorRequirement', 18],
  ],
  'meta.v1.LabelSelectorRequirement': [
    [1, 'key', 'string', 0], [2, 'operator', 'string', 0], [3, 'values', 'string', 18],
  ],
  'meta.v1.List': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'runtime.RawExtension', 16],
  ],
  'meta.v1.ListMeta': [
    [1, 'selfLink', 'string', 2], [2, 'resourceVersion', 'string', 2], [3, 'continue', 'string', 2],
    [4, 'remainingItemCount', 'int64', 3], [5, 'shardInfo', 'meta.v1.ShardInfo', 3],
  ],
  'meta.v1.ListOptions': [
    [1, 'labelSelector', 'string', 2], [2, 'fieldSelector', 'string', 2], [3, 'watch', 'bool', 2],
    [9, 'allowWatchBookmarks', 'bool', 2], [4, 'resourceVersion', 'string', 2],
    [10, 'resourceVersionMatch', 'string', 2], [5, 'timeoutSeconds', 'int64', 3], [7, 'limit', 'int64', 2],
    [8, 'continue', 'string', 2], [11, 'sendInitialEvents', 'bool', 3], [15, 'shardSelector', 'string', 2],
  ],
  'meta.v1.ManagedFieldsEntry': [
    [1, 'manager', 'string', 2], [2, 'operation', 'string', 2], [3, 'apiVersion', 'string', 2],
    [4, 'time', 'meta.v1.Time', 3], [6, 'fieldsType', 'string', 2], [7, 'fieldsV1', 'meta.v1.FieldsV1', 3],
    [8, 'subresource', 'string', 2],
  ],
  'meta.v1.ObjectMeta': [
    [1, 'name', 'string', 2], [2, 'generateName', 'string', 2], [3, 'namespace', 'string', 2],
    [4, 'selfLink', 'string', 2], [5, 'uid', 'string', 2], [6, 'resourceVersion', 'string', 2],
    [7, 'generation', 'int64', 2], [8, 'creationTimestamp', 'meta.v1.Time', 6],
    [9, 'deletionTimestamp', 'meta.v1.Time', 3], [10, 'deletionGracePeriodSeconds', 'int64', 3],
    [11, 'labels', 'map', 2, 'string', 'string'], [12, 'annotations', 'map', 2, 'string', 'string'],
    [13, 'ownerReferences', 'meta.v1.OwnerReference', 18], [14, 'finalizers', 'string', 18],
    [17, 'managedFields', 'meta.v1.ManagedFieldsEntry', 18],
  ],
  'meta.v1.OwnerReference': [
    [5, 'apiVersion', 'string', 0], [1, 'kind', 'string', 0], [3, 'name', 'string', 0],
    [4, 'uid', 'string', 0], [6, 'controller', 'bool', 3], [7, 'blockOwnerDeletion', 'bool', 3],
  ],
  'meta.v1.PartialObjectMetadata': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2],
  ],
  'meta.v1.PartialObjectMetadataList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'meta.v1.PartialObjectMetadata', 16],
  ],
  'meta.v1.Patch': [
  ],
  'meta.v1.PatchOptions': [
    [1, 'dryRun', 'string', 18], [2, 'force', 'bool', 3], [3, 'fieldManager', 'string', 2],
    [4, 'fieldValidation', 'string', 2],
  ],
  'meta.v1.Preconditions': [
    [1, 'uid', 'string', 3], [2, 'resourceVersion', 'string', 3],
  ],
  'meta.v1.RootPaths': [
    [1, 'paths', 'string', 16],
  ],
  'meta.v1.ServerAddressByClientCIDR': [
    [1, 'clientCIDR', 'string', 0], [2, 'serverAddress', 'string', 0],
  ],
  'meta.v1.ShardInfo': [
    [1, 'selector', 'string', 0],
  ],
  'meta.v1.Status': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'status', 'string', 2], [3, 'message', 'string', 2],
    [4, 'reason', 'string', 2], [5, 'details', 'meta.v1.StatusDetails', 3], [6, 'code', 'int32', 2],
  ],
  'meta.v1.StatusCause': [
    [1, 'reason', 'string', 2], [2, 'message', 'string', 2], [3, 'field', 'string', 2],
  ],
  'meta.v1.StatusDetails': [
    [1, 'name', 'string', 2], [2, 'group', 'string', 2], [3, 'kind', 'string', 2], [6, 'uid', 'string', 2],
    [4, 'causes', 'meta.v1.StatusCause', 18], [5, 'retryAfterSeconds', 'int32', 2],
  ],
  'meta.v1.TableOptions': [
    [1, 'includeObject', 'string', 2],
  ],
  'meta.v1.TypeMeta': [
    [1, 'kind', 'string', 2], [2, 'apiVersion', 'string', 2],
  ],
  'meta.v1.UpdateOptions': [
    [1, 'dryRun', 'string', 18], [2, 'fieldManager', 'string', 2], [3, 'fieldValidation', 'string', 2],
  ],
  'meta.v1.Verbs': [
    [1, 'items', 'string', 16],
  ],
  'meta.v1.WatchEvent': [
    [1, 'type', 'string', 0], [2, 'object', 'runtime.RawExtension', 0],
  ],
};
