// networking.k8s.io/v1 Ingress, IngressClass and NetworkPolicy.

import type { ResourceType } from '../registry.ts';
import { child, isObj, obj, objs, setDefault, setDefaultString, str } from './access.ts';
import { age, ageColumn, col, formatLabelSelector, nameColumn, specOf, statusOf } from './printers.ts';
import { statusStrategy } from './strategy.ts';
import { validation } from './wiring.ts';
import { loadBalancerStatusString } from './core/services.ts';

/** Up to three hosts, "*" when no rule names one (formatHosts). */
export function formatHosts(rules: unknown): string {
  const list = objs(rules);
  const hosts: string[] = [];
  let more = false;
  for (const r of list) {
    if (hosts.length === 3) more = true;
    if (!more && str(r.host)) hosts.push(str(r.host));
  }
  if (hosts.length === 0) return '*';
  return more ? `${hosts.join(',')} + ${list.length - 3} more...` : hosts.join(',');
}

export const ingresses: ResourceType = {
  group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', resource: 'ingresses', singular: 'ingress', namespaced: true,
  shortNames: ['ing'],
  subresources: { status: true },
  columns: [
    nameColumn(),
    col('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    col('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'string', 'Ports of TLS configurations that open'),
    ageColumn(),
  ],
  row(o, now) {
    const spec = specOf(o);
    return [
      o.metadata.name ?? '', str(spec.ingressClassName) || '<none>', formatHosts(spec.rules),
      loadBalancerStatusString(statusOf(o).loadBalancer, true), objs(spec.tls).length > 0 ? '80, 443' : '80', age(o, now),
    ];
  },
  ...statusStrategy,
  ...validation('networking.k8s.io/Ingress'),
};

export const ingressClasses: ResourceType = {
  group: 'networking.k8s.io', version: 'v1', kind: 'IngressClass', resource: 'ingressclasses', singular: 'ingressclass',
  namespaced: false,
  columns: [
    nameColumn(),
    col('Controller', 'string', 'Controller that is responsible for handling this class'),
    col('Parameters', 'string', 'A reference to a resource with additional parameters'),
    ageColumn(),
  ],
  row(o, now) {
    const spec = specOf(o);
    let parameters = '<none>';
    if (isObj(spec.parameters)) {
      const p = spec.parameters;
      parameters = `${str(p.kind)}${typeof p.apiGroup === 'string' ? `.${p.apiGroup}` : ''}/${str(p.name)}`;
    }
    return [o.metadata.name ?? '', str(spec.controller), parameters, age(o, now)];
  },
  defaults(o) {
    const spec = obj(o.spec);
    if (isObj(spec.parameters)) setDefaultString(spec.parameters, 'scope', 'Cluster');
  },
  ...validation('networking.k8s.io/IngressClass'),
};

export const networkPolicies: ResourceType = {
  group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', resource: 'networkpolicies', singular: 'networkpolicy',
  namespaced: true, shortNames: ['netpol'],
  columns: [
    nameColumn(),
    col('Pod-Selector', 'string', 'Selects the pods to which this NetworkPolicy object applies.'),
    ageColumn(),
  ],
  row: (o, now) => [o.metadata.name ?? '', formatLabelSelector(specOf(o).podSelector ?? {}), age(o, now)],
  defaults(o) {
    const spec = child(o, 'spec');
    for (const rule of [...objs(spec.ingress), ...objs(spec.egress)]) for (const p of objs(rule.ports)) setDefault(p, 'protocol', 'TCP');
    if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
      // A policy without policyTypes is at least an Ingress policy.
      spec.policyTypes = objs(spec.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
    }
  },
  ...validation('networking.k8s.io/NetworkPolicy'),
};
