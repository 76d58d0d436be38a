// Routes a resource request (RequestInfo) to its verb handler.

import { StatusError, badRequest, methodNotAllowed, notFound } from '../../api/errors.ts';
import { ALL_VERBS, groupVersion } from '../../api/registry.ts';
import type { ResourceType, Verb } from '../../api/registry.ts';
import type { Exchange } from '../http/exchange.ts';
import type { RequestInfo } from '../requestinfo.ts';
import { handleBinding } from './binding.ts';
import type { ApiContext } from './context.ts';
import { handleDelete, handleDeleteCollection } from './delete.ts';
import { buildFilter } from './filter.ts';
import { listObjects, listParams } from './list.ts';
import { handleCreate, handlePatch, handleUpdate, handleVirtualCreate } from './mutate.ts';
import type { MutationRequest } from './mutate.ts';
import { negotiate } from './negotiate.ts';
import { respondCached, respondList, respondObject } from './respond.ts';
import { getScale, writeScale } from './scale.ts';
import { serveWatch, watchParams } from './watch.ts';

/** Handlers for subresources served by other components (logs, exec, token, eviction…). */
export type SubresourceHandler = (ctx: ApiContext, ex: Exchange, info: RequestInfo, t: ResourceType) => Promise<void>;

export async function handleResource(ctx: ApiContext, ex: Exchange, info: RequestInfo, extra: Map<string, SubresourceHandler>): Promise<void> {
  let t = ctx.registry.lookup(info.group, info.version, info.resource);
  // POST /api/v1/namespaces/{ns}/bindings
  if (!t || t.hidden) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource', { });
  const neg = negotiate(ex.header('accept'));
  if (t.namespaced && !info.namespace && info.name && info.resource !== 'namespaces') {
    throw notFound({ group: t.group, kind: t.kind, resource: t.resource }, info.name);
  }
  if (!t.namespaced && info.namespace && info.resource !== 'namespaces') {
    throw new StatusError(404, 'NotFound', 'the server could not find the requested resource', {});
  }
  const namespace = t.namespaced ? info.namespace : '';
  const sub = info.subresource;

  if (t.group === '' && t.resource === 'bindings') {
    if (info.verb !== 'create') throw methodNotAllowed('only create is supported on bindings');
    t = ctx.registry.lookup('', 'v1', 'pods') ?? t;
    await handleBinding(request(ctx, ex, t, namespace, info.name, 'binding', neg));
    return;
  }
  if (t.virtual) {
    if (info.verb !== 'create' || info.subresource) throw methodNotAllowed(`${info.verb} is not supported on ${t.resource}`);
    await handleVirtualCreate(ctx, ex, t, namespace, neg);
    return;
  }
  if (t.group === '' && t.resource === 'componentstatuses') {
    if (info.verb !== 'get' && info.verb !== 'list') throw methodNotAllowed(`${info.verb} is not supported on componentstatuses`);
    const h = extra.get('componentstatuses');
    if (!h) throw notFound({ group: '', kind: 'ComponentStatus', resource: 'componentstatuses' }, info.name);
    await h(ctx, ex, info, t);
    return;
  }

  if (sub) {
    const key = `${t.group}/${t.resource}/${sub}`;
    const handler = extra.get(key);
    if (handler) { await handler(ctx, ex, info, t); return; }
    const r = request(ctx, ex, t, namespace, info.name, sub, neg);
    if (sub === 'status' && t.subresources?.status) {
      switch (ex.method) {
        case 'GET': respondObject(ex, t, await r.rs.get(namespace, info.name), 200, neg); return;
        case 'PUT': await handleUpdate(r, 'status'); return;
        case 'PATCH': await handlePatch(r, 'status'); return;
      }
      throw methodNotAllowed(`${ex.method} is not supported on ${t.resource}/status`);
    }
    if (sub === 'scale' && t.subresources?.scale) {
      const access = t.subresources.scale;
      if (ex.method === 'GET') { await getScale(r, access); return; }
      if (ex.method === 'PUT' || ex.method === 'PATCH') { await writeScale(r, access, ex.method); return; }
      throw methodNotAllowed(`${ex.method} is not supported on ${t.resource}/scale`);
    }
    if (sub === 'binding' && t.group === '' && t.resource === 'pods' && ex.method === 'POST') {
      await handleBinding(r);
      return;
    }
    if (t.group === '' && t.resource === 'namespaces' && sub === 'finalize' && ex.method === 'PUT') {
      await handleUpdate(r, 'finalize');
      return;
    }
    throw new StatusError(404, 'NotFound', 'the server could not find the requested resource', {});
  }

  const verbs = t.verbs ?? ALL_VERBS;
  const verb = info.verb as Verb;
  if (!verbs.includes(verb)) {
    throw methodNotAllowed(`${verb} is not supported on resources of kind "${groupVersion(t)}, Kind=${t.kind}"`);
  }
  if (verb === 'deletecollection' && t.namespaced && !namespace) {
    // As upstream: collections of a namespaced kind are deleted one namespace at a time.
    throw methodNotAllowed(`deletecollection of ${t.resource} needs a namespace`);
  }
  const r = request(ctx, ex, t, namespace, info.name, '', neg);
  switch (info.verb) {
    case 'get': {
      const rv = ex.query.get('resourceVersion') ?? '';
      if (rv !== '' && !/^\d+$/.test(rv)) throw badRequest(`invalid resource version: ${rv}`);
      const cached = rv !== '' ? r.rs.cache.objects.get(r.rs.key(namespace, info.name)) : undefined;
      if (cached && (rv === '0' || cached.rv >= Number(rv))) respondCached(ex, t, cached, 200, neg);
      else respondCached(ex, t, await (rv === '' ? r.rs.getConsistent(namespace, info.name) : r.rs.getServed(namespace, info.name)), 200, neg);
      return;
    }
    case 'list': {
      const filter = buildFilter(t, ex.query);
      await respondList(ex, t, await listObjects(r.rs, listParams(ex.query, namespace, filter)), neg);
      return;
    }
    case 'watch': {
      const filter = buildFilter(t, ex.query);
      if (info.name) filter.name = info.name;
      serveWatch(ex, t, r.rs, watchParams(ex.query, namespace, filter), neg);
      return;
    }
    case 'create':
      if (info.name) throw methodNotAllowed(`POST is not supported on a named ${t.resource} object`);
      await handleCreate(r);
      return;
    case 'update': await handleUpdate(r, 'main'); return;
    case 'patch': await handlePatch(r, 'main'); return;
    case 'delete': await handleDelete(r); return;
    case 'deletecollection': await handleDeleteCollection(r); return;
  }
  throw methodNotAllowed(`${ex.method} is not supported`);
}

function request(ctx: ApiContext, ex: Exchange, t: ResourceType, namespace: string, name: string, subresource: string, neg: ReturnType<typeof negotiate>): MutationRequest {
  return { ctx, ex, t, rs: ctx.storageFor(t), namespace, name, subresource, neg };
}
