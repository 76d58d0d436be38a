// Configuration of hollow (simulated) nodes: process-wide defaults, an optional config file, and
// the per-pod annotations that pick a pod's simulated lifecycle (what users ask kwok for).
//
// Annotations (all optional; durations are seconds ("2", "0.5") or "1500ms", "2s", "1m", "1h"):
//   hollow.coxswain.io/startup-delay    time from admission until containers start (sandbox, pulls)
//   hollow.coxswain.io/init-duration    how long each init container runs before it completes
//   hollow.coxswain.io/ready-after      time from a container's start until it reports ready
//   hollow.coxswain.io/unready-every    once ready, readiness flips off once per this period …
//   hollow.coxswain.io/unready-for      … for this long (must be shorter than the period)
//   hollow.coxswain.io/fail-after       a container exits with exit-code after running this long;
//                                       restarts follow restartPolicy with CrashLoopBackOff back-off
//   hollow.coxswain.io/exit-code        exit code for fail-after (default 1)
//   hollow.coxswain.io/complete-after   a container exits 0 after running this long (jobs: with
//                                       restartPolicy Never/OnFailure the pod then Succeeds)
//   hollow.coxswain.io/containers       comma list of container names the lifecycle annotations
//                                       apply to (default: every container)
//   hollow.coxswain.io/stop-exit-code   exit code reported when the pod is deleted (default 0)
//   hollow.coxswain.io/cpu-usage        simulated cpu usage of the pod (quantity, e.g. "250m")
//   hollow.coxswain.io/memory-usage     simulated memory usage of the pod (quantity, e.g. "64Mi")

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Pod } from 'kubernetes-types/core/v1.js';

export const AnnotationPrefix = 'hollow.coxswain.io/';
export const Annotations = {
  startupDelay: `${AnnotationPrefix}startup-delay`,
  initDuration: `${AnnotationPrefix}init-duration`,
  readyAfter: `${AnnotationPrefix}ready-after`,
  unreadyEvery: `${AnnotationPrefix}unready-every`,
  unreadyFor: `${AnnotationPrefix}unready-for`,
  failAfter: `${AnnotationPrefix}fail-after`,
  exitCode: `${AnnotationPrefix}exit-code`,
  completeAfter: `${AnnotationPrefix}complete-after`,
  containers: `${AnnotationPrefix}containers`,
  stopExitCode: `${AnnotationPrefix}stop-exit-code`,
  cpuUsage: `${AnnotationPrefix}cpu-usage`,
  memoryUsage: `${AnnotationPrefix}memory-usage`,
} as const;

export interface PodDefaults {
  /** Seconds from admission until containers start. */
  startupDelaySeconds: number;
  /** Seconds each init container runs. */
  initContainerSeconds: number;
  /** Seconds from a container's start until it is ready (a readinessProbe's initialDelaySeconds wins). */
  readyAfterSeconds: number;
  /** Pods owned by a Job complete (exit 0) after this many seconds; absent: they run until told. */
  jobCompleteAfterSeconds?: number;
  /** Simulated usage = container requests × this factor, unless annotated. */
  usageFactor: number;
}

export interface HollowConfig {
  pods: PodDefaults;
  /** Restart back-off of crashing containers: doubles from initial up to max (kubelet: 10 s, 300 s). */
  crashLoopBackOff: { initialSeconds: number; maxSeconds: number };
  /** A deleted pod is removed after min(its grace period, this) seconds. */
  deletionStopSeconds: number;
  leaseDurationSeconds: number;
  leaseRenewSeconds: number;
  /** How often node status (conditions, heartbeat times) is reported when nothing changed (kubelet: 5 min). */
  nodeStatusReportSeconds: number;
  /** Pod status writes per second for the whole process (≤ 0: unlimited). */
  statusQPS: number;
  statusBurst: number;
  /** Pod status writes in flight at once. */
  statusWorkers: number;
  /** Lease, node status and registration requests per second (≤ 0: unlimited). */
  heartbeatQPS: number;
  /** Node registrations in flight at once. */
  registerConcurrency: number;
}

export const defaultHollowConfig: HollowConfig = {
  pods: { startupDelaySeconds: 0, initContainerSeconds: 0, readyAfterSeconds: 0, jobCompleteAfterSeconds: 2, usageFactor: 0.5 },
  crashLoopBackOff: { initialSeconds: 10, maxSeconds: 300 },
  deletionStopSeconds: 1,
  leaseDurationSeconds: 40,
  leaseRenewSeconds: 10,
  nodeStatusReportSeconds: 300,
  statusQPS: 500,
  statusBurst: 1000,
  statusWorkers: 64,
  heartbeatQPS: -1,
  registerConcurrency: 32,
};

export type HollowConfigInput = Partial<Omit<HollowConfig, 'pods' | 'crashLoopBackOff'>> & {
  pods?: Partial<PodDefaults>;
  crashLoopBackOff?: Partial<HollowConfig['crashLoopBackOff']>;
};

/** Defaults overlaid with the given settings (one level deep for pods and crashLoopBackOff). */
export function resolveHollowConfig(input: HollowConfigInput = {}): HollowConfig {
  const d = defaultHollowConfig;
  return {
    ...d,
    ...stripUndefined(input),
    pods: { ...d.pods, ...stripUndefined(input.pods ?? {}) },
    crashLoopBackOff: { ...d.crashLoopBackOff, ...stripUndefined(input.crashLoopBackOff ?? {}) },
  } as HollowConfig;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Reads a YAML or JSON file holding a HollowConfigInput. */
export function loadHollowConfig(file: string): HollowConfig {
  const doc = parse(readFileSync(file, 'utf8')) as unknown;
  if (doc !== null && (typeof doc !== 'object' || Array.isArray(doc))) throw new Error(`${file}: hollow config must be a mapping`);
  return resolveHollowConfig((doc ?? {}) as HollowConfigInput);
}

/** "2", "0.5", "1500ms", "2s", "1m", "1h" → milliseconds; undefined when absent or malformed. */
export function parseDurationMs(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000;
  return Math.round(n * factor);
}

function parseIntOr(v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number.parseInt(v, 10);
  return Number.isInteger(n) && n >= 0 && n <= 255 ? n : dflt;
}

/** How one container behaves over time. */
export interface ContainerBehaviour {
  /** Time from start until ready. */
  readyAfterMs: number;
  /** Readiness flip: unready for unreadyForMs once every unreadyEveryMs. */
  unreadyEveryMs?: number;
  unreadyForMs?: number;
  /** The container exits after running this long, with exitCode. */
  runMs?: number;
  exitCode: number;
}

/** How one pod behaves, from its annotations and the process defaults. */
export interface PodBehaviour {
  startupDelayMs: number;
  initContainerMs: number;
  stopExitCode: number;
  containers: Map<string, ContainerBehaviour>;
}

function ownedByJob(pod: Pod): boolean {
  return (pod.metadata?.ownerReferences ?? []).some((r) => r.kind === 'Job' && r.controller === true);
}

/** Reads a pod's behaviour; malformed annotations fall back to the defaults. */
export function podBehaviour(pod: Pod, cfg: HollowConfig): PodBehaviour {
  const a = pod.metadata?.annotations ?? {};
  const d = cfg.pods;
  const failAfter = parseDurationMs(a[Annotations.failAfter]);
  let completeAfter = parseDurationMs(a[Annotations.completeAfter]);
  if (completeAfter === undefined && failAfter === undefined && d.jobCompleteAfterSeconds !== undefined && ownedByJob(pod)) {
    completeAfter = d.jobCompleteAfterSeconds * 1000;
  }
  const unreadyEvery = parseDurationMs(a[Annotations.unreadyEvery]);
  const unreadyFor = parseDurationMs(a[Annotations.unreadyFor]);
  const flips = unreadyEvery !== undefined && unreadyFor !== undefined && unreadyFor > 0 && unreadyFor < unreadyEvery;
  const annotatedReady = parseDurationMs(a[Annotations.readyAfter]);
  const only = a[Annotations.containers]?.split(',').map((s) => s.trim()).filter(Boolean);
  const containers = new Map<string, ContainerBehaviour>();
  for (const c of pod.spec?.containers ?? []) {
    const applies = !only || only.includes(c.name);
    const probeDelay = c.readinessProbe ? (c.readinessProbe.initialDelaySeconds ?? 0) * 1000 : undefined;
    const b: ContainerBehaviour = {
      readyAfterMs: (applies ? annotatedReady : undefined) ?? probeDelay ?? d.readyAfterSeconds * 1000,
      exitCode: 0,
    };
    if (applies) {
      if (flips) { b.unreadyEveryMs = unreadyEvery; b.unreadyForMs = unreadyFor; }
      if (failAfter !== undefined) { b.runMs = failAfter; b.exitCode = parseIntOr(a[Annotations.exitCode], 1) || 1; }
      else if (completeAfter !== undefined) { b.runMs = completeAfter; b.exitCode = 0; }
    }
    containers.set(c.name, b);
  }
  return {
    startupDelayMs: parseDurationMs(a[Annotations.startupDelay]) ?? d.startupDelaySeconds * 1000,
    initContainerMs: parseDurationMs(a[Annotations.initDuration]) ?? d.initContainerSeconds * 1000,
    stopExitCode: parseIntOr(a[Annotations.stopExitCode], 0),
    containers,
  };
}
