// What each subresource looks like in discovery: its response kind and verbs, as upstream serves
// them (pods/log is a Pod 'get', deployments/scale an autoscaling/v1 Scale, …).

import type { ResourceType } from '../../api/registry.ts';

export interface SubresourceInfo {
  name: string;
  group: string;
  version: string;
  kind: string;
  verbs: string[];
}

const GET_UPDATE = ['get', 'patch', 'update'];
const CONNECT = ['create', 'get'];

/** Known subresources by name; resource-specific kinds are resolved in subresourcesOf. */
const KNOWN: Record<string, { gvk?: [string, string, string]; kind?: (t: ResourceType) => string; verbs: string[] }> = {
  status: { verbs: GET_UPDATE },
  scale: { gvk: ['autoscaling', 'v1', 'Scale'], verbs: GET_UPDATE },
  log: { verbs: ['get'] },
  exec: { kind: () => 'PodExecOptions', verbs: CONNECT },
  attach: { kind: () => 'PodAttachOptions', verbs: CONNECT },
  portforward: { kind: () => 'PodPortForwardOptions', verbs: CONNECT },
  proxy: { kind: (t) => `${t.kind}ProxyOptions`, verbs: ['create', 'delete', 'get', 'patch', 'update'] },
  binding: { kind: () => 'Binding', verbs: ['create'] },
  eviction: { gvk: ['policy', 'v1', 'Eviction'], verbs: ['create'] },
  token: { gvk: ['authentication.k8s.io', 'v1', 'TokenRequest'], verbs: ['create'] },
  ephemeralcontainers: { verbs: GET_UPDATE },
  resize: { verbs: GET_UPDATE },
  approval: { verbs: GET_UPDATE },
  finalize: { verbs: ['update'] },
};

/** The subresources of a type in upstream's order (alphabetical by full name). */
export function subresourcesOf(t: ResourceType): SubresourceInfo[] {
  const names = new Set<string>();
  if (t.subresources?.status) names.add('status');
  if (t.subresources?.scale) names.add('scale');
  for (const o of t.subresources?.other ?? []) names.add(o);
  return [...names].sort().map((name) => {
    const k = KNOWN[name];
    const [group, version, kind] = k?.gvk ?? [t.group, t.version, k?.kind ? k.kind(t) : t.kind];
    return { name, group, version, kind, verbs: k?.verbs ?? ['get'] };
  });
}
