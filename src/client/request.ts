// Resource paths and query parameters, as client-go's rest.Request builds them.

export interface ResourceRef {
  /** '' (or absent) for the core group. */
  group?: string;
  version: string;
  /** Plural resource name, e.g. "pods". */
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'NotOlderThan' | 'Exact';
  timeoutSeconds?: number;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
}

export interface GetOptions {
  resourceVersion?: string;
}

export interface WriteOptions {
  /** Server-side dry run (dryRun=All). */
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: 'Ignore' | 'Warn' | 'Strict';
}

export interface PatchOptions extends WriteOptions {
  /** Server-side apply: take over conflicting fields. */
  force?: boolean;
}

export interface DeleteOptions {
  dryRun?: boolean;
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const patchContentTypes: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

const seg = (s: string): string => encodeURIComponent(s);

/** /api/v1/namespaces/ns/pods/name/status, /apis/apps/v1/deployments, ... */
export function resourcePath(ref: ResourceRef): string {
  let p = ref.group ? `/apis/${seg(ref.group)}/${seg(ref.version)}` : `/api/${seg(ref.version)}`;
  if (ref.namespace) p += `/namespaces/${seg(ref.namespace)}`;
  p += `/${seg(ref.resource)}`;
  if (ref.name !== undefined) {
    if (ref.name === '') throw new Error(`resource name may not be empty (${ref.resource})`);
    p += `/${seg(ref.name)}`;
  }
  if (ref.subresource) {
    if (ref.name === undefined) throw new Error(`subresource ${ref.subresource} needs a name`);
    p += `/${seg(ref.subresource)}`;
  }
  return p;
}

export type QueryValue = string | number | boolean | undefined;

/** "?a=b&c=d" with undefined values left out ('' when nothing is set). */
export function queryString(params: Record<string, QueryValue>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.append(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function listQuery(o: ListOptions = {}): Record<string, QueryValue> {
  return {
    labelSelector: o.labelSelector || undefined,
    fieldSelector: o.fieldSelector || undefined,
    limit: o.limit || undefined,
    continue: o.continue || undefined,
    resourceVersion: o.resourceVersion,
    resourceVersionMatch: o.resourceVersionMatch,
    timeoutSeconds: o.timeoutSeconds,
    allowWatchBookmarks: o.allowWatchBookmarks || undefined,
    sendInitialEvents: o.sendInitialEvents,
  };
}

export function writeQuery(o: PatchOptions = {}): Record<string, QueryValue> {
  return {
    dryRun: o.dryRun ? 'All' : undefined,
    fieldManager: o.fieldManager,
    fieldValidation: o.fieldValidation,
    force: o.force,
  };
}

export function deleteQuery(o: DeleteOptions = {}): Record<string, QueryValue> {
  return {
    dryRun: o.dryRun ? 'All' : undefined,
    gracePeriodSeconds: o.gracePeriodSeconds,
    propagationPolicy: o.propagationPolicy,
  };
}
