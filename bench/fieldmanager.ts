// In-process micro-benchmark of the write path's field bookkeeping: updateManagedFields for a pod
// create, a same-manager label update and a status update by another manager, and the
// fieldValidation checks of a pod body. Prints µs/op and bytes allocated per op.
// Run: node_modules/.bin/node bench/fieldmanager.ts [--ms=1500]

import { GCProfiler } from 'node:v8';
import { podJSON } from './lib/scenarios.ts';
import { getSchemaModel } from '../src/api/openapi/index.ts';
import { findDuplicateFields, findTypeError, findUnknownFields } from '../src/api/openapi/index.ts';
import { updateManagedFields } from '../src/api/apply/index.ts';
import type { UpdateOptions } from '../src/api/apply/index.ts';
import { defaultPod } from '../src/api/kinds/core/pod-defaults.ts';
import type { KubeObject } from '../src/api/types.ts';

const msArg = process.argv.find((a) => a.startsWith('--ms='));
const RUN_MS = msArg ? Number(msArg.slice(5)) : 1500;

const model = getSchemaModel();
const POD = model.definitionFor('', 'v1', 'Pod') ?? 'io.k8s.api.core.v1.Pod';
const T1 = '2026-01-01T00:00:00Z';
const T2 = '2026-01-01T00:00:05Z';

function opts(manager: string, time: string, subresource?: string): UpdateOptions {
  return {
    manager, operation: 'Update', apiVersion: 'v1', time, model, definitionName: POD,
    subresource, resetFields: subresource === 'status' ? ['spec'] : ['status'],
  };
}

/** The pod as the apiserver stores it right before recording managed fields on a create. */
function createdPod(): KubeObject {
  const pod = JSON.parse(podJSON('bench', 'bench-000001')) as KubeObject;
  pod.metadata.uid = '6f1c0e7a-0d1b-4b8e-9d8e-2b7f3c6a5d41';
  pod.metadata.creationTimestamp = T1;
  pod.metadata.generation = 1;
  defaultPod(pod);
  return pod;
}

const fresh = createdPod();
const stored = updateManagedFields(undefined, fresh, opts('kubectl-create', T1));
stored.metadata.resourceVersion = '100';

const relabeled = structuredClone(stored);
(relabeled.metadata.labels as Record<string, string>).app = 'bench-2';

// A write to /status keeps the stored spec (the same object, as the apiserver's update does).
const withStatus: KubeObject = { ...stored, metadata: structuredClone(stored.metadata) };
withStatus.status = {
  phase: 'Running', hostIP: '10.0.0.1', podIP: '10.244.0.7', podIPs: [{ ip: '10.244.0.7' }], startTime: T2, qosClass: 'Burstable',
  conditions: [
    { type: 'PodScheduled', status: 'True', lastTransitionTime: T1 },
    { type: 'Initialized', status: 'True', lastTransitionTime: T2 },
    { type: 'ContainersReady', status: 'True', lastTransitionTime: T2 },
    { type: 'Ready', status: 'True', lastTransitionTime: T2 },
  ],
  containerStatuses: [{
    name: 'app', image: 'registry.local/bench/app:1.0', imageID: 'sha256:1234', containerID: 'containerd://abcd',
    ready: true, started: true, restartCount: 0, state: { running: { startedAt: T2 } },
  }],
};

const body = podJSON('bench', 'bench-000002');
function validate(): number {
  const value = JSON.parse(body) as unknown;
  const typeError = findTypeError(value, model, POD);
  const unknown = findUnknownFields(value, model, POD);
  const dups = findDuplicateFields(body);
  return (typeError ? 1 : 0) + unknown.length + dups.length;
}
function parseOnly(): number {
  return (JSON.parse(body) as unknown) === null ? 1 : 0;
}

interface Case { name: string; fn: () => unknown }
const cases: Case[] = [
  { name: 'create (Update, no old object)', fn: () => updateManagedFields(undefined, fresh, opts('kubectl-create', T1)) },
  { name: 'update one label, same manager', fn: () => updateManagedFields(stored, relabeled, opts('kubectl-create', T2)) },
  { name: 'status update, another manager', fn: () => updateManagedFields(stored, withStatus, opts('kubelet', T2, 'status')) },
  { name: 'validation of the pod body (incl. JSON.parse)', fn: validate },
  { name: '  of which JSON.parse alone', fn: parseOnly },
];

/** Bytes allocated while fn runs: heap growth plus what every GC in between freed. */
function measure(fn: () => unknown, ms: number): { usPerOp: number; bytesPerOp: number; ops: number } {
  for (let i = 0; i < 2000; i++) fn(); // warm-up (JIT)
  const profiler = new GCProfiler();
  profiler.start();
  const used0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  let ops = 0;
  let sink = 0;
  while (performance.now() - t0 < ms) {
    for (let i = 0; i < 200; i++) { if (fn() === undefined) sink++; }
    ops += 200;
  }
  const elapsed = performance.now() - t0;
  const used1 = process.memoryUsage().heapUsed;
  const report = profiler.stop();
  let freed = 0;
  for (const s of report?.statistics ?? []) freed += s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize;
  if (sink < 0) console.log(sink);
  return { usPerOp: (elapsed * 1000) / ops, bytesPerOp: (used1 - used0 + freed) / ops, ops };
}

console.log(`node ${process.version}, ${RUN_MS} ms per case`);
for (const c of cases) {
  const r = measure(c.fn, RUN_MS);
  console.log(`${c.name.padEnd(48)} ${r.usPerOp.toFixed(1).padStart(7)} µs/op ${(r.bytesPerOp / 1024).toFixed(1).padStart(7)} KiB/op  (${r.ops} ops)`);
}
