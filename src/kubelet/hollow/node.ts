// What a hollow node registers: its Node object (capacity, labels, taints, nodeInfo, addresses,
// conditions) and its fake address ranges. Nothing at these addresses is ever contacted.

import { createHash } from 'node:crypto';
import type { Node, NodeCondition, Taint } from 'kubernetes-types/core/v1.js';
import { metaTime } from './simulate.ts';

export interface NodeTemplate {
  capacity: Record<string, string>;
  labels: Record<string, string>;
  taints: Taint[];
  zones: string[];
  architecture: string;
}

export const defaultCapacity: Record<string, string> = {
  cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi',
};

export const defaultZones = ['zone-a', 'zone-b', 'zone-c'];

export const KubeletVersion = 'v1.33.0-hollow';
export const ContainerRuntimeVersion = 'hollow://1.0';

/** The node's InternalIP, in 10.200.0.0/16 (index 0 → 10.200.0.1). */
export function nodeInternalIP(index: number): string {
  const n = index + 1;
  if (n > 65_534) throw new Error(`hollow node index ${index} is out of the 10.200.0.0/16 address range`);
  return `10.200.${n >> 8}.${n & 255}`;
}

/** The node's pod CIDR: a /24 in 10.128.0.0/9 (index 0 → 10.128.0.0/24). */
export function nodePodCIDR(index: number): string {
  if (index >= 32_768) throw new Error(`hollow node index ${index} is out of the 10.128.0.0/9 pod range`);
  return `10.${128 + (index >> 8)}.${index & 255}.0/24`;
}

/** Host number h (1..254) in a node's pod CIDR. */
export function podIPInCIDR(cidr: string, host: number): string {
  return cidr.replace(/\.0\/24$/, `.${host}`);
}

function nodeConditionsAt(nowMs: number, ready: boolean, prev: NodeCondition[] = []): NodeCondition[] {
  const t = metaTime(nowMs);
  const mk = (type: string, status: string, reason: string, message: string): NodeCondition => {
    const old = prev.find((c) => c.type === type);
    return {
      type, status, reason, message, lastHeartbeatTime: t,
      lastTransitionTime: old && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : t,
    };
  };
  return [
    mk('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    mk('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    mk('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    ready
      ? mk('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status')
      : mk('Ready', 'False', 'KubeletNotReady', 'container runtime status check may not have completed yet'),
  ];
}

/** The conditions part of a node status report; transition times carry over from `prev`. */
export function nodeConditions(nowMs: number, prev?: NodeCondition[]): NodeCondition[] {
  return nodeConditionsAt(nowMs, true, prev);
}

function uuidOf(s: string): string {
  const h = createHash('sha256').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The Node a hollow kubelet registers, status included (as the kubelet does). */
export function buildNode(name: string, index: number, tpl: NodeTemplate, nowMs: number): Node {
  const zone = tpl.zones.length ? tpl.zones[index % tpl.zones.length] : undefined;
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': tpl.architecture,
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': tpl.architecture,
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'node.coxswain.io/hollow': 'true',
  };
  if (zone) {
    labels['topology.kubernetes.io/zone'] = zone;
    labels['topology.kubernetes.io/region'] = 'hollow';
  }
  Object.assign(labels, tpl.labels);
  const cidr = nodePodCIDR(index);
  const node: Node = {
    apiVersion: 'v1', kind: 'Node',
    metadata: {
      name, labels,
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { podCIDR: cidr, podCIDRs: [cidr], providerID: `hollow://${name}` },
    status: {
      capacity: { ...tpl.capacity },
      allocatable: { ...tpl.capacity },
      conditions: nodeConditionsAt(nowMs, true),
      addresses: [{ type: 'InternalIP', address: nodeInternalIP(index) }, { type: 'Hostname', address: name }],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: uuidOf(`machine/${name}`).replace(/-/g, ''),
        systemUUID: uuidOf(`system/${name}`),
        bootID: uuidOf(`boot/${name}/${nowMs}`),
        kernelVersion: '6.1.0-hollow',
        osImage: 'Hollow Linux',
        containerRuntimeVersion: ContainerRuntimeVersion,
        kubeletVersion: KubeletVersion,
        kubeProxyVersion: KubeletVersion,
        operatingSystem: 'linux',
        architecture: tpl.architecture,
      },
    },
  };
  if (tpl.taints.length) (node.spec ??= {}).taints = tpl.taints.map((t) => ({ ...t }));
  return node;
}
