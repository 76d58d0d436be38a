// Wire-format table (field numbers, wire types, JSON names) of k8s.io networking.v1 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const networkingV1: MessageTable = {
  'networking.v1.HTTPIngressPath': [
    [1, 'path', 'string', 2], [3, 'pathType', 'string', 1], [2, 'backend', 'networking.v1.IngressBackend', 0],
  ],
  'networking.v1.HTTPIngressRuleValue': [
    [1, 'paths', 'networking.v1.HTTPIngressPath', 16],
  ],
  'networking.v1.Ingress': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'networking.v1.IngressSpec', 2],
    [3, 'status', 'networking.v1.IngressStatus', 2],
  ],
  'networking.v1.IngressBackend': [
    [4, 'service', 'networking.v1.IngressServiceBackend', 3],
    [3, 'resource', 'core.v1.TypedLocalObjectReference', 3],
  ],
  'networking.v1.IngressClass': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'networking.v1.IngressClassSpec', 2],
  ],
  'networking.v1.IngressClassList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'networking.v1.IngressClass', 16],
  ],
  'networking.v1.IngressClassParametersReference': [
    [1, 'apiGroup', 'string', 3], [2, 'kind', 'string', 0], [3, 'name', 'string', 0],
    [4, 'scope', 'string', 1], [5, 'namespace', 'string', 3],
  ],
  'networking.v1.IngressClassSpec': [
    [1, 'controller', 'string', 2], [2, 'parameters', 'networking.v1.IngressClassParametersReference', 3],
  ],
  'networking.v1.IngressList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'networking.v1.Ingress', 16],
  ],
  'networking.v1.IngressLoadBalancerIngress': [
    [1, 'ip', 'string', 2], [2, 'hostname', 'string', 2], [4, 'ports', 'networking.v1.IngressPortStatus', 18],
  ],
  'networking.v1.IngressLoadBalancerStatus': [
    [1, 'ingress', 'networking.v1.IngressLoadBalancerIngress', 18],
  ],
  'networking.v1.IngressPortStatus': [
    [1, 'port', 'int32', 0], [2, 'protocol', 'string', 0], [3, 'error', 'string', 3],
  ],
  'networking.v1.IngressRule': [
    [1, 'host', 'string', 2], [2, '', 'networking.v1.IngressRuleValue', 8],
  ],
  'networking.v1.IngressRuleValue': [
    [1, 'http', 'networking.v1.HTTPIngressRuleValue', 3],
  ],
  'networking.v1.IngressServiceBackend': [
    [1, 'name', 'string', 0], [2, 'port', 'networking.v1.ServiceBackendPort', 2],
  ],
  'networking.v1.IngressSpec': [
    [4, 'ingressClassName', 'string', 3], [1, 'defaultBackend', 'networking.v1.IngressBackend', 3],
    [2, 'tls', 'networking.v1.IngressTLS', 18], [3, 'rules', 'networking.v1.IngressRule', 18],
  ],
  'networking.v1.IngressStatus': [
    [1, 'loadBalancer', 'networking.v1.IngressLoadBalancerStatus', 2],
  ],
  'networking.v1.IngressTLS': [
    [1, 'hosts', 'string', 18], [2, 'secretName', 'string', 2],
  ],
  'networking.v1.IPAddress': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'networking.v1.IPAddressSpec', 2],
  ],
  'networking.v1.IPAddressList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'networking.v1.IPAddress', 16],
  ],
  'networking.v1.IPAddressSpec': [
    [1, 'parentRef', 'networking.v1.ParentReference', 3],
  ],
  'networking.v1.IPBlock': [
    [1, 'cidr', 'string', 0], [2, 'except', 'string', 18],
  ],
  'networking.v1.NetworkPolicy': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'networking.v1.NetworkPolicySpec', 2],
  ],
  'networking.v1.NetworkPolicyEgressRule': [
    [1, 'ports', 'networking.v1.NetworkPolicyPort', 18], [2, 'to', 'networking.v1.NetworkPolicyPeer', 18],
  ],
  'networking.v1.NetworkPolicyIngressRule': [
    [1, 'ports', 'networking.v1.NetworkPolicyPort', 18], [2, 'from', 'networking.v1.NetworkPolicyPeer', 18],
  ],
  'networking.v1.NetworkPolicyList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'networking.v1.NetworkPolicy', 16],
  ],
  'networking.v1.NetworkPolicyPeer': [
    [1, 'podSelector', 'meta.v1.LabelSelector', 3], [2, 'namespaceSelector', 'meta.v1.LabelSelector', 3],
    [3, 'ipBlock', 'networking.v1.IPBlock', 3],
  ],
  'networking.v1.NetworkPolicyPort': [
    [1, 'protocol', 'string', 3], [2, 'port', 'intstr.IntOrString', 3], [3, 'endPort', 'int32', 3],
  ],
  'networking.v1.NetworkPolicySpec': [
    [1, 'podSelector', 'meta.v1.LabelSelector', 0],
    [2, 'ingress', 'networking.v1.NetworkPolicyIngressRule', 18],
    [3, 'egress', 'networking.v1.NetworkPolicyEgressRule', 18], [4, 'policyTypes', 'string', 18],
  ],
  'networking.v1.ParentReference': [
    [1, 'group', 'string', 2], [2, 'resource', 'string', 2], [3, 'namespace', 'string', 2],
    [4, 'name', 'string', 2],
  ],
  'networking.v1.ServiceBackendPort': [
    [1, 'name', 'string', 2], [2, 'number', 'int32', 2],
  ],
  'networking.v1.ServiceCIDR': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'networking.v1.ServiceCIDRSpec', 2],
    [3, 'status', 'networking.v1.ServiceCIDRStatus', 2],
  ],
  'networking.v1.ServiceCIDRList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'networking.v1.ServiceCIDR', 16],
  ],
  'networking.v1.ServiceCIDRSpec': [
    [1, 'cidrs', 'string', 18],
  ],
  'networking.v1.ServiceCIDRStatus': [
    [1, 'conditions', 'meta.v1.Condition', 18],
  ],
};
