// core/v1 Service (pkg/registry/core/service/strategy.go, printService, SetDefaults_Service).

import type { ResourceType } from '../../registry.ts';
import type { KubeObject } from '../../types.ts';
import { child, get, isObj, num, obj, objs, setDefault, setDefaultString, str, strs, type Obj } from '../access.ts';
import { age, ageColumn, col, formatLabels, nameColumn, specOf, statusOf } from '../printers.ts';
import { keepStatus } from '../strategy.ts';
import { validation } from '../wiring.ts';
import { allocateOnCreate, allocateOnUpdate } from './service-alloc.ts';

const LOAD_BALANCER_WIDTH = 16;

/** Load balancer ingress IPs or hostnames, sorted and de-duplicated, clipped unless wide. */
export function loadBalancerStatusString(lb: unknown, wide: boolean): string {
  const set = new Set<string>();
  for (const i of objs(obj(lb).ingress)) {
    if (str(i.ip)) set.add(str(i.ip));
    else if (str(i.hostname)) set.add(str(i.hostname));
  }
  let r = [...set].sort().join(',');
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = `${r.slice(0, LOAD_BALANCER_WIDTH - 3)}...`;
  return r;
}

function externalIP(spec: Obj, status: Obj): string {
  const externalIPs = strs(spec.externalIPs);
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      // The server always renders the wide form (kubectl picks columns, not cell widths).
      const lb = loadBalancerStatusString(status.loadBalancer, true);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
    default:
      return '<unknown>';
  }
}

/** "80/TCP", "80:30080/TCP", joined by commas. */
export function portString(ports: unknown): string {
  return objs(ports).map((p) => {
    const nodePort = num(p.nodePort);
    return nodePort ? `${num(p.port) ?? 0}:${nodePort}/${str(p.protocol)}` : `${num(p.port) ?? 0}/${str(p.protocol)}`;
  }).join(',');
}

function serviceRow(o: KubeObject, now: number): unknown[] {
  const spec = specOf(o);
  return [
    o.metadata.name ?? '',
    str(spec.type),
    strs(spec.clusterIPs)[0] ?? (str(spec.clusterIP) || '<none>'),
    externalIP(spec, statusOf(o)),
    portString(spec.ports) || '<none>',
    age(o, now),
    formatLabels(spec.selector),
  ];
}

export function defaultService(o: KubeObject): void {
  const spec = child(o, 'spec');
  setDefaultString(spec, 'type', 'ClusterIP');
  setDefaultString(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = child(child(spec, 'sessionAffinityConfig'), 'clientIP');
    setDefault(cfg, 'timeoutSeconds', 10800);
  }
  for (const p of objs(spec.ports)) {
    setDefaultString(p, 'protocol', 'TCP');
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (spec.type === 'ClusterIP' || spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    setDefaultString(spec, 'internalTrafficPolicy', 'Cluster');
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') setDefaultString(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
}

export const services: ResourceType = {
  group: '', version: 'v1', kind: 'Service', resource: 'services', singular: 'service', namespaced: true,
  shortNames: ['svc'], categories: ['all'],
  subresources: { status: true, other: ['proxy'] },
  columns: [
    nameColumn(),
    col('Type', 'string', 'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.'),
    col('Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    col('External-IP', 'string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    col('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
    ageColumn(),
    col('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.', 1),
  ],
  row: serviceRow,
  fieldSelectors: {
    'spec.clusterIP': (o) => str(get(o, 'spec.clusterIP')),
    'spec.type': (o) => str(get(o, 'spec.type')),
  },
  defaults: defaultService,
  prepareForCreate(o, ctx) {
    o.status = { loadBalancer: {} };
    allocateOnCreate(o, ctx);
  },
  prepareForUpdate(o, old, ctx) {
    keepStatus(o, old);
    if (!isObj(o.status)) o.status = { loadBalancer: {} };
    allocateOnUpdate(o, old, ctx);
  },
  ...validation('/Service'),
  tracksGeneration: false,
  nameRule: 'dns1035',
  allowCreateOnUpdate: true,
};
