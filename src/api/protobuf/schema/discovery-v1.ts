// Wire-format table (field numbers, wire types, JSON names) of k8s.io discovery.v1 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const discoveryV1: MessageTable = {
  'discovery.v1.Endpoint': [
    [1, 'addresses', 'string', 16], [2, 'conditions', 'discovery.v1.EndpointConditions', 2],
    [3, 'hostname', 'string', 3], [4, 'targetRef', 'core.v1.ObjectReference', 3],
    [5, 'deprecatedTopology', 'map', 2, 'string', 'string'], [6, 'nodeName', 'string', 3],
    [7, 'zone', 'string', 3], [8, 'hints', 'discovery.v1.EndpointHints', 3],
  ],
  'discovery.v1.EndpointConditions': [
    [1, 'ready', 'bool', 3], [2, 'serving', 'bool', 3], [3, 'terminating', 'bool', 3],
  ],
  'discovery.v1.EndpointHints': [
    [1, 'forZones', 'discovery.v1.ForZone', 18], [2, 'forNodes', 'discovery.v1.ForNode', 18],
  ],
  'discovery.v1.EndpointPort': [
    [1, 'name', 'string', 3], [2, 'protocol', 'string', 3], [3, 'port', 'int32', 3],
    [4, 'appProtocol', 'string', 3],
  ],
  'discovery.v1.EndpointSlice': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [4, 'addressType', 'string', 0],
    [2, 'endpoints', 'discovery.v1.Endpoint', 16], [3, 'ports', 'discovery.v1.EndpointPort', 16],
  ],
  'discovery.v1.EndpointSliceList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'discovery.v1.EndpointSlice', 16],
  ],
  'discovery.v1.ForNode': [
    [1, 'name', 'string', 0],
  ],
  'discovery.v1.ForZone': [
    [1, 'name', 'string', 0],
  ],
};
