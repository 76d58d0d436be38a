// Workload controllers through the real kubectl against `cox server --hollow-nodes 3`.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KUBECTLS, kubectl, useCluster, waitFor } from './harness.ts';

const cluster = useCluster(['--hollow-nodes', '3', '--scheduler-port', '0', '--controller-manager-port', '0']);
const k = KUBECTLS[KUBECTLS.length - 1] ?? { version: '1.33', bin: '' };
const run = (args: string[], input?: string) => kubectl(k.bin, cluster().kubeconfig, args, input);

const manifests = `
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: default }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec: { containers: [{ name: c, image: agent:1 }] }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: web, namespace: default }
spec:
  replicas: 3
  serviceName: web
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: c, image: web:1 }] }
---
apiVersion: batch/v1
kind: Job
metadata: { name: retry, namespace: default }
spec:
  backoffLimit: 2
  template:
    metadata: { annotations: { hollow.coxswain.io/startup-delay: "2s" } }
    spec: { restartPolicy: Never, containers: [{ name: c, image: busybox }] }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: tick, namespace: default }
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec: { restartPolicy: Never, containers: [{ name: c, image: busybox }] }
`;

test('DaemonSet on every node, StatefulSet in order, a Job retried after a failure, a Job from a CronJob', async () => {
  const applied = await run(['apply', '-f', '-'], manifests);
  assert.equal(applied.code, 0, applied.stderr);
  // The Job's first pod fails: annotate it before it starts (startup delay 2 s).
  const first = await waitFor('the first job pod', async () => {
    const r = await run(['get', 'pods', '-l', 'batch.kubernetes.io/job-name=retry', '-o', 'name']);
    return r.stdout.trim().split('\n').filter(Boolean)[0];
  });
  const ann = await run(['annotate', first, 'hollow.coxswain.io/fail-after=100ms']);
  assert.equal(ann.code, 0, ann.stderr);

  const ds = await run(['rollout', 'status', 'ds/agent', '--timeout=30s']);
  assert.equal(ds.code, 0, ds.stderr);
  const dsPods = await run(['get', 'pods', '-l', 'app=agent', '-o', 'jsonpath={.items[*].spec.nodeName}']);
  assert.equal(new Set(dsPods.stdout.trim().split(' ')).size, 3);

  const sts = await run(['rollout', 'status', 'sts/web', '--timeout=30s']);
  assert.equal(sts.code, 0, sts.stderr);
  const created = await run(['get', 'pods', '-l', 'app=web', '--sort-by=.metadata.creationTimestamp', '-o', 'jsonpath={.items[*].metadata.name}']);
  assert.equal(created.stdout.trim(), 'web-0 web-1 web-2');

  const fromCron = await run(['create', 'job', '--from=cronjob/tick', 'manual']);
  assert.equal(fromCron.code, 0, fromCron.stderr);
  const manual = await run(['wait', '--for=condition=complete', 'job/manual', '--timeout=30s']);
  assert.equal(manual.code, 0, manual.stderr);

  // One failure, a 10 s back-off, then success.
  const done = await run(['wait', '--for=condition=complete', 'job/retry', '--timeout=40s']);
  assert.equal(done.code, 0, done.stderr);
  const counts = await run(['get', 'job', 'retry', '-o', 'jsonpath={.status.succeeded}/{.status.failed}']);
  assert.equal(counts.stdout, '1/1');
});
