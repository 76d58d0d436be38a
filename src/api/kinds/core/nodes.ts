// core/v1 Node and Namespace (pkg/registry/core/node, namespace strategies and printers).

import type { ResourceType } from '../../registry.ts';
import type { KubeObject } from '../../types.ts';
import { child, get, isObj, obj, objs, str, strs } from '../access.ts';
import { age, ageColumn, col, nameColumn, specOf, statusOf } from '../printers.ts';
import { keepStatus } from '../strategy.ts';
import { validation } from '../wiring.ts';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** Roles from node-role.kubernetes.io/<role> labels and the kubernetes.io/role label, sorted. */
export function nodeRoles(o: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

/** "Ready", "NotReady", "Unknown", with ",SchedulingDisabled" when cordoned. */
export function nodeStatus(o: KubeObject): string {
  const ready = objs(statusOf(o).conditions).find((c) => c.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (specOf(o).unschedulable === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function address(o: KubeObject, type: string): string {
  return str(objs(statusOf(o).addresses).find((a) => a.type === type)?.address) || '<none>';
}

function nodeRow(o: KubeObject, now: number): unknown[] {
  const info = obj(statusOf(o).nodeInfo);
  return [
    o.metadata.name ?? '',
    nodeStatus(o),
    nodeRoles(o).join(',') || '<none>',
    age(o, now),
    str(info.kubeletVersion),
    address(o, 'InternalIP'),
    address(o, 'ExternalIP'),
    str(info.osImage) || '<unknown>',
    str(info.kernelVersion) || '<unknown>',
    str(info.containerRuntimeVersion) || '<unknown>',
  ];
}

export const nodes: ResourceType = {
  group: '', version: 'v1', kind: 'Node', resource: 'nodes', singular: 'node', namespaced: false,
  shortNames: ['no'],
  subresources: { status: true, other: ['proxy'] },
  columns: [
    nameColumn(),
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    ageColumn(),
    col('Version', 'string', 'Kubelet Version reported by the node.'),
    col('Internal-IP', 'string', 'List of addresses reachable to the node. Queried from cloud provider, if available.', 1),
    col('External-IP', 'string', 'List of addresses reachable to the node. Queried from cloud provider, if available.', 1),
    col('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
    col('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
    col('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1),
  ],
  row: nodeRow,
  fieldSelectors: { 'spec.unschedulable': (o) => String(get(o, 'spec.unschedulable') === true) },
  defaults(o) {
    // Allocatable defaults to capacity (SetDefaults_NodeStatus).
    if (isObj(o.status) && isObj(o.status.capacity) && !isObj(o.status.allocatable)) {
      o.status.allocatable = structuredClone(o.status.capacity);
    }
  },
  // Nodes may be created with their status (the kubelet registers that way).
  prepareForUpdate: (o, old) => keepStatus(o, old),
  ...validation('/Node'),
  tracksGeneration: false,
};

export const namespaces: ResourceType = {
  group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', singular: 'namespace', namespaced: false,
  shortNames: ['ns'],
  nameRule: 'label',
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: { status: true, other: ['finalize'] },
  columns: [nameColumn(), col('Status', 'string', 'The status of the namespace'), ageColumn()],
  row: (o, now) => [o.metadata.name ?? '', str(statusOf(o).phase), age(o, now)],
  fieldSelectors: { 'status.phase': (o) => str(get(o, 'status.phase')) },
  defaults(o) {
    // Every namespace carries its name as a label (SetDefaults_Namespace).
    if (o.metadata.name) o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name };
  },
  prepareForCreate(o) {
    o.status = { phase: 'Active' };
    const spec = child(o, 'spec');
    const finalizers = strs(spec.finalizers);
    if (!finalizers.includes('kubernetes')) finalizers.push('kubernetes');
    spec.finalizers = finalizers;
  },
  prepareForUpdate(o, old) {
    keepStatus(o, old);
    // spec.finalizers change only through the finalize subresource.
    const oldFinalizers = get(old, 'spec.finalizers');
    const spec = child(o, 'spec');
    if (oldFinalizers === undefined) delete spec.finalizers;
    else spec.finalizers = structuredClone(oldFinalizers);
  },
  ...validation('/Namespace'),
  tracksGeneration: false,
};
