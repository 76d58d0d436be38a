// PodSecurity: the Pod Security Standards from namespace labels
// pod-security.kubernetes.io/{enforce,audit,warn}[-version]: enforce refuses pods, warn answers
// with Warning headers, audit records (k8s.io/pod-security-admission/admission).

import { field, invalid } from '../api/errors.ts';
import type { FieldError } from '../api/errors.ts';
import { isObj, obj, str } from '../api/kinds/access.ts';
import type { Obj } from '../api/kinds/access.ts';
import type { KubeObject } from '../api/types.ts';
import { hook } from './interface.ts';
import type { AdmissionAttributes, AdmissionPlugin } from './interface.ts';
import { describe, evaluatePod } from './podsecurity-checks.ts';
import type { Level } from './podsecurity-checks.ts';
import { admissionForbidden, cachedOrLive, isPod, whenRead } from './reader.ts';
import type { ObjectReader } from './reader.ts';

export const LABEL_PREFIX = 'pod-security.kubernetes.io/';
const MODES = ['enforce', 'audit', 'warn'] as const;
type Mode = typeof MODES[number];
const LEVELS: Level[] = ['privileged', 'baseline', 'restricted'];
const VERSION = /^(latest|v1\.(0|[1-9][0-9]*))$/;

export interface LevelVersion { level: Level; version: string }

export interface PodSecurityOptions {
  /** Levels for namespaces without labels (upstream's defaults: privileged:latest). */
  defaults?: Partial<Record<Mode, LevelVersion>>;
  exemptions?: { usernames?: string[]; namespaces?: string[]; runtimeClasses?: string[] };
  /** Where audit-mode violations are recorded. */
  audit?: (msg: string) => void;
}

const PRIVILEGED: LevelVersion = { level: 'privileged', version: 'latest' };
const RESTRICTED: LevelVersion = { level: 'restricted', version: 'latest' };

export function levelString(lv: LevelVersion): string { return `${lv.level}:${lv.version}`; }

/** The policy a namespace's labels set; invalid labels fall back to restricted:latest (fail closed, as upstream). */
export function namespacePolicy(labels: Record<string, string> = {}, defaults: Partial<Record<Mode, LevelVersion>> = {}): Record<Mode, LevelVersion> {
  const out = {} as Record<Mode, LevelVersion>;
  for (const m of MODES) {
    const level = labels[`${LABEL_PREFIX}${m}`];
    const version = labels[`${LABEL_PREFIX}${m}-version`];
    const def = defaults[m] ?? PRIVILEGED;
    if ((level !== undefined && !LEVELS.includes(level as Level)) || (version !== undefined && !VERSION.test(version))) {
      out[m] = RESTRICTED;
      continue;
    }
    out[m] = { level: (level as Level | undefined) ?? def.level, version: version ?? def.version };
  }
  return out;
}

function labelErrors(labels: Record<string, string> = {}): FieldError[] {
  const errs: FieldError[] = [];
  for (const m of MODES) {
    const lk = `${LABEL_PREFIX}${m}`;
    const level = labels[lk];
    if (level !== undefined && !LEVELS.includes(level as Level)) {
      errs.push(field.notSupported(`metadata.labels[${lk}]`, level, LEVELS));
    }
    const vk = `${lk}-version`;
    const version = labels[vk];
    if (version !== undefined && !VERSION.test(version)) errs.push(field.invalid(`metadata.labels[${vk}]`, version, 'must be "latest" or "v1.x"'));
  }
  return errs;
}

const TEMPLATE_PATHS: Record<string, string[]> = {
  'apps/deployments': ['spec', 'template'], 'apps/replicasets': ['spec', 'template'], 'apps/statefulsets': ['spec', 'template'],
  'apps/daemonsets': ['spec', 'template'], 'batch/jobs': ['spec', 'template'], 'batch/cronjobs': ['spec', 'jobTemplate', 'spec', 'template'],
  '/replicationcontrollers': ['spec', 'template'], '/podtemplates': ['template'],
};

function templateOf(o: KubeObject, path: string[]): Obj | undefined {
  let cur: unknown = o;
  for (const p of path) cur = isObj(cur) ? cur[p] : undefined;
  return isObj(cur) ? cur : undefined;
}

export class PodSecurity implements AdmissionPlugin {
  readonly name = 'PodSecurity';
  private readonly reader: ObjectReader;
  private readonly opts: PodSecurityOptions;
  constructor(reader: ObjectReader, opts: PodSecurityOptions = {}) { this.reader = reader; this.opts = opts; }

  validate(a: AdmissionAttributes): void | Promise<void> {
    return hook(() => {
      if (a.type.group === '' && a.type.resource === 'namespaces') { this.namespace(a); return; }
      if (!a.object || !a.namespace || (a.operation !== 'CREATE' && a.operation !== 'UPDATE')) return;
      const ex = this.opts.exemptions;
      if (ex?.namespaces?.includes(a.namespace) || (a.user && ex?.usernames?.includes(a.user.name))) return;
      if (isPod(a)) {
        if (a.subresource !== '' && a.subresource !== 'ephemeralcontainers') return;
        if (a.operation === 'UPDATE' && a.oldObject && !significantUpdate(a.object, a.oldObject)) return;
        return this.pod(a, a.object.metadata as Obj, obj(a.object.spec), true);
      }
      const path = TEMPLATE_PATHS[`${a.type.group}/${a.type.resource}`];
      if (!path || a.subresource) return;
      const tpl = templateOf(a.object, path);
      if (tpl) return this.pod(a, obj(tpl.metadata), obj(tpl.spec), false);
    });
  }

  private pod(a: AdmissionAttributes, meta: Obj, spec: Obj, enforce: boolean): void | Promise<void> {
    if (this.opts.exemptions?.runtimeClasses?.includes(str(spec.runtimeClassName))) return;
    // The namespace's policy, from storage when the cache does not have it yet (just created).
    return whenRead(cachedOrLive(this.reader, '', 'namespaces', '', a.namespace), (ns) => {
      this.judge(a, namespacePolicy(ns?.metadata.labels, this.opts.defaults), meta, spec, enforce);
    });
  }

  private judge(a: AdmissionAttributes, p: Record<Mode, LevelVersion>, meta: Obj, spec: Obj, enforce: boolean): void {
    const denied = enforce ? evaluatePod(p.enforce.level, meta, spec) : [];
    if (denied.length > 0) {
      throw admissionForbidden(a, `violates PodSecurity ${JSON.stringify(levelString(p.enforce))}: ${describe(denied)}`);
    }
    const audited = evaluatePod(p.audit.level, meta, spec);
    if (audited.length > 0) {
      this.opts.audit?.(`pod-security.kubernetes.io/audit-violations: ${a.namespace}/${a.name} (${a.type.resource}) would violate PodSecurity ${JSON.stringify(levelString(p.audit))}: ${describe(audited)}`);
    }
    const warned = evaluatePod(p.warn.level, meta, spec);
    if (warned.length > 0) a.warnings?.push(`would violate PodSecurity ${JSON.stringify(levelString(p.warn))}: ${describe(warned)}`);
  }

  /** Namespace labels must be valid; a stricter enforce level warns about the pods it would refuse. */
  private namespace(a: AdmissionAttributes): void {
    if (!a.object || (a.operation !== 'CREATE' && a.operation !== 'UPDATE') || a.subresource) return;
    const labels = a.object.metadata.labels;
    const errs = labelErrors(labels);
    if (errs.length > 0) throw invalid({ group: '', kind: 'Namespace' }, a.name, errs);
    if (a.operation !== 'UPDATE' || !a.warnings) return;
    const before = namespacePolicy(a.oldObject?.metadata.labels, this.opts.defaults).enforce;
    const after = namespacePolicy(labels, this.opts.defaults).enforce;
    if (levelString(before) === levelString(after) || after.level === 'privileged' || this.opts.exemptions?.namespaces?.includes(a.name)) return;
    const offenders: string[] = [];
    for (const pod of this.reader.list('', 'pods', a.name).sort((x, y) => (x.metadata.name ?? '').localeCompare(y.metadata.name ?? ''))) {
      const failed = evaluatePod(after.level, pod.metadata as Obj, obj(pod.spec));
      if (failed.length > 0) offenders.push(`${pod.metadata.name ?? ''}: ${failed.map((r) => r.reason).join(', ')}`);
    }
    if (offenders.length === 0) return;
    a.warnings.push(`existing pods in namespace ${JSON.stringify(a.name)} violate the new PodSecurity enforce level ${JSON.stringify(levelString(after))}`);
    a.warnings.push(...offenders);
  }
}

/** Updates that only touch status or metadata other than what the checks read are not re-checked. */
function significantUpdate(next: KubeObject, prev: KubeObject): boolean {
  return JSON.stringify(next.spec) !== JSON.stringify(prev.spec)
    || JSON.stringify(next.metadata.annotations ?? {}) !== JSON.stringify(prev.metadata.annotations ?? {});
}
