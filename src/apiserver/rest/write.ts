// The shared write path of create and update: object metadata, defaulting, strategy hooks,
// admission, validation and managed fields (upstream's rest.BeforeCreate / BeforeUpdate).

import type { AdmissionAttributes, Operation } from '../../admission/interface.ts';
import { invalid } from '../../api/errors.ts';
import { jsonEqual } from '../../api/patch/json.ts';
import type { FieldError } from '../../api/errors.ts';
import type { ResourceType } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../api/validation/meta.ts';
import type { ApiContext } from './context.ts';
import { recordManagedFields } from './fieldmanager.ts';
import { generateName, newUID, nowTimestamp, requireName } from './objects.ts';

export interface WriteScope {
  ctx: ApiContext;
  /** The served type of the request. */
  t: ResourceType;
  namespace: string;
  subresource: string;
  user: AdmissionAttributes['user'];
  dryRun: boolean;
  fieldManager: string;
  /** Server-side apply computed managedFields itself: do not record an Update entry. */
  applied?: boolean;
  /** Warnings for the response (admission's warn mode, deprecations). */
  warnings?: string[];
}

/** Fills server-set metadata, defaults, admits and validates a new object (storage form). */
export async function prepareCreate(s: WriteScope, obj: KubeObject): Promise<KubeObject> {
  const st = s.ctx.registry.storageTypeOf(s.t);
  const m = obj.metadata;
  if (st.namespaced) m.namespace = s.namespace || m.namespace;
  else delete m.namespace;
  if (!m.name && m.generateName) m.name = generateName(m.generateName);
  requireName(obj, s.t);
  m.uid = newUID();
  m.creationTimestamp = nowTimestamp();
  delete m.resourceVersion;
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.selfLink;
  if (st.tracksGeneration !== false) m.generation = 1;
  else delete m.generation;
  st.defaults?.(obj);
  st.prepareForCreate?.(obj, s.ctx.strategy);
  await admit(s, 'CREATE', obj, undefined);
  validateOrThrow(s, obj, [
    ...validateObjectMeta(obj.metadata, { namespaced: st.namespaced, nameRule: st.nameRule ?? 'subdomain' }),
    ...(st.validate?.(obj) ?? []),
  ]);
  await admitValidate(s, 'CREATE', obj, undefined);
  if (!s.applied) recordManagedFields(s, undefined, obj);
  return obj;
}

/** main: the resource itself; status: /status; finalize: namespaces/finalize (spec.finalizers only); sub: other subresources. */
export type UpdateMode = 'main' | 'status' | 'finalize' | 'sub';

/**
 * Turns the requested object into the one to store over `old` (storage form). Returns
 * undefined when nothing would change (no write, as upstream skips no-op updates).
 */
export async function prepareUpdate(s: WriteScope, obj: KubeObject, old: KubeObject, mode: UpdateMode): Promise<KubeObject | undefined> {
  const st = s.ctx.registry.storageTypeOf(s.t);
  const om = old.metadata;
  const m = obj.metadata;
  // Server-owned metadata always comes from the stored object.
  m.name = om.name;
  if (st.namespaced) m.namespace = om.namespace; else delete m.namespace;
  m.uid = om.uid;
  m.creationTimestamp = om.creationTimestamp;
  if (om.deletionTimestamp) m.deletionTimestamp = om.deletionTimestamp; else delete m.deletionTimestamp;
  if (om.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
  else delete m.deletionGracePeriodSeconds;
  delete m.selfLink;
  if (m.managedFields === undefined && om.managedFields) m.managedFields = om.managedFields;
  m.resourceVersion = om.resourceVersion;

  if (mode === 'finalize') {
    // namespaces/finalize changes spec.finalizers and nothing else.
    const finalizers = (obj.spec as { finalizers?: unknown } | undefined)?.finalizers;
    for (const k of Object.keys(obj)) if (k !== 'metadata' && k !== 'apiVersion' && k !== 'kind') delete obj[k];
    for (const [k, v] of Object.entries(old)) if (k !== 'metadata') obj[k] = structuredClone(v);
    const spec = ((obj.spec ??= {}) as { finalizers?: unknown });
    if (finalizers === undefined) delete spec.finalizers; else spec.finalizers = finalizers;
  } else if (mode === 'status') {
    // Writes to /status change status (and metadata) only.
    for (const k of Object.keys(obj)) if (k !== 'metadata' && k !== 'status' && k !== 'apiVersion' && k !== 'kind') delete obj[k];
    for (const [k, v] of Object.entries(old)) if (k !== 'metadata' && k !== 'status') obj[k] = v;
  } else if (mode === 'main') {
    st.defaults?.(obj);
    st.prepareForUpdate?.(obj, old, s.ctx.strategy);
  }
  if (st.tracksGeneration !== false) {
    m.generation = om.generation ?? 1;
    if (mode !== 'status' && mode !== 'finalize' && specChanged(obj, old)) m.generation = (om.generation ?? 0) + 1;
  }
  await admit(s, 'UPDATE', obj, old);
  const errs: FieldError[] = [...validateObjectMetaUpdate(m, om)];
  if (errs.length === 0) errs.push(...validateObjectMeta(m, { namespaced: st.namespaced, nameRule: st.nameRule ?? 'subdomain' }));
  if (mode === 'status') errs.push(...(st.validateStatusUpdate?.(obj, old) ?? []));
  else if (mode === 'main') errs.push(...(st.validateUpdate?.(obj, old) ?? st.validate?.(obj) ?? []));
  validateOrThrow(s, obj, errs);
  await admitValidate(s, 'UPDATE', obj, old);
  if (!s.applied) recordManagedFields(s, old, obj);
  if (sameObject(obj, old)) return undefined;
  return obj;
}

/** Anything outside metadata and status changed (what bumps metadata.generation). */
export function specChanged(a: KubeObject, b: KubeObject): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === 'metadata' || k === 'status' || k === 'apiVersion' || k === 'kind') continue;
    if (!jsonEqual(a[k], b[k])) return true;
  }
  return false;
}

/** Equal but for resourceVersion and the timestamps of managed fields. */
function sameObject(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject): unknown => ({
    ...o,
    metadata: {
      ...o.metadata, resourceVersion: undefined,
      managedFields: o.metadata.managedFields?.map((e) => ({ ...e, time: undefined })),
    },
  });
  return jsonEqual(strip(a), strip(b));
}

function validateOrThrow(s: WriteScope, obj: KubeObject, errs: FieldError[]): void {
  if (errs.length === 0) return;
  const st = s.ctx.registry.storageTypeOf(s.t);
  throw invalid({ group: s.t.group, kind: s.t.kind ?? st.kind }, obj.metadata.name ?? '', errs);
}

function attrs(s: WriteScope, op: Operation, obj: KubeObject | undefined, old: KubeObject | undefined): AdmissionAttributes {
  return {
    operation: op, type: s.t, namespace: s.namespace, name: obj?.metadata.name ?? old?.metadata.name ?? '',
    subresource: s.subresource, object: obj, oldObject: old, user: s.user, dryRun: s.dryRun, warnings: s.warnings,
  };
}

async function admit(s: WriteScope, op: Operation, obj: KubeObject | undefined, old: KubeObject | undefined): Promise<void> {
  if (s.ctx.admission) await s.ctx.admission.admit(attrs(s, op, obj, old));
}

/** Mutating then validating admission of a write that bypasses the usual preparation (bindings). */
export async function admitBoth(s: WriteScope, op: Operation, obj: KubeObject, old: KubeObject | undefined): Promise<void> {
  await admit(s, op, obj, old);
  await admitValidate(s, op, obj, old);
}

export async function admitValidate(s: WriteScope, op: Operation, obj: KubeObject | undefined, old: KubeObject | undefined): Promise<void> {
  if (s.ctx.admission) await s.ctx.admission.validate(attrs(s, op, obj, old));
}
