import assert from 'node:assert/strict';
import test from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { podBehaviour, resolveHollowConfig } from './config.ts';
import { simulatePod } from './simulate.ts';
import type { SimulationInput } from './simulate.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const cfg = resolveHollowConfig({ crashLoopBackOff: { initialSeconds: 10, maxSeconds: 40 } });

function pod(annotations: Record<string, string> = {}, extra: Partial<NonNullable<Pod['spec']>> = {}): Pod {
  return {
    metadata: { name: 'p', namespace: 'ns', uid: 'u1', annotations },
    spec: { nodeName: 'n', containers: [{ name: 'app', image: 'busybox' }], ...extra },
  };
}

function at(p: Pod, sec: number, more: Partial<SimulationInput> = {}): ReturnType<typeof simulatePod> {
  return simulatePod({
    pod: p, behaviour: podBehaviour(p, cfg), admittedAt: T0, backoff: { initialMs: 10_000, maxMs: 40_000 },
    hostIP: '10.200.0.1', podIP: '10.128.0.5', now: T0 + sec * 1000, ...more,
  });
}

const cond = (r: ReturnType<typeof simulatePod>, type: string): string | undefined => r.status.conditions?.find((c) => c.type === type)?.status;

test('a plain pod runs and is ready at once, with its IP and container status', () => {
  const r = at(pod(), 0);
  assert.equal(r.status.phase, 'Running');
  assert.equal(r.status.podIP, '10.128.0.5');
  assert.equal(cond(r, 'Ready'), 'True');
  assert.equal(cond(r, 'PodScheduled'), 'True');
  const cs = r.status.containerStatuses?.[0];
  assert.ok(cs?.state?.running);
  assert.equal(cs?.ready, true);
  assert.match(cs?.containerID ?? '', /^hollow:\/\//);
  assert.equal(r.nextAt, undefined);
});

test('startup delay and init containers keep the pod Pending until they are done', () => {
  const p = pod({ 'hollow.coxswain.io/startup-delay': '2s', 'hollow.coxswain.io/init-duration': '3' }, {
    initContainers: [{ name: 'init', image: 'busybox' }],
  });
  const early = at(p, 1);
  assert.equal(early.status.phase, 'Pending');
  assert.equal(early.status.podIP, undefined);
  assert.equal(early.nextAt, T0 + 2000);
  const init = at(p, 3);
  assert.equal(init.status.phase, 'Pending');
  assert.ok(init.status.initContainerStatuses?.[0]?.state?.running);
  assert.equal(cond(init, 'Initialized'), 'False');
  assert.equal(init.nextAt, T0 + 5000);
  const run = at(p, 5);
  assert.equal(run.status.phase, 'Running');
  assert.equal(run.status.initContainerStatuses?.[0]?.state?.terminated?.reason, 'Completed');
  assert.equal(cond(run, 'Initialized'), 'True');
});

test('a failing container restarts at once, then backs off in CrashLoopBackOff, doubling up to the cap', () => {
  const p = pod({ 'hollow.coxswain.io/fail-after': '5', 'hollow.coxswain.io/exit-code': '3' });
  const first = at(p, 6); // crashed at 5, restarted at once
  assert.equal(first.status.containerStatuses?.[0]?.restartCount, 1);
  assert.ok(first.status.containerStatuses?.[0]?.state?.running);
  assert.equal(first.status.containerStatuses?.[0]?.lastState?.terminated?.exitCode, 3);
  const loop = at(p, 11); // crashed again at 10: back-off 10 s until 20
  const cs = loop.status.containerStatuses?.[0];
  assert.equal(cs?.state?.waiting?.reason, 'CrashLoopBackOff');
  assert.equal(cs?.restartCount, 1);
  assert.equal(loop.nextAt, T0 + 20_000);
  assert.equal(loop.status.phase, 'Running');
  assert.equal(cond(loop, 'Ready'), 'False');
  // runs 20–25, back-off 20 s to 45, runs 45–50, back-off 40 s (cap) to 90.
  assert.equal(at(p, 46).status.containerStatuses?.[0]?.restartCount, 3);
  assert.equal(at(p, 51).nextAt, T0 + 90_000);
});

test('a job-style pod completes: Succeeded with restartPolicy Never, Failed when it exits non-zero', () => {
  const ok = at(pod({ 'hollow.coxswain.io/complete-after': '4' }, { restartPolicy: 'Never' }), 4);
  assert.equal(ok.status.phase, 'Succeeded');
  assert.equal(ok.status.containerStatuses?.[0]?.state?.terminated?.reason, 'Completed');
  assert.equal(cond(ok, 'Ready'), 'False');
  assert.equal(ok.nextAt, undefined);
  const bad = at(pod({ 'hollow.coxswain.io/fail-after': '4' }, { restartPolicy: 'Never' }), 4);
  assert.equal(bad.status.phase, 'Failed');
  assert.equal(bad.status.containerStatuses?.[0]?.state?.terminated?.exitCode, 1);
  const onFailure = at(pod({ 'hollow.coxswain.io/fail-after': '4' }, { restartPolicy: 'OnFailure' }), 5);
  assert.equal(onFailure.status.phase, 'Running');
  assert.equal(onFailure.status.containerStatuses?.[0]?.restartCount, 1);
});

test('pods owned by a Job complete after the configured default', () => {
  const p = pod({}, { restartPolicy: 'Never' });
  p.metadata = { ...p.metadata, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'j1', controller: true }] };
  assert.equal(at(p, 1).status.phase, 'Running');
  assert.equal(at(p, 2).status.phase, 'Succeeded');
});

test('readiness becomes true after ready-after and flips off periodically', () => {
  const p = pod({ 'hollow.coxswain.io/ready-after': '2', 'hollow.coxswain.io/unready-every': '10', 'hollow.coxswain.io/unready-for': '3' });
  assert.equal(cond(at(p, 1), 'Ready'), 'False');
  assert.equal(at(p, 1).nextAt, T0 + 2000);
  assert.equal(cond(at(p, 2), 'Ready'), 'True');
  assert.equal(at(p, 2).nextAt, T0 + 9000);
  assert.equal(cond(at(p, 9), 'Ready'), 'False');
  assert.equal(cond(at(p, 12), 'Ready'), 'True');
});

test('unchanged conditions keep their transition time; changed ones take now', () => {
  const p = pod({ 'hollow.coxswain.io/ready-after': '5' });
  const a = at(p, 1);
  const b = at(p, 3, { previous: a.status });
  assert.equal(b.status.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime, '2026-01-01T00:00:01Z');
  const c = at(p, 6, { previous: b.status });
  assert.equal(c.status.conditions?.find((x) => x.type === 'Ready')?.lastTransitionTime, '2026-01-01T00:00:06Z');
});

test('a deleted pod is stopped: containers terminate with the stop exit code', () => {
  const r = at(pod(), 10, { stoppedAt: T0 + 8000 });
  assert.equal(r.status.phase, 'Succeeded');
  assert.equal(r.status.containerStatuses?.[0]?.state?.terminated?.finishedAt, '2026-01-01T00:00:08Z');
  const failed = at(pod({ 'hollow.coxswain.io/stop-exit-code': '137' }), 10, { stoppedAt: T0 + 8000 });
  assert.equal(failed.status.phase, 'Failed');
  assert.equal(r.nextAt, undefined);
});

test('conditions owned by others are kept', () => {
  const r = at(pod(), 1, { previous: { conditions: [{ type: 'DisruptionTarget', status: 'True' }], qosClass: 'BestEffort' } });
  assert.equal(cond(r, 'DisruptionTarget'), 'True');
  assert.equal(r.status.qosClass, 'BestEffort');
});
