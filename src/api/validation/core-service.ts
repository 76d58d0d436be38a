// core/v1 Service and Endpoints.

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { arr, enumField, nameErrors, num, obj, str, strMap } from './common.ts';
import { validateLabels } from './meta.ts';
import { isDNS1123Label, isDNS1123Subdomain, isValidIP, isValidPortName, isValidPortNum } from './names.ts';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validatePortNumOrName(v: unknown, path: string): FieldError[] {
  if (typeof v === 'number') return isValidPortNum(v).map((m) => field.invalid(path, v, m));
  if (typeof v === 'string') {
    if (v === '') return [field.required(path, '')];
    return isValidPortName(v).map((m) => field.invalid(path, v, m));
  }
  return [];
}

export function validateService(svc: KubeObject): FieldError[] {
  const spec = obj(svc, 'spec');
  const errs: FieldError[] = [];
  const type = str(spec, 'type') ?? 'ClusterIP';
  const clusterIP = str(spec, 'clusterIP') ?? '';
  const headless = clusterIP === 'None';
  const ports = arr(spec, 'ports');
  errs.push(...enumField(type, SERVICE_TYPES, 'spec.type'));
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(field.required('spec.ports', ''));
  if (type === 'ExternalName') {
    const ext = str(spec, 'externalName') ?? '';
    if (clusterIP && !headless) errs.push(field.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (!ext) errs.push(field.required('spec.externalName', ''));
    else errs.push(...nameErrors((v) => isDNS1123Subdomain(v.endsWith('.') ? v.slice(0, -1) : v), ext, 'spec.externalName'));
  }
  if (clusterIP && !headless) errs.push(...isValidIP(clusterIP).map((m) => field.invalid('spec.clusterIPs[0]', clusterIP, m)));
  const names = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const ip = `spec.ports[${i}]`;
    const name = str(p, 'name') ?? '';
    if (ports.length > 1 && !name) errs.push(field.required(`${ip}.name`, ''));
    else if (name) {
      errs.push(...nameErrors(isDNS1123Label, name, `${ip}.name`));
      if (names.has(name)) errs.push(field.duplicate(`${ip}.name`, name));
      names.add(name);
    }
    const port = num(p, 'port') ?? 0;
    errs.push(...isValidPortNum(port).map((m) => field.invalid(`${ip}.port`, port, m)));
    const proto = str(p, 'protocol');
    errs.push(...enumField(proto, PROTOCOLS, `${ip}.protocol`));
    errs.push(...validatePortNumOrName((p as Record<string, unknown>)['targetPort'], `${ip}.targetPort`));
    const np = num(p, 'nodePort');
    if (np) {
      if (type === 'ClusterIP') errs.push(field.forbidden(`${ip}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
      else if (type === 'ExternalName') errs.push(field.forbidden(`${ip}.nodePort`, "may not be used when `type` is 'ExternalName'"));
      errs.push(...isValidPortNum(np).map((m) => field.invalid(`${ip}.nodePort`, np, m)));
      const key = `${np}/${proto ?? 'TCP'}`;
      if (nodePorts.has(key)) errs.push(field.duplicate(`${ip}.nodePort`, np));
      nodePorts.add(key);
    }
  });
  errs.push(...validateLabels(strMap(spec, 'selector'), 'spec.selector'));
  errs.push(...enumField(str(spec, 'sessionAffinity'), ['ClientIP', 'None'], 'spec.sessionAffinity'));
  const etp = str(spec, 'externalTrafficPolicy');
  if (etp) {
    if (type !== 'NodePort' && type !== 'LoadBalancer') errs.push(field.forbidden('spec.externalTrafficPolicy', "may only be set when `type` is 'NodePort' or 'LoadBalancer'"));
    else errs.push(...enumField(etp, ['Cluster', 'Local'], 'spec.externalTrafficPolicy'));
  }
  errs.push(...enumField(str(spec, 'internalTrafficPolicy'), ['Cluster', 'Local'], 'spec.internalTrafficPolicy'));
  errs.push(...enumField(str(spec, 'ipFamilyPolicy'), ['SingleStack', 'PreferDualStack', 'RequireDualStack'], 'spec.ipFamilyPolicy'));
  arr(spec, 'ipFamilies').forEach((f, i) => errs.push(...enumField(String(f), ['IPv4', 'IPv6'], `spec.ipFamilies[${i}]`)));
  arr(spec, 'externalIPs').forEach((x, i) => errs.push(...isValidIP(String(x)).map((m) => field.invalid(`spec.externalIPs[${i}]`, x, m))));
  return errs;
}

export function validateServiceUpdate(svc: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateService(svc);
  const spec = obj(svc, 'spec');
  const oldSpec = obj(old, 'spec');
  const now = str(spec, 'clusterIP') ?? '';
  const was = str(oldSpec, 'clusterIP') ?? '';
  const bothUseIP = str(spec, 'type') !== 'ExternalName' && str(oldSpec, 'type') !== 'ExternalName';
  // An empty clusterIP on update is filled from the old object by the strategy before this runs.
  if (bothUseIP && was && now && now !== was) errs.push(field.invalid('spec.clusterIP', now, 'field is immutable'));
  return errs;
}

export function validateEndpoints(ep: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  arr(ep, 'subsets').forEach((ss, i) => {
    const sp = `subsets[${i}]`;
    const addrs = arr(ss, 'addresses');
    const notReady = arr(ss, 'notReadyAddresses');
    if (addrs.length === 0 && notReady.length === 0) errs.push(field.required(sp, 'must specify `addresses` or `notReadyAddresses`'));
    for (const [k, list] of [['addresses', addrs], ['notReadyAddresses', notReady]] as const) {
      list.forEach((a, j) => {
        const ap = `${sp}.${k}[${j}]`;
        const ip = str(a, 'ip') ?? '';
        errs.push(...isValidIP(ip).map((m) => field.invalid(`${ap}.ip`, ip, m)));
        const host = str(a, 'hostname');
        if (host) errs.push(...nameErrors(isDNS1123Label, host, `${ap}.hostname`));
        const node = str(a, 'nodeName');
        if (node) errs.push(...nameErrors(isDNS1123Subdomain, node, `${ap}.nodeName`));
      });
    }
    const ports = arr(ss, 'ports');
    const names = new Set<string>();
    ports.forEach((p, j) => {
      const pp = `${sp}.ports[${j}]`;
      const name = str(p, 'name') ?? '';
      if (ports.length > 1 && !name) errs.push(field.required(`${pp}.name`, ''));
      else if (name) {
        errs.push(...nameErrors(isDNS1123Label, name, `${pp}.name`));
        if (names.has(name)) errs.push(field.duplicate(`${pp}.name`, name));
        names.add(name);
      }
      const port = num(p, 'port') ?? 0;
      errs.push(...isValidPortNum(port).map((m) => field.invalid(`${pp}.port`, port, m)));
      errs.push(...enumField(str(p, 'protocol'), PROTOCOLS, `${pp}.protocol`));
    });
  });
  return errs;
}
