// core/v1 ResourceQuota and LimitRange.

import { canonicalQuantityString } from '../../quantity.ts';
import type { ResourceType } from '../../registry.ts';
import { child, obj, objs, type Obj } from '../access.ts';
import { age, ageColumn, col, defaultColumns, defaultRow, nameColumn, statusOf } from '../printers.ts';
import { statusStrategy } from '../strategy.ts';
import { validation } from '../wiring.ts';

function quantityString(v: unknown): string {
  if (typeof v !== 'string' && typeof v !== 'number') return '0';
  try { return canonicalQuantityString(v); } catch { return String(v); }
}

/** [requests, limits] cells: "resource: used/hard" for every hard resource, sorted by name. */
export function quotaCells(status: Obj): [string, string] {
  const hard = obj(status.hard);
  const used = obj(status.used);
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const text = `${name}: ${quantityString(used[name])}/${quantityString(hard[name])}`;
    const pieces = name.split('.');
    (pieces.length > 1 && pieces[0] === 'limits' ? limit : request).push(text);
  }
  return [request.join(', '), limit.join(', ')];
}

export const resourceQuotas: ResourceType = {
  group: '', version: 'v1', kind: 'ResourceQuota', resource: 'resourcequotas', singular: 'resourcequota',
  namespaced: true, shortNames: ['quota'],
  subresources: { status: true },
  columns: [
    nameColumn(),
    col('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    col('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
    ageColumn(),
  ],
  row(o, now) {
    const [request, limit] = quotaCells(statusOf(o));
    return [o.metadata.name ?? '', request, limit, age(o, now)];
  },
  ...statusStrategy,
  ...validation('/ResourceQuota'),
  tracksGeneration: false,
};

/** Container limits: default from max, defaultRequest from default, then from min (SetDefaults_LimitRangeItem). */
function defaultLimitRangeItem(item: Obj): void {
  if (item.type !== 'Container') return;
  const def = child(item, 'default');
  const defReq = child(item, 'defaultRequest');
  for (const [k, v] of Object.entries(obj(item.max))) if (def[k] === undefined) def[k] = v;
  for (const [k, v] of Object.entries(def)) if (defReq[k] === undefined) defReq[k] = v;
  for (const [k, v] of Object.entries(obj(item.min))) if (defReq[k] === undefined) defReq[k] = v;
}

export const limitRanges: ResourceType = {
  group: '', version: 'v1', kind: 'LimitRange', resource: 'limitranges', singular: 'limitrange', namespaced: true,
  shortNames: ['limits'],
  columns: defaultColumns(),
  row: defaultRow,
  defaults(o) {
    for (const item of objs(obj(o.spec).limits)) defaultLimitRangeItem(item);
  },
  ...validation('/LimitRange'),
  allowCreateOnUpdate: true,
  tracksGeneration: false,
};
