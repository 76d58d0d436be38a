import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CycleState } from '../../framework/interface.ts';
import { makeNode, makePod, testEnv } from '../../testing/fixtures.ts';
import { ErrReasonNodePorts, NodePorts } from './node_ports.ts';

const withPort = (name: string, port: number, ip?: string, protocol = 'TCP', nodeName?: string) =>
  makePod(name, { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: port, hostIP: ip, protocol }] }] }, { nodeName });

test('host ports conflict on the same protocol and port when either IP is the wildcard or they match', () => {
  const env = testEnv([makeNode('n')]);
  env.addPods(withPort('a', 8080, '10.0.0.1', 'TCP', 'n'));
  const n = env.snapshot.get('n') ?? assert.fail();
  const pl = new NodePorts();
  const check = (p: ReturnType<typeof makePod>) => pl.filter(new CycleState(), env.pi(p), n)?.reasons[0];
  assert.equal(check(withPort('b', 8080)), ErrReasonNodePorts);
  assert.equal(check(withPort('b', 8080, '10.0.0.1')), ErrReasonNodePorts);
  assert.equal(check(withPort('b', 8080, '10.0.0.2')), undefined);
  assert.equal(check(withPort('b', 8080, undefined, 'UDP')), undefined);
  assert.equal(pl.preFilter(new CycleState(), env.pi(makePod('none'))).status?.isSkip(), true);
});
