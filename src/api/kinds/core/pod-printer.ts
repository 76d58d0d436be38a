// The Pod Table row, as upstream's printPod: READY, STATUS (reason, init progress, waiting and
// terminated reasons, Terminating), RESTARTS with "(5m ago)", AGE, and the wide columns.

import type { PrinterColumn } from '../../registry.ts';
import type { KubeObject } from '../../types.ts';
import { isObj, obj, objs, str, type Obj } from '../access.ts';
import { ageColumn, col, int, nameColumn, specOf, statusOf, translateTimestampSince, age } from '../printers.ts';

export const podColumns: PrinterColumn[] = [
  nameColumn(),
  col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  col('Status', 'string', 'The aggregate status of the containers in this pod.'),
  col('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  ageColumn(),
  col('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1),
  col('Node', 'string', 'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName.', 1),
  col('Nominated Node', 'string', 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.', 1),
  col('Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True"', 1),
];

/** A sidecar: an init container with restartPolicy Always. */
function isRestartableInit(c: Obj | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function terminatedReason(t: Obj, prefix: string): string {
  if (str(t.reason)) return prefix + str(t.reason);
  if (int(t.signal) !== 0) return `${prefix}Signal:${int(t.signal)}`;
  return `${prefix}ExitCode:${int(t.exitCode)}`;
}

function later(a: string, b: unknown): string {
  const s = str(b);
  if (!s) return a;
  if (!a) return s;
  return Date.parse(s) > Date.parse(a) ? s : a;
}

function conditionTrue(status: Obj, type: string): boolean {
  return objs(status.conditions).some((c) => c.type === type && c.status === 'True');
}

export function podRow(pod: KubeObject, now: number): unknown[] {
  const spec = specOf(pod);
  const status = statusOf(pod);
  const initSpecs = objs(spec.initContainers);
  let totalContainers = objs(spec.containers).length;
  let readyContainers = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart = '';
  let lastSidecarRestart = '';
  const phase = str(status.phase);
  let reason = str(status.reason) || phase;

  for (const c of objs(status.conditions)) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const initByName = new Map<string, Obj>();
  for (const c of initSpecs) {
    initByName.set(str(c.name), c);
    if (isRestartableInit(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = objs(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i] as Obj;
    const state = obj(cs.state);
    const lastTerminated = obj(obj(cs.lastState).terminated);
    restarts += int(cs.restartCount);
    lastRestart = later(lastRestart, lastTerminated.finishedAt);
    const sidecar = isRestartableInit(initByName.get(str(cs.name)));
    if (sidecar) {
      sidecarRestarts += int(cs.restartCount);
      lastSidecarRestart = later(lastSidecarRestart, lastTerminated.finishedAt);
    }
    const terminated = isObj(state.terminated) ? state.terminated : undefined;
    const waiting = isObj(state.waiting) ? state.waiting : undefined;
    if (terminated && int(terminated.exitCode) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready === true) readyContainers++;
      continue;
    }
    if (terminated) reason = terminatedReason(terminated, 'Init:');
    else if (waiting && str(waiting.reason) && waiting.reason !== 'PodInitializing') reason = `Init:${str(waiting.reason)}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = objs(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i] as Obj;
      const state = obj(cs.state);
      restarts += int(cs.restartCount);
      lastRestart = later(lastRestart, obj(obj(cs.lastState).terminated).finishedAt);
      const waiting = obj(state.waiting);
      if (isObj(state.waiting) && str(waiting.reason)) reason = str(waiting.reason);
      else if (isObj(state.terminated)) reason = terminatedReason(state.terminated, '');
      else if (cs.ready === true && isObj(state.running)) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose last container completed while another still runs is not "Completed".
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(status, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') reason = 'Terminating';

  const restartsCell = restarts !== 0 && lastRestart
    ? `${restarts} (${translateTimestampSince(lastRestart, now)} ago)`
    : String(restarts);

  const podIP = str(objs(status.podIPs)[0]?.ip) || str(status.podIP) || '<none>';
  const gates = objs(spec.readinessGates);
  let readinessGates = '<none>';
  if (gates.length > 0) {
    const conds = objs(status.conditions);
    const trueCount = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length;
    readinessGates = `${trueCount}/${gates.length}`;
  }
  return [
    pod.metadata.name ?? '',
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsCell,
    age(pod, now),
    podIP,
    str(spec.nodeName) || '<none>',
    str(status.nominatedNodeName) || '<none>',
    readinessGates,
  ];
}

