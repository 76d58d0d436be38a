// core/v1 Pod (pkg/registry/core/pod/strategy.go).

import type { ResourceType } from '../../registry.ts';
import type { KubeObject } from '../../types.ts';
import { child, clone, get, isObj, objs, str } from '../access.ts';
import { specOf, statusOf } from '../printers.ts';
import { validation } from '../wiring.ts';
import { defaultPod } from './pod-defaults.ts';
import { podColumns, podRow } from './pod-printer.ts';
import { podQOSClass } from './qos.ts';

function podIP(o: KubeObject): string {
  const ips = objs(statusOf(o).podIPs);
  return ips.length > 0 ? str(ips[0]?.ip) : '';
}

export const pods: ResourceType = {
  group: '', version: 'v1', kind: 'Pod', resource: 'pods', singular: 'pod', namespaced: true,
  shortNames: ['po'], categories: ['all'],
  subresources: {
    status: true,
    other: ['binding', 'eviction', 'log', 'exec', 'attach', 'portforward', 'proxy', 'ephemeralcontainers'],
  },
  columns: podColumns,
  row: podRow,
  fieldSelectors: {
    'spec.nodeName': (o) => str(get(o, 'spec.nodeName')),
    'spec.restartPolicy': (o) => str(get(o, 'spec.restartPolicy')),
    'spec.schedulerName': (o) => str(get(o, 'spec.schedulerName')),
    'spec.serviceAccountName': (o) => str(get(o, 'spec.serviceAccountName')),
    'spec.hostNetwork': (o) => String(get(o, 'spec.hostNetwork') === true),
    'status.phase': (o) => str(get(o, 'status.phase')),
    'status.podIP': podIP,
    'status.nominatedNodeName': (o) => str(get(o, 'status.nominatedNodeName')),
  },
  defaults: (o) => defaultPod(o),
  prepareForCreate(o) {
    const spec = specOf(o);
    const status: Record<string, unknown> = { phase: 'Pending', qosClass: podQOSClass(spec) };
    // A pod with scheduling gates starts with PodScheduled=False/SchedulingGated.
    if (objs(spec.schedulingGates).length > 0) {
      status.conditions = [{
        type: 'PodScheduled', status: 'False', reason: 'SchedulingGated',
        message: 'Scheduling is blocked due to non-empty scheduling gates', lastProbeTime: null, lastTransitionTime: null,
      }];
    }
    o.status = status;
  },
  prepareForUpdate(o, old) {
    o.status = isObj(old.status) ? clone(old.status) : {};
    // qosClass is fixed at creation.
    const oldQos = get(old, 'status.qosClass');
    if (typeof oldQos === 'string') child(o, 'status').qosClass = oldQos;
  },
  ...validation('/Pod'),
  tracksGeneration: false,
  gracefulDeletion(o) {
    const spec = specOf(o);
    const phase = str(statusOf(o).phase);
    // Pods never scheduled or already terminal go away at once (upstream CheckGracefulDelete).
    if (!str(spec.nodeName) || phase === 'Failed' || phase === 'Succeeded') return 0;
    const g = spec.terminationGracePeriodSeconds;
    return typeof g === 'number' ? g : 30;
  },
};
