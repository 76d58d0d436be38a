// DELETE and DELETECOLLECTION: preconditions, graceful deletion, finalizers and propagation
// policies (upstream's genericregistry.Store.Delete / BeforeDelete).

import { badRequest, conflict } from '../../api/errors.ts';
import { PROTOBUF_CONTENT_TYPE, decodeK8sProtobufLazily } from '../../api/protobuf/media.ts';
import { isPlainObject } from '../../api/types.ts';
import type { KubeObject } from '../../api/types.ts';
import type { ResourceStorage } from '../storage/resource.ts';
import { buildFilter } from './filter.ts';
import { listObjects, listParams } from './list.ts';
import type { MutationRequest } from './mutate.ts';
import { dryRunParam } from './mutate.ts';
import { clone, nowTimestamp, parseText } from './objects.ts';
import { respondObject, successStatus } from './respond.ts';
import { admitValidate } from './write.ts';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun: boolean;
}

const ORPHAN = 'orphan';
const FOREGROUND = 'foregroundDeletion';

export async function deleteOptions(r: MutationRequest): Promise<DeleteOptions> {
  const q = r.ex.query;
  let body: Record<string, unknown> = {};
  const raw = await r.ex.readBody(r.ctx.options.maxRequestBytes);
  const ct = (r.ex.header('content-type') || 'application/json').toLowerCase();
  if (ct.startsWith(PROTOBUF_CONTENT_TYPE) && raw.length > 0) {
    body = (await decodeK8sProtobufLazily(raw)).object;
  } else if (raw.length > 0 && raw.toString('utf8').trim() !== '') {
    const v = parseText(raw.toString('utf8'), ct);
    if (!isPlainObject(v)) throw badRequest('DeleteOptions must be a JSON object');
    body = v;
  }
  const opts: DeleteOptions = { dryRun: dryRunParam(q) || (Array.isArray(body.dryRun) && body.dryRun.includes('All')) };
  const gps = q.get('gracePeriodSeconds') ?? body.gracePeriodSeconds;
  if (gps !== undefined && gps !== null) {
    const n = Number(gps);
    if (!Number.isInteger(n)) throw badRequest(`invalid gracePeriodSeconds: ${String(gps)}`);
    opts.gracePeriodSeconds = n;
  }
  const pp = q.get('propagationPolicy') ?? body.propagationPolicy;
  if (pp !== undefined && pp !== null) {
    if (pp !== 'Orphan' && pp !== 'Background' && pp !== 'Foreground') {
      throw badRequest(`propagationPolicy: Unsupported value: "${String(pp)}": supported values: "Foreground", "Background", "Orphan"`);
    }
    opts.propagationPolicy = pp;
  }
  const orphan = q.get('orphanDependents') ?? body.orphanDependents;
  if (orphan !== undefined && orphan !== null && opts.propagationPolicy === undefined) {
    opts.propagationPolicy = orphan === true || orphan === 'true' ? 'Orphan' : 'Background';
  }
  if (isPlainObject(body.preconditions)) {
    const p = body.preconditions;
    opts.preconditions = {
      uid: typeof p.uid === 'string' ? p.uid : undefined,
      resourceVersion: typeof p.resourceVersion === 'string' ? p.resourceVersion : undefined,
    };
  }
  return opts;
}

function isNamespace(rs: ResourceStorage): boolean { return rs.type.group === '' && rs.type.resource === 'namespaces'; }

/** Grace period for this delete: the option, else the kind's default; 0 = delete now. */
function gracePeriod(rs: ResourceStorage, obj: KubeObject, opts: DeleteOptions): number {
  const kindDefault = rs.type.gracefulDeletion?.(obj);
  if (kindDefault === undefined) return 0;
  const g = opts.gracePeriodSeconds ?? kindDefault;
  return g < 0 ? 0 : g;
}

/**
 * Deletes one object. Returns the object and whether it is gone (false when finalizers or a
 * grace period keep it, with deletionTimestamp set).
 */
export async function deleteObject(r: MutationRequest, name: string, opts: DeleteOptions): Promise<{ obj: KubeObject; deleted: boolean }> {
  const rs = r.rs;
  const q = { group: r.t.group, kind: r.t.kind, resource: r.t.resource };
  for (let attempt = 0; ; attempt++) {
    const cur = await rs.get(r.namespace, name);
    const p = opts.preconditions;
    if (p?.uid && p.uid !== cur.metadata.uid) {
      throw conflict(q, name, `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${cur.metadata.uid ?? ''}`);
    }
    if (p?.resourceVersion && p.resourceVersion !== cur.metadata.resourceVersion) {
      throw conflict(q, name, `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${cur.metadata.resourceVersion ?? ''}`);
    }
    await admitValidate({ ctx: r.ctx, t: r.t, namespace: r.namespace, subresource: '', user: r.ex.user, dryRun: opts.dryRun, fieldManager: '', warnings: r.ex.warnings }, 'DELETE', undefined, cur);

    const next = clone(cur);
    const m = next.metadata;
    const finalizers = new Set(m.finalizers ?? []);
    if (opts.propagationPolicy === 'Orphan') { finalizers.add(ORPHAN); finalizers.delete(FOREGROUND); }
    else if (opts.propagationPolicy === 'Foreground') { finalizers.add(FOREGROUND); finalizers.delete(ORPHAN); }
    else if (opts.propagationPolicy === 'Background') { finalizers.delete(ORPHAN); finalizers.delete(FOREGROUND); }
    const grace = gracePeriod(rs, cur, opts);
    const nsFinalizers = isNamespace(rs) ? ((next.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []) : [];
    const pending = finalizers.size > 0 || grace > 0 || nsFinalizers.length > 0;

    if (!pending) {
      if (opts.dryRun) return { obj: cur, deleted: true };
      try {
        return { obj: await rs.delete(r.namespace, name, Number(cur.metadata.resourceVersion)), deleted: true };
      } catch (err) {
        if (attempt < 8 && (err as { reason?: string }).reason === 'Conflict') continue;
        throw err;
      }
    }

    // Graceful or finalized deletion: mark the object and let its owners finish.
    let changed = false;
    if (!m.deletionTimestamp) {
      m.deletionTimestamp = nowTimestamp(Date.now() + grace * 1000);
      m.deletionGracePeriodSeconds = grace;
      changed = true;
    } else if (m.deletionGracePeriodSeconds !== undefined && grace < m.deletionGracePeriodSeconds) {
      // A shorter grace period moves the deadline closer (kubectl delete --grace-period / --force).
      m.deletionTimestamp = nowTimestamp(Date.now() + grace * 1000);
      m.deletionGracePeriodSeconds = grace;
      changed = true;
    }
    const fz = [...finalizers];
    if (fz.length !== (m.finalizers ?? []).length || fz.some((f, i) => f !== m.finalizers?.[i])) {
      if (fz.length > 0) m.finalizers = fz; else delete m.finalizers;
      changed = true;
    }
    if (isNamespace(rs) && (next.status as { phase?: string } | undefined)?.phase !== 'Terminating') {
      next.status = { ...(next.status as object | undefined), phase: 'Terminating' };
      changed = true;
    }
    // Nothing holds the object any more (grace 0, no finalizers): delete it for real.
    if (finalizers.size === 0 && nsFinalizers.length === 0 && grace === 0) {
      if (opts.dryRun) return { obj: cur, deleted: true };
      return { obj: await rs.delete(r.namespace, name, Number(cur.metadata.resourceVersion)), deleted: true };
    }
    if (!changed || opts.dryRun) return { obj: opts.dryRun ? next : cur, deleted: false };
    try {
      return { obj: await rs.update(next, Number(cur.metadata.resourceVersion)), deleted: false };
    } catch (err) {
      if (attempt < 8 && (err as { reason?: string }).reason === 'Conflict') continue;
      throw err;
    }
  }
}

export async function handleDelete(r: MutationRequest): Promise<void> {
  const opts = await deleteOptions(r);
  const { obj, deleted } = await deleteObject(r, r.name, opts);
  if (deleted && !returnsDeletedObject(r)) {
    r.ex.sendJSON(200, successStatus({ name: r.name, group: r.t.group || undefined, kind: r.t.resource, uid: obj.metadata.uid }));
    return;
  }
  respondObject(r.ex, r.t, obj, deleted ? 200 : 202, r.neg);
}

/** Pods (and a few kinds upstream chose) answer a delete with the object, the rest with a Status. */
function returnsDeletedObject(r: MutationRequest): boolean {
  return r.t.group === '' && (r.t.resource === 'pods' || r.t.resource === 'namespaces' || r.t.resource === 'services');
}

export async function handleDeleteCollection(r: MutationRequest): Promise<void> {
  const opts = await deleteOptions(r);
  const filter = buildFilter(r.t, r.ex.query);
  const res = await listObjects(r.rs, listParams(new URLSearchParams(), r.namespace, filter));
  const items: KubeObject[] = [];
  for (const o of res.items) {
    try {
      const out = await deleteObject({ ...r, namespace: o.namespace }, o.name, opts);
      items.push(out.obj);
    } catch (err) {
      if ((err as { code?: number }).code === 404) continue;
      throw err;
    }
  }
  r.ex.sendJSON(200, { kind: `${r.t.kind}List`, apiVersion: r.t.group ? `${r.t.group}/${r.t.version}` : r.t.version, metadata: {}, items });
}
