// The simulated container runtime of a hollow node, as a pure function of time: given a pod, its
// behaviour and when it was admitted, the status the kubelet would report at `now`, and when that
// status next changes. Restarts follow restartPolicy with the kubelet's CrashLoopBackOff
// (first restart at once, then initial × 2^n up to max), readiness follows its delay and flips.

import { createHash } from 'node:crypto';
import type {
  ContainerState, ContainerStateTerminated, ContainerStatus, Pod, PodCondition, PodStatus,
} from 'kubernetes-types/core/v1.js';
import type { ContainerBehaviour, PodBehaviour } from './config.ts';

export interface SimulationInput {
  pod: Pod;
  behaviour: PodBehaviour;
  /** When the node admitted the pod (ms). */
  admittedAt: number;
  /** When the node saw the pod's deletion and stopped its containers (ms). */
  stoppedAt?: number;
  backoff: { initialMs: number; maxMs: number };
  hostIP: string;
  /** The pod's IP, once it has a sandbox. */
  podIP?: string;
  /** The status last seen or written: kept fields and unchanged conditions' transition times. */
  previous?: PodStatus;
  now: number;
}

export interface SimulationResult {
  status: PodStatus;
  /** When the status changes next without outside events (ms), if ever. */
  nextAt: number | undefined;
}

/** metav1.Time: RFC 3339 in whole seconds. */
export function metaTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function imageID(image: string): string {
  return `hollow://sha256:${createHash('sha256').update(image).digest('hex')}`;
}

function containerID(pod: Pod, name: string, attempt: number): string {
  const uid = pod.metadata?.uid ?? pod.metadata?.name ?? '';
  return `hollow://${uid}/${name}/${attempt}`;
}

interface ContainerView {
  status: ContainerStatus;
  /** Running now (or about to be restarted). */
  active: boolean;
  nextAt: number | undefined;
}

function minOf(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function terminated(exitCode: number, startedAt: number, finishedAt: number, id: string): ContainerStateTerminated {
  return {
    exitCode, reason: exitCode === 0 ? 'Completed' : 'Error',
    startedAt: metaTime(startedAt), finishedAt: metaTime(finishedAt), containerID: id,
  };
}

/** Readiness of a container running since `start`: ready now?, and when that flips next. */
function readiness(b: ContainerBehaviour, start: number, now: number): { ready: boolean; nextAt: number | undefined } {
  const readyAt = start + b.readyAfterMs;
  if (now < readyAt) return { ready: false, nextAt: readyAt };
  if (b.unreadyEveryMs === undefined || b.unreadyForMs === undefined) return { ready: true, nextAt: undefined };
  const period = b.unreadyEveryMs;
  const readyFor = period - b.unreadyForMs;
  const phase = (now - readyAt) % period;
  const cycleStart = now - phase;
  return phase < readyFor ? { ready: true, nextAt: cycleStart + readyFor } : { ready: false, nextAt: cycleStart + period };
}

/**
 * One app container from `start` on: runs, exits after b.runMs (if set), is restarted per the
 * restart policy with back-off; stopped at `stopAt` when the pod is being deleted.
 */
function appContainer(
  pod: Pod, name: string, image: string, b: ContainerBehaviour, start: number, restartPolicy: string,
  backoff: SimulationInput['backoff'], now: number, stop: { at: number; exitCode: number } | undefined,
): ContainerView {
  const base = { name, image, imageID: imageID(image) };
  const until = stop ? Math.min(now, stop.at) : now;
  let lastState: ContainerState = {};
  let runStart = start;
  let lastEnd = start;
  for (let restarts = 0; ; restarts++) {
    const id = containerID(pod, name, restarts);
    if (until < runStart) {
      // Waiting to be restarted (the first restart is immediate, so this is a back-off).
      const delayS = Math.round((runStart - lastEnd) / 1000);
      const waiting: ContainerState = {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off ${delayS}s restarting failed container=${name} pod=${pod.metadata?.name ?? ''}_${pod.metadata?.namespace ?? ''}(${pod.metadata?.uid ?? ''})`,
        },
      };
      if (stop) {
        const last = lastState.terminated;
        return {
          status: { ...base, state: { terminated: last ?? terminated(stop.exitCode, stop.at, stop.at, id) }, lastState: {}, ready: false, restartCount: restarts - 1, started: false },
          active: false, nextAt: undefined,
        };
      }
      // restartCount counts restarts done; this one has not happened yet.
      return { status: { ...base, state: waiting, lastState, ready: false, restartCount: restarts - 1, started: false }, active: true, nextAt: runStart };
    }
    const end = b.runMs !== undefined ? runStart + b.runMs : undefined;
    if (end === undefined || until < end) {
      if (stop) {
        return {
          status: { ...base, state: { terminated: terminated(stop.exitCode, runStart, stop.at, id) }, lastState, ready: false, restartCount: restarts, started: false, containerID: id },
          active: false, nextAt: undefined,
        };
      }
      const r = readiness(b, runStart, now);
      return {
        status: { ...base, state: { running: { startedAt: metaTime(runStart) } }, lastState, ready: r.ready, restartCount: restarts, started: true, containerID: id },
        active: true, nextAt: minOf(r.nextAt, end),
      };
    }
    const term = terminated(b.exitCode, runStart, end, id);
    const restart = restartPolicy === 'Always' || (restartPolicy === 'OnFailure' && b.exitCode !== 0);
    if (!restart) {
      return { status: { ...base, state: { terminated: term }, lastState, ready: false, restartCount: restarts, started: false, containerID: id }, active: false, nextAt: undefined };
    }
    const delay = restarts === 0 ? 0 : Math.min(backoff.initialMs * 2 ** (restarts - 1), backoff.maxMs);
    lastState = { terminated: term };
    lastEnd = end;
    runStart = end + delay;
  }
}

/** Condition with the previous lastTransitionTime kept when its status did not change. */
function condition(type: string, ok: boolean, now: number, prev: PodCondition[], reason?: string, message?: string): PodCondition {
  const status = ok ? 'True' : 'False';
  const old = prev.find((c) => c.type === type);
  const c: PodCondition = {
    type, status, lastProbeTime: null as unknown as string,
    lastTransitionTime: old && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : metaTime(now),
  };
  if (!ok && reason) c.reason = reason;
  if (!ok && message) c.message = message;
  return c;
}

const KubeletConditions = new Set(['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready', 'PodScheduled']);

export function simulatePod(input: SimulationInput): SimulationResult {
  const { pod, behaviour: b, admittedAt, now } = input;
  const spec = pod.spec ?? { containers: [] };
  const prev = input.previous ?? {};
  const prevConds = prev.conditions ?? [];
  const restartPolicy = spec.restartPolicy ?? 'Always';
  const stop = input.stoppedAt !== undefined ? { at: input.stoppedAt, exitCode: b.stopExitCode } : undefined;
  const until = stop ? Math.min(now, stop.at) : now;
  let nextAt: number | undefined;

  const sandboxAt = admittedAt + b.startupDelayMs;
  const sandboxReady = until >= sandboxAt;
  if (!sandboxReady && !stop) nextAt = sandboxAt;

  // Init containers run one after another; restartable ones (sidecars) start and keep running.
  const initStatuses: ContainerStatus[] = [];
  let t = sandboxAt;
  const initIncomplete: string[] = [];
  for (const c of spec.initContainers ?? []) {
    const image = c.image ?? '';
    const base = { name: c.name, image, imageID: imageID(image), restartCount: 0 };
    const id = containerID(pod, c.name, 0);
    const sidecar = c.restartPolicy === 'Always';
    const done = t + (sidecar ? 0 : b.initContainerMs);
    if (until < t || !sandboxReady) {
      initIncomplete.push(c.name);
      initStatuses.push({ ...base, state: { waiting: { reason: 'PodInitializing' } }, lastState: {}, ready: false, started: false });
    } else if (sidecar) {
      initStatuses.push({ ...base, state: stop ? { terminated: terminated(stop.exitCode, t, stop.at, id) } : { running: { startedAt: metaTime(t) } }, lastState: {}, ready: !stop, started: !stop, containerID: id });
    } else if (until < done) {
      initIncomplete.push(c.name);
      initStatuses.push({ ...base, state: { running: { startedAt: metaTime(t) } }, lastState: {}, ready: false, started: true, containerID: id });
      if (!stop) nextAt = minOf(nextAt, done);
    } else {
      initStatuses.push({ ...base, state: { terminated: terminated(0, t, done, id) }, lastState: {}, ready: false, started: false, containerID: id });
    }
    t = done;
  }
  const appStart = t;
  const initialized = sandboxReady && initIncomplete.length === 0 && until >= appStart;

  const containerStatuses: ContainerStatus[] = [];
  const unready: string[] = [];
  let active = 0;
  let failed = 0;
  for (const c of spec.containers) {
    const image = c.image ?? '';
    if (!initialized) {
      const reason = (spec.initContainers ?? []).length > 0 ? 'PodInitializing' : 'ContainerCreating';
      containerStatuses.push({ name: c.name, image, imageID: '', state: { waiting: { reason } }, lastState: {}, ready: false, restartCount: 0, started: false });
      unready.push(c.name);
      if (stop) failed++;
      continue;
    }
    const cb = b.containers.get(c.name) ?? { readyAfterMs: 0, exitCode: 0 };
    const v = appContainer(pod, c.name, image, cb, appStart, restartPolicy, input.backoff, now, stop);
    containerStatuses.push(v.status);
    if (!v.status.ready) unready.push(c.name);
    if (v.active) active++;
    else if ((v.status.state?.terminated?.exitCode ?? 0) !== 0) failed++;
    nextAt = minOf(nextAt, v.nextAt);
  }

  let phase: string;
  if (stop) phase = failed > 0 ? 'Failed' : 'Succeeded';
  else if (!initialized) phase = 'Pending';
  else if (active > 0 || spec.containers.length === 0) phase = 'Running';
  else phase = failed > 0 ? 'Failed' : 'Succeeded';
  const terminal = phase === 'Succeeded' || phase === 'Failed';

  const gates = (spec.readinessGates ?? []).map((g) => g.conditionType);
  const gatesFalse = gates.filter((g) => prevConds.find((c) => c.type === g)?.status !== 'True');
  const list = (names: string[]): string => `[${names.join(' ')}]`;
  const containersReady = !terminal && unready.length === 0;
  const scheduled = prevConds.find((c) => c.type === 'PodScheduled');
  const conditions: PodCondition[] = [
    condition('PodReadyToStartContainers', sandboxReady && !terminal, now, prevConds),
    condition('Initialized', initialized || (terminal && initIncomplete.length === 0), now, prevConds, 'ContainersNotInitialized', `containers with incomplete status: ${list(initIncomplete)}`),
    condition('Ready', containersReady && gatesFalse.length === 0, now, prevConds,
      terminal ? 'PodCompleted' : unready.length ? 'ContainersNotReady' : 'ReadinessGatesNotReady',
      terminal ? undefined : unready.length ? `containers with unready status: ${list(unready)}` : `corresponding condition of pod readiness gate "${gatesFalse[0] ?? ''}" does not exist.`),
    condition('ContainersReady', containersReady, now, prevConds, terminal ? 'PodCompleted' : 'ContainersNotReady',
      terminal ? undefined : `containers with unready status: ${list(unready)}`),
    scheduled && scheduled.status === 'True' ? scheduled : { type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: metaTime(admittedAt) },
  ];
  // Conditions other writers own (readiness gates, DisruptionTarget, …) are kept as they are.
  for (const c of prevConds) if (!KubeletConditions.has(c.type)) conditions.push(c);

  const status: PodStatus = {
    phase, conditions, hostIP: input.hostIP, hostIPs: [{ ip: input.hostIP }],
    startTime: prev.startTime ?? metaTime(admittedAt),
  };
  if (input.podIP && sandboxReady) { status.podIP = input.podIP; status.podIPs = [{ ip: input.podIP }]; }
  if (initStatuses.length) status.initContainerStatuses = initStatuses;
  status.containerStatuses = containerStatuses;
  if (prev.qosClass) status.qosClass = prev.qosClass;
  if (prev.nominatedNodeName) status.nominatedNodeName = prev.nominatedNodeName;
  return { status, nextAt: terminal || stop ? undefined : nextAt };
}
