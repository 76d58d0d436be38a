// ClusterIP and NodePort allocation for Services, done in the strategy as upstream's service
// REST storage does (pkg/registry/core/service/storage/alloc.go), against the services the
// apiserver currently holds.

import { field, invalid, type FieldError } from '../../errors.ts';
import type { StrategyContext } from '../../registry.ts';
import type { KubeObject } from '../../types.ts';
import { isObj, num, objs, str, strs, type Obj } from '../access.ts';

export function parseIPv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255 || (p.length > 1 && p.startsWith('0'))) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export interface IPRange { network: number; size: number; cidr: string }

export function parseCIDR(cidr: string): IPRange {
  const [ip = '', bitsText = ''] = cidr.split('/');
  const base = parseIPv4(ip);
  const bits = Number(bitsText);
  if (base === undefined || !/^\d+$/.test(bitsText) || bits < 0 || bits > 32) {
    throw new Error(`service CIDR ${cidr} is not a valid IPv4 CIDR`);
  }
  const size = 2 ** (32 - bits);
  return { network: Math.floor(base / size) * size, size, cidr };
}

export function needsClusterIP(spec: Obj): boolean {
  return spec.type !== 'ExternalName';
}

export function needsNodePorts(spec: Obj): boolean {
  return spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
}

export function needsHealthCheckNodePort(spec: Obj): boolean {
  return spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
}

function isSelf(o: KubeObject, svc: KubeObject): boolean {
  return o.metadata.namespace === svc.metadata.namespace && o.metadata.name === svc.metadata.name;
}

function specOf(o: KubeObject): Obj {
  if (!isObj(o.spec)) o.spec = {};
  return o.spec as Obj;
}

/** What other services hold: cluster IPs and node ports. */
function inUse(svc: KubeObject, ctx: StrategyContext): { ips: Set<string>; ports: Set<number> } {
  const ips = new Set<string>();
  const ports = new Set<number>();
  for (const o of ctx.list('', 'services')) {
    if (isSelf(o, svc)) continue;
    const s = isObj(o.spec) ? o.spec : {};
    for (const ip of [str(s.clusterIP), ...strs(s.clusterIPs)]) if (ip && ip !== 'None') ips.add(ip);
    for (const p of objs(s.ports)) { const n = num(p.nodePort); if (n) ports.add(n); }
    const hc = num(s.healthCheckNodePort);
    if (hc) ports.add(hc);
  }
  return { ips, ports };
}

function fail(svc: KubeObject, errs: FieldError[]): never {
  throw invalid({ group: '', kind: 'Service' }, svc.metadata.name ?? '', errs);
}

/** Gives the service its cluster IP (requested, 'None', or the lowest free one). */
export function allocateClusterIP(svc: KubeObject, ctx: StrategyContext, used: Set<string>): void {
  const spec = specOf(svc);
  const range = parseCIDR(ctx.serviceCIDR);
  const first = range.network + 1;
  const last = range.network + range.size - 2; // the broadcast address is never handed out
  const isKubernetes = svc.metadata.namespace === 'default' && svc.metadata.name === 'kubernetes';
  const requested = strs(spec.clusterIPs)[0] || str(spec.clusterIP);
  let ip: string;
  if (requested === 'None') {
    ip = 'None';
  } else if (requested) {
    const n = parseIPv4(requested);
    if (n === undefined) fail(svc, [field.invalid('spec.clusterIPs[0]', requested, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')]);
    if (n < first || n > last) {
      fail(svc, [field.invalid('spec.clusterIPs', [requested], `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${range.cidr}`)]);
    }
    // The first address belongs to the kubernetes service.
    if (used.has(requested) || (n === first && !isKubernetes)) {
      fail(svc, [field.invalid('spec.clusterIPs', [requested], `failed to allocate IP ${requested}: provided IP is already allocated`)]);
    }
    ip = requested;
  } else if (isKubernetes && !used.has(formatIPv4(first))) {
    ip = formatIPv4(first);
  } else {
    let found: string | undefined;
    for (let n = first + 1; n <= last; n++) {
      const cand = formatIPv4(n);
      if (!used.has(cand)) { found = cand; break; }
    }
    if (!found) fail(svc, [field.invalid('spec.clusterIPs', [], `failed to allocate a serviceIP: range is full`)]);
    ip = found;
  }
  spec.clusterIP = ip;
  spec.clusterIPs = [ip];
  if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
  if (!spec.ipFamilyPolicy) {
    // Headless services without a selector may span families (upstream's default).
    const selectorless = !isObj(spec.selector) || Object.keys(spec.selector).length === 0;
    spec.ipFamilyPolicy = ip === 'None' && selectorless ? 'RequireDualStack' : 'SingleStack';
  }
}

function takePort(svc: KubeObject, ctx: StrategyContext, used: Set<number>, path: string, requested: number | undefined): number {
  const [lo, hi] = ctx.nodePortRange;
  if (requested) {
    if (requested < lo || requested > hi) {
      fail(svc, [field.invalid(path, requested, `provided port is not in the valid range. The range of valid ports is ${lo}-${hi}`)]);
    }
    if (used.has(requested)) fail(svc, [field.invalid(path, requested, 'provided port is already allocated')]);
    used.add(requested);
    return requested;
  }
  for (let p = lo; p <= hi; p++) {
    if (!used.has(p)) { used.add(p); return p; }
  }
  return fail(svc, [field.invalid(path, 0, 'range is full')]);
}

/**
 * Node ports for every port lacking one; `keep` are ports this service already holds (on
 * update), which are not re-checked. Ports sharing a port number (TCP and UDP) share a node port.
 */
export function allocateNodePorts(svc: KubeObject, ctx: StrategyContext, used: Set<number>, keep: Set<number>): void {
  const spec = specOf(svc);
  const byPort = new Map<number, number>();
  const ports = objs(spec.ports);
  // Requested ones first, so a dynamic pick never takes a port asked for later in the list.
  ports.forEach((p, i) => {
    const n = num(p.nodePort);
    if (!n) return;
    if (!keep.has(n) && !byPort.has(num(p.port) ?? -1)) takePort(svc, ctx, used, `spec.ports[${i}].nodePort`, n);
    used.add(n);
    byPort.set(num(p.port) ?? -1, n);
  });
  ports.forEach((p, i) => {
    if (num(p.nodePort)) return;
    const shared = byPort.get(num(p.port) ?? -1);
    p.nodePort = shared ?? takePort(svc, ctx, used, `spec.ports[${i}].nodePort`, undefined);
    byPort.set(num(p.port) ?? -1, p.nodePort as number);
  });
  if (needsHealthCheckNodePort(spec)) {
    const hc = num(spec.healthCheckNodePort);
    if (!hc || !keep.has(hc)) spec.healthCheckNodePort = takePort(svc, ctx, used, 'spec.healthCheckNodePort', hc);
  }
}

export function allocateOnCreate(svc: KubeObject, ctx: StrategyContext): void {
  const spec = specOf(svc);
  const used = inUse(svc, ctx);
  if (needsClusterIP(spec)) allocateClusterIP(svc, ctx, used.ips);
  if (needsNodePorts(spec) || needsHealthCheckNodePort(spec)) {
    if (!needsNodePorts(spec)) {
      const hc = num(spec.healthCheckNodePort);
      spec.healthCheckNodePort = takePort(svc, ctx, used.ports, 'spec.healthCheckNodePort', hc);
    } else {
      allocateNodePorts(svc, ctx, used.ports, new Set());
    }
  }
}

/**
 * On update: keep the allocated values the request omits, drop those the new type no longer
 * uses, and allocate what the new type needs (upstream's patchAllocatedValues,
 * dropTypeDependentFields and allocation on update).
 */
export function allocateOnUpdate(svc: KubeObject, old: KubeObject, ctx: StrategyContext): void {
  const spec = specOf(svc);
  const oldSpec = isObj(old.spec) ? old.spec : {};
  const oldPortsByName = new Map<string, number>();
  for (const p of objs(oldSpec.ports)) { const n = num(p.nodePort); if (n) oldPortsByName.set(str(p.name), n); }
  const oldNodePorts = new Set(oldPortsByName.values());

  if (needsClusterIP(oldSpec) && needsClusterIP(spec)) {
    if (!str(spec.clusterIP) && strs(spec.clusterIPs).length === 0) {
      if (oldSpec.clusterIP !== undefined) spec.clusterIP = oldSpec.clusterIP;
      if (oldSpec.clusterIPs !== undefined) spec.clusterIPs = structuredClone(oldSpec.clusterIPs);
    }
    if (spec.ipFamilies === undefined && oldSpec.ipFamilies !== undefined) spec.ipFamilies = structuredClone(oldSpec.ipFamilies);
    if (spec.ipFamilyPolicy === undefined && oldSpec.ipFamilyPolicy !== undefined) spec.ipFamilyPolicy = oldSpec.ipFamilyPolicy;
  }
  if (needsNodePorts(oldSpec) && needsNodePorts(spec)) {
    const stated = new Set(objs(spec.ports).map((p) => num(p.nodePort)).filter((n): n is number => !!n));
    for (const p of objs(spec.ports)) {
      if (num(p.nodePort)) continue;
      const prev = oldPortsByName.get(str(p.name));
      if (prev && !stated.has(prev)) p.nodePort = prev;
    }
  }
  if (needsHealthCheckNodePort(oldSpec) && needsHealthCheckNodePort(spec) && !num(spec.healthCheckNodePort)) {
    if (oldSpec.healthCheckNodePort !== undefined) spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
  }

  // Fields the new type does not use are dropped when they are just the old allocation.
  if (!needsClusterIP(spec) && needsClusterIP(oldSpec)) {
    if (str(spec.clusterIP) === str(oldSpec.clusterIP)) delete spec.clusterIP;
    if (JSON.stringify(spec.clusterIPs) === JSON.stringify(oldSpec.clusterIPs)) delete spec.clusterIPs;
    delete spec.ipFamilies;
    delete spec.ipFamilyPolicy;
  }
  if (!needsNodePorts(spec)) {
    for (const p of objs(spec.ports)) if (num(p.nodePort) && oldNodePorts.has(num(p.nodePort) as number)) delete p.nodePort;
  }
  if (!needsHealthCheckNodePort(spec) && num(spec.healthCheckNodePort) === num(oldSpec.healthCheckNodePort)) delete spec.healthCheckNodePort;

  const used = inUse(svc, ctx);
  if (needsClusterIP(spec) && !str(spec.clusterIP) && strs(spec.clusterIPs).length === 0) allocateClusterIP(svc, ctx, used.ips);
  if (needsNodePorts(spec)) {
    const keep = new Set(oldNodePorts);
    const hc = num(oldSpec.healthCheckNodePort);
    if (hc) keep.add(hc);
    allocateNodePorts(svc, ctx, used.ports, keep);
  } else if (needsHealthCheckNodePort(spec)) {
    const hc = num(spec.healthCheckNodePort);
    if (!hc || hc !== num(oldSpec.healthCheckNodePort)) spec.healthCheckNodePort = takePort(svc, ctx, used.ports, 'spec.healthCheckNodePort', hc);
  }
}
