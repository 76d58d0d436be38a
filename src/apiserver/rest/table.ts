// Server-side printing: objects to metav1.Table with the entry's printer columns.

import type { ResourceType } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableRow { cells: unknown[]; object?: unknown }

export function partialMetadata(obj: KubeObject, apiVersion: string): Record<string, unknown> {
  return { kind: 'PartialObjectMetadata', apiVersion, metadata: obj.metadata };
}

export function tableRows(t: ResourceType, objs: KubeObject[], include: IncludeObject, metaVersion: string): TableRow[] {
  const now = Date.now();
  return objs.map((obj) => {
    const row: TableRow = { cells: t.row(obj, now) };
    if (include === 'Metadata') row.object = partialMetadata(obj, metaVersion);
    else if (include === 'Object') row.object = obj;
    return row;
  });
}

export function table(t: ResourceType, objs: KubeObject[], opts: {
  include: IncludeObject; metaVersion: string; resourceVersion?: string; continueToken?: string; remaining?: number; withColumns?: boolean;
}): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  if (opts.resourceVersion) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continueToken) metadata.continue = opts.continueToken;
  if (opts.remaining) metadata.remainingItemCount = opts.remaining;
  const out: Record<string, unknown> = { kind: 'Table', apiVersion: opts.metaVersion, metadata };
  if (opts.withColumns !== false) out.columnDefinitions = t.columns;
  out.rows = tableRows(t, objs, opts.include, opts.metaVersion);
  return out;
}

export function includeObjectParam(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}
