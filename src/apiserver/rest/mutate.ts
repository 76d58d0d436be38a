// CREATE, UPDATE (PUT) and PATCH of a resource's main endpoint and its status subresource.

import { badRequest, conflict, methodNotAllowed, notFound } from '../../api/errors.ts';
import { defaultFieldManager, serverSideApply } from '../../api/apply/index.ts';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from '../../api/patch/index.ts';
import { groupVersion } from '../../api/registry.ts';
import type { ResourceType } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Exchange } from '../http/exchange.ts';
import { MODIFIED_MESSAGE } from '../storage/resource.ts';
import type { ResourceStorage } from '../storage/resource.ts';
import type { ApiContext } from './context.ts';
import { checkFields, fieldValidationParam } from './fieldvalidation.ts';
import type { Negotiated } from './negotiate.ts';
import { asObjectOfType, clone, nowTimestamp, readBody, toServed, toStorage } from './objects.ts';
import { resetFieldsFor } from './fieldmanager.ts';
import { respondCached, respondObject } from './respond.ts';
import { prepareCreate, prepareUpdate } from './write.ts';
import type { UpdateMode, WriteScope } from './write.ts';

const OBJECT_MEDIA = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'] as const;
const PATCH_MEDIA = [
  'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json',
  'application/apply-patch+yaml', 'application/apply-patch+json',
] as const;

export interface MutationRequest {
  ctx: ApiContext;
  ex: Exchange;
  t: ResourceType;
  rs: ResourceStorage;
  namespace: string;
  name: string;
  subresource: string;
  neg: Negotiated;
}

export function dryRunParam(q: URLSearchParams): boolean {
  const vals = q.getAll('dryRun');
  for (const v of vals) if (v !== 'All') throw badRequest(`Invalid dry run value: ${v}; supported values: "All"`);
  return vals.length > 0;
}

export function scopeOf(r: MutationRequest): WriteScope {
  const fm = r.ex.query.get('fieldManager') ?? '';
  if (fm.length > 128) throw badRequest(`fieldManager: Too long: may not be more than 128 bytes`);
  return {
    ctx: r.ctx, t: r.t, namespace: r.namespace, subresource: r.subresource, user: r.ex.user,
    dryRun: dryRunParam(r.ex.query), fieldManager: fm || defaultFieldManager(r.ex.userAgent), warnings: r.ex.warnings,
  };
}

async function decodeObject(r: MutationRequest): Promise<KubeObject> {
  const body = await readBody(r.ex, r.ctx.options.maxRequestBytes, OBJECT_MEDIA);
  const mode = fieldValidationParam(r.ex.query);
  if (typeof body.value === 'object' && body.value !== null) {
    checkFields(body.value, r.t, r.ctx.model, mode, r.ex, body.mediaType === 'application/json' ? body.text : undefined);
  }
  return asObjectOfType(body.value, r.t);
}

function checkNamespace(r: MutationRequest, obj: KubeObject): void {
  if (!r.t.namespaced) return;
  const ns = obj.metadata.namespace;
  if (ns && r.namespace && ns !== r.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
}

export async function handleCreate(r: MutationRequest): Promise<void> {
  const obj = await decodeObject(r);
  checkNamespace(r, obj);
  const s = scopeOf(r);
  const created = await createObject(r, s, toStorage(r.t, obj));
  respondWritten(r, s, created, 201);
}

/**
 * Answers a write with the object written: the watch cache already holds its JSON when the write's
 * event arrived before the answer (always with the embedded store), so it is not serialized again.
 * A dry run answers with what it computed.
 */
function respondWritten(r: MutationRequest, s: WriteScope, obj: KubeObject, status: number): void {
  const entry = s.dryRun ? undefined : r.rs.cache.objects.get(r.rs.key(obj.metadata.namespace ?? '', obj.metadata.name ?? ''));
  if (entry && String(entry.rv) === obj.metadata.resourceVersion) respondCached(r.ex, r.t, entry, status, r.neg);
  else respondObject(r.ex, r.t, obj, status, r.neg);
}

/** POST of a create-only kind that is computed, not stored (reviews). */
export async function handleVirtualCreate(ctx: ApiContext, ex: Exchange, t: ResourceType, namespace: string, neg: Negotiated): Promise<void> {
  const virtual = t.virtual;
  if (!virtual) throw new Error(`${t.resource} is not virtual`);
  const body = await readBody(ex, ctx.options.maxRequestBytes, OBJECT_MEDIA);
  const obj = asObjectOfType(body.value, t);
  const out = await virtual.create(obj, { user: ex.user, namespace });
  respondObject(ex, t, { ...out, apiVersion: obj.apiVersion, kind: t.kind }, 201, neg);
}

async function createObject(r: MutationRequest, s: WriteScope, obj: KubeObject): Promise<KubeObject> {
  const prepared = await prepareCreate(s, obj);
  if (s.dryRun) return prepared;
  return r.rs.create(prepared);
}

/** PUT: replaces the object (or its status), creating it where the kind allows create-on-update. */
export async function handleUpdate(r: MutationRequest, mode: UpdateMode): Promise<void> {
  const obj = await decodeObject(r);
  checkNamespace(r, obj);
  if (obj.metadata.name && obj.metadata.name !== r.name) {
    throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${r.name})`);
  }
  obj.metadata.name = r.name;
  const s = scopeOf(r);
  const wanted = toStorage(r.t, obj);
  const precondition = obj.metadata.resourceVersion ?? '';
  const result = await updateWith(r, s, mode, (cur) => {
    if (precondition && precondition !== cur.metadata.resourceVersion) {
      throw conflict({ group: r.t.group, kind: r.t.kind, resource: r.t.resource }, r.name, MODIFIED_MESSAGE);
    }
    return clone(wanted);
  }, mode === 'main' && r.t.allowCreateOnUpdate ? () => clone(wanted) : undefined);
  respondWritten(r, s, result.obj, result.created ? 201 : 200);
}

/**
 * The update loop shared by PUT and PATCH: `next` computes the requested object from the
 * current one (storage form); conflicts from concurrent writers are retried.
 */
export async function updateWith(
  r: MutationRequest, s: WriteScope, mode: UpdateMode,
  next: (current: KubeObject) => KubeObject | Promise<KubeObject>,
  createIfMissing?: () => KubeObject,
): Promise<{ obj: KubeObject; created: boolean }> {
  try {
    const res = await r.rs.guaranteedUpdate(r.namespace, r.name, async (cur) => {
      const wanted = await next(cur);
      const prepared = await prepareUpdate(s, wanted, cur, mode);
      if (!prepared) return undefined;
      if (s.dryRun) throw new DryRunResult(prepared);
      return prepared;
    });
    if (res.changed && !s.dryRun && finalized(r, res.obj)) {
      // The last finalizer is gone from an object being deleted: delete it for real.
      const gone = await r.rs.delete(r.namespace, r.name, Number(res.obj.metadata.resourceVersion)).catch(() => res.obj);
      return { obj: gone, created: false };
    }
    return { obj: res.obj, created: false };
  } catch (err) {
    if (err instanceof DryRunResult) return { obj: err.obj, created: false };
    if (createIfMissing && isNotFound(err)) {
      return { obj: await createObject(r, s, createIfMissing()), created: true };
    }
    throw err;
  }
}

function finalized(r: MutationRequest, obj: KubeObject): boolean {
  const m = obj.metadata;
  if (!m.deletionTimestamp || (m.finalizers?.length ?? 0) > 0) return false;
  if (r.t.group === '' && r.t.resource === 'namespaces') {
    return ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers?.length ?? 0) === 0;
  }
  return !m.deletionGracePeriodSeconds;
}

class DryRunResult extends Error {
  readonly obj: KubeObject;
  constructor(obj: KubeObject) { super('dry run'); this.obj = obj; }
}

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: number }).code === 404;
}

export async function handlePatch(r: MutationRequest, mode: UpdateMode): Promise<void> {
  const body = await readBody(r.ex, r.ctx.options.maxRequestBytes, PATCH_MEDIA);
  const s = scopeOf(r);
  const model = r.ctx.model;
  const def = model?.definitionFor(r.t.group, r.t.version, r.t.kind);
  const gv = groupVersion(r.t);
  const fieldMode = fieldValidationParam(r.ex.query);

  if (body.mediaType.startsWith('application/apply-patch')) {
    if (!r.ex.query.get('fieldManager')) throw badRequest('PATCH requests with apply content type must set fieldManager');
    const force = r.ex.query.get('force') === 'true';
    const applied = asObjectOfType(body.value, r.t);
    checkFields(applied, r.t, model, fieldMode, r.ex);
    if (applied.metadata.name && applied.metadata.name !== r.name) {
      throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${r.name})`);
    }
    checkNamespace(r, applied);
    applied.metadata.name = r.name;
    const apply = (live: KubeObject | undefined): KubeObject => {
      if (!model || !def) throw badRequest(`server-side apply is not supported for ${gv}, Kind=${r.t.kind}`);
      return serverSideApply(live, clone(applied), {
        manager: s.fieldManager, force, apiVersion: gv, time: nowTimestamp(), model, definitionName: def,
        subresource: mode === 'status' ? 'status' : undefined, resetFields: resetFieldsFor(s),
      });
    };
    const applyScope: WriteScope = { ...s, applied: true };
    const result = await updateWith(r, applyScope, mode, (cur) => toStorage(r.t, apply(toServed(r.t, clone(cur)))),
      mode === 'main' ? () => toStorage(r.t, apply(undefined)) : undefined);
    respondWritten(r, s, result.obj, result.created ? 201 : 200);
    return;
  }

  const patch = body.value;
  const result = await updateWith(r, s, mode, (cur) => {
    const served = toServed(r.t, clone(cur)) as unknown;
    let patched: unknown;
    switch (body.mediaType) {
      case 'application/json-patch+json': patched = applyJsonPatch(served, patch); break;
      case 'application/merge-patch+json': patched = applyMergePatch(served, patch); break;
      default:
        patched = model && def ? applyStrategicMergePatch(served, patch, model, def) : applyMergePatch(served, patch);
    }
    checkFields(patched, r.t, model, fieldMode, r.ex);
    const obj = asObjectOfType(patched, r.t);
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== cur.metadata.resourceVersion) {
      throw conflict({ group: r.t.group, kind: r.t.kind, resource: r.t.resource }, r.name, MODIFIED_MESSAGE);
    }
    if (obj.metadata.name !== r.name) throw badRequest(`metadata.name: Invalid value: "${obj.metadata.name ?? ''}": field is immutable`);
    return toStorage(r.t, obj);
  });
  respondWritten(r, s, result.obj, 200);
}

export function notAllowed(t: ResourceType, verb: string): never {
  throw methodNotAllowed(`${verb} is not supported on resources of kind "${groupVersion(t)}, Kind=${t.kind}"`);
}

export { notFound };
