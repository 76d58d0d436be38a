import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../types.ts';
import { podRow } from './pod-printer.ts';

const now = Date.parse('2024-05-01T12:00:00Z');
const created = '2024-05-01T11:00:00Z';

function pod(spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject {
  return { metadata: { name: 'p', creationTimestamp: created, ...meta }, spec, status };
}
const two = { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] };
const running = (name: string, ready: boolean, restartCount = 0, extra: Record<string, unknown> = {}) =>
  ({ name, ready, restartCount, state: { running: { startedAt: created } }, ...extra });

test('a running pod shows ready containers, phase, restarts and age', () => {
  const row = podRow(pod(two, { phase: 'Running', containerStatuses: [running('a', true), running('b', false)] }), now);
  assert.deepEqual(row.slice(0, 5), ['p', '1/2', 'Running', '0', '60m']);
  assert.deepEqual(row.slice(5), ['<none>', '<none>', '<none>', '<none>']);
});

test('restarts carry "(age ago)" of the last termination', () => {
  const cs = running('a', true, 5, { lastState: { terminated: { exitCode: 1, finishedAt: '2024-05-01T11:55:00Z' } } });
  const row = podRow(pod({ containers: [{ name: 'a' }] }, { phase: 'Running', containerStatuses: [cs] }), now);
  assert.equal(row[3], '5 (5m ago)');
});

test('waiting reasons replace the phase: ContainerCreating, CrashLoopBackOff', () => {
  const creating = { name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } };
  assert.equal(podRow(pod({ containers: [{ name: 'a' }] }, { phase: 'Pending', containerStatuses: [creating] }), now)[2], 'ContainerCreating');
  const crash = { name: 'a', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } };
  assert.equal(podRow(pod({ containers: [{ name: 'a' }] }, { phase: 'Running', containerStatuses: [crash] }), now)[2], 'CrashLoopBackOff');
});

test('init containers show Init:i/n, Init:<reason> and Init:ExitCode', () => {
  const spec = { initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'a' }] };
  const done = { name: 'i1', state: { terminated: { exitCode: 0, reason: 'Completed' } } };
  const runningInit = { name: 'i2', state: { running: {} } };
  assert.equal(podRow(pod(spec, { phase: 'Pending', initContainerStatuses: [done, runningInit] }), now)[2], 'Init:1/2');
  const backoff = { name: 'i1', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } };
  const row = podRow(pod(spec, { phase: 'Pending', initContainerStatuses: [backoff] }), now);
  assert.equal(row[2], 'Init:CrashLoopBackOff');
  assert.equal(row[3], '2');
  const failed = { name: 'i1', state: { terminated: { exitCode: 3 } } };
  assert.equal(podRow(pod(spec, { phase: 'Pending', initContainerStatuses: [failed] }), now)[2], 'Init:ExitCode:3');
});

test('completed and terminated containers: Completed, Error, Signal', () => {
  const completed = { name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } };
  assert.equal(podRow(pod({ containers: [{ name: 'a' }] }, { phase: 'Succeeded', containerStatuses: [completed] }), now)[2], 'Completed');
  const error = { name: 'a', state: { terminated: { exitCode: 1, reason: 'Error' } } };
  assert.equal(podRow(pod({ containers: [{ name: 'a' }] }, { phase: 'Failed', containerStatuses: [error] }), now)[2], 'Error');
  const killed = { name: 'a', state: { terminated: { exitCode: 137, signal: 9 } } };
  assert.equal(podRow(pod({ containers: [{ name: 'a' }] }, { phase: 'Failed', containerStatuses: [killed] }), now)[2], 'Signal:9');
});

test('a pod with a completed container and a running one reads Running (or NotReady)', () => {
  const completed = { name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } };
  const status = { phase: 'Running', containerStatuses: [running('b', true), completed], conditions: [{ type: 'Ready', status: 'True' }] };
  assert.equal(podRow(pod(two, status), now)[2], 'Running');
  assert.equal(podRow(pod(two, { ...status, conditions: [] }), now)[2], 'NotReady');
});

test('deletion shows Terminating unless the pod already finished', () => {
  const deleting = { deletionTimestamp: '2024-05-01T11:59:00Z' };
  assert.equal(podRow(pod({ containers: [{ name: 'a' }] }, { phase: 'Running' }, deleting), now)[2], 'Terminating');
  assert.equal(podRow(pod({ containers: [{ name: 'a' }] }, { phase: 'Succeeded' }, deleting), now)[2], 'Succeeded');
  assert.equal(podRow(pod({ containers: [{ name: 'a' }] }, { phase: 'Running', reason: 'NodeLost' }, deleting), now)[2], 'Unknown');
});

test('wide cells: IP, node, nominated node, readiness gates', () => {
  const spec = { containers: [{ name: 'a' }], nodeName: 'n1', readinessGates: [{ conditionType: 'g1' }, { conditionType: 'g2' }] };
  const status = {
    phase: 'Running', podIPs: [{ ip: '10.42.0.7' }], nominatedNodeName: 'n2',
    conditions: [{ type: 'g1', status: 'True' }, { type: 'g2', status: 'False' }],
  };
  assert.deepEqual(podRow(pod(spec, status), now).slice(5), ['10.42.0.7', 'n1', 'n2', '1/2']);
});

test('scheduling-gated pods and sidecars', () => {
  const gated = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] };
  assert.equal(podRow(pod({ containers: [{ name: 'a' }] }, gated), now)[2], 'SchedulingGated');
  const spec = { initContainers: [{ name: 's', restartPolicy: 'Always' }], containers: [{ name: 'a' }] };
  const status = {
    phase: 'Running',
    initContainerStatuses: [{ name: 's', started: true, ready: true, restartCount: 1, state: { running: {} } }],
    containerStatuses: [running('a', true)],
  };
  const row = podRow(pod(spec, status), now);
  assert.equal(row[1], '2/2');
  assert.equal(row[2], 'Running');
  assert.equal(row[3], '1');
});
