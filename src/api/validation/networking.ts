// networking.k8s.io Ingress, IngressClass, NetworkPolicy; discovery.k8s.io EndpointSlice.

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { isPlainObject } from '../types.ts';
import { arr, enumField, has, nameErrors, num, obj, str, validateLabelSelector } from './common.ts';
import type { Obj } from './common.ts';
import { validateImmutableField } from './meta.ts';
import {
  isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isIPv4, isIPv6, isValidCIDR, isValidPortName, isValidPortNum,
} from './names.ts';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** A host that may start with '*.' (wildcard subdomain). */
function hostErrors(host: string, path: string): FieldError[] {
  if (isIPv4(host) || isIPv6(host)) return [field.invalid(path, host, 'must be a DNS name, not an IP address')];
  if (host.startsWith('*.')) {
    return isDNS1123Subdomain(host.slice(2)).length === 0 ? [] : [field.invalid(path, host, "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")];
  }
  return nameErrors(isDNS1123Subdomain, host, path);
}

function validateBackend(b: Obj, path: string): FieldError[] {
  const hasSvc = has(b, 'service');
  const hasRes = has(b, 'resource');
  if (hasSvc && hasRes) return [field.invalid(path, '', 'cannot set both resource and service backends')];
  if (!hasSvc && !hasRes) return [field.invalid(path, '', 'resource or service backend is required')];
  const errs: FieldError[] = [];
  if (hasRes) {
    const r = obj(b, 'resource');
    if (!str(r, 'kind')) errs.push(field.required(`${path}.resource.kind`, ''));
    if (!str(r, 'name')) errs.push(field.required(`${path}.resource.name`, ''));
    return errs;
  }
  const svc = obj(b, 'service');
  const name = str(svc, 'name') ?? '';
  if (!name) errs.push(field.required(`${path}.service.name`, ''));
  else errs.push(...nameErrors(isDNS1035Label, name, `${path}.service.name`));
  const port = obj(svc, 'port');
  const pname = str(port, 'name');
  const pnum = num(port, 'number');
  if (pname && pnum) errs.push(field.invalid(`${path}.service.port`, pname, 'cannot set both port name & port number'));
  else if (pname) errs.push(...isValidPortName(pname).map((m) => field.invalid(`${path}.service.port.name`, pname, m)));
  else if (pnum) errs.push(...isValidPortNum(pnum).map((m) => field.invalid(`${path}.service.port.number`, pnum, m)));
  else errs.push(field.required(`${path}.service.port`, 'port name or number is required'));
  return errs;
}

function validateHTTPPath(p: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(p, 'pathType');
  const value = str(p, 'path') ?? '';
  if (!type) errs.push(field.required(`${path}.pathType`, 'pathType must be specified'));
  else errs.push(...enumField(type, ['Exact', 'ImplementationSpecific', 'Prefix'], `${path}.pathType`));
  if ((type === 'Exact' || type === 'Prefix') && !value.startsWith('/')) errs.push(field.invalid(`${path}.path`, value, 'must be an absolute path'));
  if (type === 'Exact' || type === 'Prefix') {
    for (const bad of ['//', '/./', '/../', '%2f', '%2F']) {
      if (value.includes(bad)) errs.push(field.invalid(`${path}.path`, value, `must not contain '${bad}'`));
    }
    for (const bad of ['/..', '/.']) {
      if (value.endsWith(bad)) errs.push(field.invalid(`${path}.path`, value, `cannot end with '${bad}'`));
    }
  } else if (value && !value.startsWith('/')) {
    errs.push(field.invalid(`${path}.path`, value, 'must be an absolute path'));
  }
  errs.push(...validateBackend(obj(p, 'backend'), `${path}.backend`));
  return errs;
}

export function validateIngress(ing: KubeObject): FieldError[] {
  const spec = obj(ing, 'spec');
  const errs: FieldError[] = [];
  const rules = arr(spec, 'rules');
  if (rules.length === 0 && !has(spec, 'defaultBackend')) errs.push(field.invalid('spec', rules, 'either `defaultBackend` or `rules` must be specified'));
  if (has(spec, 'defaultBackend')) errs.push(...validateBackend(obj(spec, 'defaultBackend'), 'spec.defaultBackend'));
  rules.forEach((r, i) => {
    const rp = `spec.rules[${i}]`;
    const host = str(r, 'host');
    if (host) errs.push(...hostErrors(host, `${rp}.host`));
    if (has(r, 'http')) {
      const paths = arr(obj(r, 'http'), 'paths');
      if (paths.length === 0) errs.push(field.required(`${rp}.http.paths`, ''));
      paths.forEach((p, j) => errs.push(...validateHTTPPath(isPlainObject(p) ? p : {}, `${rp}.http.paths[${j}]`)));
    }
  });
  arr(spec, 'tls').forEach((t, i) => {
    arr(t, 'hosts').forEach((h, j) => errs.push(...hostErrors(String(h), `spec.tls[${i}].hosts[${j}]`)));
  });
  const cls = str(spec, 'ingressClassName');
  if (cls) errs.push(...nameErrors(isDNS1123Subdomain, cls, 'spec.ingressClassName'));
  return errs;
}

export function validateIngressClass(ic: KubeObject): FieldError[] {
  const spec = obj(ic, 'spec');
  const errs: FieldError[] = [];
  const controller = str(spec, 'controller') ?? '';
  if (!controller) errs.push(field.required('spec.controller', ''));
  else {
    if (controller.length > 250) errs.push(field.tooLong('spec.controller', 250));
    const [domain = '', ...rest] = controller.split('/');
    if (rest.length === 0 || isDNS1123Subdomain(domain).length > 0 || rest.join('/') === '') {
      errs.push(field.invalid('spec.controller', controller, 'must be a domain-prefixed path (such as "acme.io/foo")'));
    }
  }
  if (has(spec, 'parameters')) {
    const p = obj(spec, 'parameters');
    if (!str(p, 'kind')) errs.push(field.required('spec.parameters.kind', ''));
    if (!str(p, 'name')) errs.push(field.required('spec.parameters.name', ''));
    const scope = str(p, 'scope');
    errs.push(...enumField(scope, ['Cluster', 'Namespace'], 'spec.parameters.scope'));
    if (scope === 'Namespace' && !str(p, 'namespace')) errs.push(field.required('spec.parameters.namespace', '`parameters.scope` is set to "Namespace"'));
    if (scope !== 'Namespace' && str(p, 'namespace')) errs.push(field.forbidden('spec.parameters.namespace', '`parameters.scope` is set to "Cluster"'));
  }
  return errs;
}

export function validateIngressClassUpdate(ic: KubeObject, old: KubeObject): FieldError[] {
  return [...validateIngressClass(ic), ...validateImmutableField(str(obj(ic, 'spec'), 'controller'), str(obj(old, 'spec'), 'controller'), 'spec.controller')];
}

function validatePolicyPorts(ports: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  ports.forEach((p, i) => {
    const ip = `${path}[${i}]`;
    errs.push(...enumField(str(p, 'protocol'), PROTOCOLS, `${ip}.protocol`));
    const port = (p as Obj)['port'];
    if (typeof port === 'number') errs.push(...isValidPortNum(port).map((m) => field.invalid(`${ip}.port`, port, m)));
    else if (typeof port === 'string') errs.push(...isValidPortName(port).map((m) => field.invalid(`${ip}.port`, port, m)));
    const end = num(p, 'endPort');
    if (end !== undefined) {
      if (typeof port !== 'number') errs.push(field.required(`${ip}.port`, 'must specify a numerical port when `endPort` is specified'));
      else if (end < port) errs.push(field.invalid(`${ip}.endPort`, end, 'must be greater than or equal to `port`'));
      errs.push(...isValidPortNum(end).map((m) => field.invalid(`${ip}.endPort`, end, m)));
    }
  });
  return errs;
}

function validatePeers(peers: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  peers.forEach((p, i) => {
    const ip = `${path}[${i}]`;
    const n = ['podSelector', 'namespaceSelector', 'ipBlock'].filter((k) => has(p, k)).length;
    if (n === 0) errs.push(field.required(ip, 'must specify a peer'));
    else if (has(p, 'ipBlock') && n > 1) errs.push(field.forbidden(ip, 'may not specify both ipBlock and another peer'));
    errs.push(...validateLabelSelector((p as Obj)['podSelector'], `${ip}.podSelector`));
    errs.push(...validateLabelSelector((p as Obj)['namespaceSelector'], `${ip}.namespaceSelector`));
    if (has(p, 'ipBlock')) {
      const b = obj(p, 'ipBlock');
      const cidr = str(b, 'cidr') ?? '';
      if (!cidr) errs.push(field.required(`${ip}.ipBlock.cidr`, ''));
      else errs.push(...isValidCIDR(cidr).map((m) => field.invalid(`${ip}.ipBlock.cidr`, cidr, m)));
      arr(b, 'except').forEach((e, j) => errs.push(...isValidCIDR(String(e)).map((m) => field.invalid(`${ip}.ipBlock.except[${j}]`, e, m))));
    }
  });
  return errs;
}

export function validateNetworkPolicy(np: KubeObject): FieldError[] {
  const spec = obj(np, 'spec');
  const errs = validateLabelSelector(spec['podSelector'], 'spec.podSelector');
  arr(spec, 'ingress').forEach((r, i) => {
    errs.push(...validatePolicyPorts(arr(r, 'ports'), `spec.ingress[${i}].ports`));
    errs.push(...validatePeers(arr(r, 'from'), `spec.ingress[${i}].from`));
  });
  arr(spec, 'egress').forEach((r, i) => {
    errs.push(...validatePolicyPorts(arr(r, 'ports'), `spec.egress[${i}].ports`));
    errs.push(...validatePeers(arr(r, 'to'), `spec.egress[${i}].to`));
  });
  const types = arr(spec, 'policyTypes');
  types.forEach((t, i) => errs.push(...enumField(String(t), ['Ingress', 'Egress'], `spec.policyTypes[${i}]`)));
  if (types.length > 2) errs.push(field.invalid('spec.policyTypes', types, 'may not specify more than two policyTypes'));
  return errs;
}

const ADDRESS_TYPES = ['IPv4', 'IPv6', 'FQDN'];

export function validateEndpointSlice(es: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const type = typeof es['addressType'] === 'string' ? es['addressType'] : '';
  errs.push(...enumField(type, ADDRESS_TYPES, 'addressType', true));
  const endpoints = arr(es, 'endpoints');
  if (endpoints.length > 1000) errs.push({ type: 'FieldValueTooMany', field: 'endpoints', value: endpoints.length, detail: 'must have at most 1000 items' });
  endpoints.forEach((e, i) => {
    const ep = `endpoints[${i}]`;
    const addrs = arr(e, 'addresses');
    if (addrs.length === 0) errs.push(field.required(`${ep}.addresses`, 'must contain at least 1 address'));
    if (addrs.length > 100) errs.push({ type: 'FieldValueTooMany', field: `${ep}.addresses`, value: addrs.length, detail: 'must have at most 100 items' });
    addrs.forEach((a, j) => {
      const v = String(a);
      const ap = `${ep}.addresses[${j}]`;
      if (type === 'IPv4' && !isIPv4(v)) errs.push(field.invalid(ap, v, 'must be a valid IPv4 address'));
      if (type === 'IPv6' && !isIPv6(v)) errs.push(field.invalid(ap, v, 'must be a valid IPv6 address'));
      if (type === 'FQDN') errs.push(...nameErrors(isDNS1123Subdomain, v, ap));
    });
    const host = str(e, 'hostname');
    if (host) errs.push(...nameErrors(isDNS1123Label, host, `${ep}.hostname`));
    const node = str(e, 'nodeName');
    if (node) errs.push(...nameErrors(isDNS1123Subdomain, node, `${ep}.nodeName`));
  });
  const ports = arr(es, 'ports');
  if (ports.length > 20000) errs.push({ type: 'FieldValueTooMany', field: 'ports', value: ports.length, detail: 'must have at most 20000 items' });
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const pp = `ports[${i}]`;
    const name = str(p, 'name') ?? '';
    if (name) errs.push(...nameErrors(isDNS1123Label, name, `${pp}.name`));
    if (names.has(name)) errs.push(field.duplicate(`${pp}.name`, name));
    names.add(name);
    const port = num(p, 'port');
    if (port !== undefined) errs.push(...isValidPortNum(port).map((m) => field.invalid(`${pp}.port`, port, m)));
    errs.push(...enumField(str(p, 'protocol'), PROTOCOLS, `${pp}.protocol`));
  });
  return errs;
}

export function validateEndpointSliceUpdate(es: KubeObject, old: KubeObject): FieldError[] {
  return [...validateEndpointSlice(es), ...validateImmutableField(es['addressType'], old['addressType'], 'addressType')];
}
