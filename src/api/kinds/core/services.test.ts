import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStatusError } from '../../errors.ts';
import type { StrategyContext } from '../../registry.ts';
import type { KubeObject } from '../../types.ts';
import { services } from './services.ts';

type Spec = Record<string, unknown>;

function svc(name: string, spec: Spec, namespace = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace, creationTimestamp: '2024-01-01T00:00:00Z' }, spec };
}

function cluster(range: [number, number] = [30000, 32767], cidr = '10.43.0.0/16') {
  const stored: KubeObject[] = [];
  const ctx: StrategyContext = { list: (g, r) => (g === '' && r === 'services' ? stored : []), serviceCIDR: cidr, nodePortRange: range };
  const create = (o: KubeObject): KubeObject => {
    services.defaults?.(o);
    services.prepareForCreate?.(o, ctx);
    stored.push(o);
    return o;
  };
  const update = (o: KubeObject, old: KubeObject): KubeObject => {
    services.defaults?.(o);
    services.prepareForUpdate?.(o, old, ctx);
    stored.splice(stored.indexOf(old), 1, o);
    return o;
  };
  return { ctx, stored, create, update };
}

const specOf = (o: KubeObject) => o.spec as Spec;
const ports = (o: KubeObject) => specOf(o).ports as Spec[];

function invalidMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(isStatusError(e));
    assert.equal(e.code, 422);
    return e.message;
  }
  assert.fail('expected a 422');
}

test('service defaulting: type, sessionAffinity, protocol, targetPort, traffic policies', () => {
  const o = svc('web', { ports: [{ port: 80 }, { port: 53, protocol: 'UDP', targetPort: 'dns' }], selector: { app: 'web' } });
  services.defaults?.(o);
  assert.equal(specOf(o).type, 'ClusterIP');
  assert.equal(specOf(o).sessionAffinity, 'None');
  assert.equal(specOf(o).internalTrafficPolicy, 'Cluster');
  assert.equal(specOf(o).externalTrafficPolicy, undefined);
  assert.deepEqual(ports(o), [{ port: 80, protocol: 'TCP', targetPort: 80 }, { port: 53, protocol: 'UDP', targetPort: 'dns' }]);
  const np = svc('np', { type: 'LoadBalancer', ports: [{ port: 80 }] });
  services.defaults?.(np);
  assert.equal(specOf(np).externalTrafficPolicy, 'Cluster');
  assert.equal(specOf(np).allocateLoadBalancerNodePorts, true);
});

test('clusterIP allocation skips the network address and the kubernetes service address', () => {
  const c = cluster();
  const k = c.create(svc('kubernetes', { ports: [{ port: 443 }] }));
  assert.equal(specOf(k).clusterIP, '10.43.0.1');
  assert.deepEqual(specOf(k).clusterIPs, ['10.43.0.1']);
  assert.deepEqual(specOf(k).ipFamilies, ['IPv4']);
  assert.equal(specOf(k).ipFamilyPolicy, 'SingleStack');
  const a = c.create(svc('a', { ports: [{ port: 80 }] }));
  const b = c.create(svc('b', { ports: [{ port: 80 }] }, 'other'));
  assert.equal(specOf(a).clusterIP, '10.43.0.2');
  assert.equal(specOf(b).clusterIP, '10.43.0.3');
  assert.deepEqual(a.status, { loadBalancer: {} });
});

test('the first address stays reserved when the kubernetes service does not exist yet', () => {
  const c = cluster();
  assert.equal(specOf(c.create(svc('early', { ports: [{ port: 80 }] }))).clusterIP, '10.43.0.2');
  assert.match(invalidMessage(() => c.create(svc('sneaky', { clusterIP: '10.43.0.1', ports: [{ port: 80 }] }))), /provided IP is already allocated/);
});

test('a requested clusterIP is honoured, and conflicts or out-of-range requests are 422', () => {
  const c = cluster();
  const a = c.create(svc('a', { clusterIP: '10.43.7.7', ports: [{ port: 80 }] }));
  assert.deepEqual(specOf(a).clusterIPs, ['10.43.7.7']);
  const taken = invalidMessage(() => c.create(svc('b', { clusterIP: '10.43.7.7', ports: [{ port: 80 }] })));
  assert.match(taken, /spec\.clusterIPs: Invalid value: \["10\.43\.7\.7"\]: failed to allocate IP 10\.43\.7\.7: provided IP is already allocated/);
  assert.match(invalidMessage(() => c.create(svc('c', { clusterIP: '10.44.0.5', ports: [{ port: 80 }] }))), /is not in the valid range/);
});

test('headless services get None; ExternalName services get no clusterIP', () => {
  const c = cluster();
  const h = c.create(svc('h', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] }));
  assert.deepEqual(specOf(h).clusterIPs, ['None']);
  assert.equal(specOf(h).ipFamilyPolicy, 'SingleStack');
  const e = c.create(svc('e', { type: 'ExternalName', externalName: 'example.com' }));
  assert.equal(specOf(e).clusterIP, undefined);
  assert.equal(services.row(e, Date.parse('2024-01-01T00:00:10Z'))[2], '<none>');
});

test('nodePorts are allocated from the range; requested ones must be free', () => {
  const c = cluster([30000, 30002]);
  const a = c.create(svc('a', { type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] }));
  assert.deepEqual(ports(a).map((p) => p.nodePort), [30000, 30001]);
  assert.match(invalidMessage(() => c.create(svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] }))),
    /spec\.ports\[0\]\.nodePort: Invalid value: 30001: provided port is already allocated/);
  assert.match(invalidMessage(() => c.create(svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 31000 }] }))), /not in the valid range/);
  const d = c.create(svc('d', { type: 'NodePort', ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }));
  assert.deepEqual(ports(d).map((p) => p.nodePort), [30002, 30002], 'TCP and UDP on one port share a node port');
  assert.match(invalidMessage(() => c.create(svc('e', { type: 'NodePort', ports: [{ port: 80 }] }))), /range is full/);
});

test('updates keep the allocated clusterIP and nodePorts the request omits', () => {
  const c = cluster();
  const a = c.create(svc('a', { type: 'NodePort', ports: [{ name: 'http', port: 80 }] }));
  const ip = specOf(a).clusterIP;
  const nodePort = ports(a)[0]?.nodePort;
  const b = c.create(svc('b', { type: 'NodePort', ports: [{ port: 80 }] }));
  assert.notEqual(ports(b)[0]?.nodePort, nodePort);
  // A client replacing the spec without the allocated fields (e.g. apply of the original manifest).
  const upd = c.update(svc('a', { type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'extra', port: 81 }] }), a);
  assert.equal(specOf(upd).clusterIP, ip);
  assert.equal(ports(upd)[0]?.nodePort, nodePort);
  assert.ok(typeof ports(upd)[1]?.nodePort === 'number' && ports(upd)[1]?.nodePort !== nodePort);
  assert.deepEqual(specOf(upd).ipFamilies, ['IPv4']);
});

test('changing NodePort to ClusterIP drops the node ports; to ExternalName drops the clusterIP', () => {
  const c = cluster();
  const a = c.create(svc('a', { type: 'NodePort', ports: [{ name: 'http', port: 80 }] }));
  const asClusterIP = structuredClone(a);
  specOf(asClusterIP).type = 'ClusterIP';
  const b = c.update(asClusterIP, a);
  assert.equal(ports(b)[0]?.nodePort, undefined);
  assert.equal(specOf(b).clusterIP, specOf(a).clusterIP);
  const asExternal = structuredClone(b);
  specOf(asExternal).type = 'ExternalName';
  specOf(asExternal).externalName = 'example.com';
  const e = c.update(asExternal, b);
  assert.equal(specOf(e).clusterIP, undefined);
  assert.equal(specOf(e).clusterIPs, undefined);
});

test('service rows: type, cluster IP, external IP, ports, selector', () => {
  const c = cluster();
  const now = Date.parse('2024-01-01T00:05:00Z');
  const a = c.create(svc('a', { ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }], selector: { app: 'a' } }));
  assert.deepEqual(services.row(a, now), ['a', 'ClusterIP', '10.43.0.2', '<none>', '80/TCP,53/UDP', '5m', 'app=a']);
  const np = c.create(svc('np', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
  assert.equal(services.row(np, now)[4], '80:30080/TCP');
  const lb = c.create(svc('lb', { type: 'LoadBalancer', ports: [{ port: 80 }] }));
  assert.equal(services.row(lb, now)[3], '<pending>');
  lb.status = { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } };
  assert.equal(services.row(lb, now)[3], '192.0.2.10');
  assert.equal(services.row(svc('x', {}), now)[4], '<none>');
});
