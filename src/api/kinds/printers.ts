// Shared pieces of upstream's Table printers (pkg/printers/internalversion/printers.go and
// apimachinery's duration / labels formatting).

import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { PrinterColumn } from '../registry.ts';
import { labelSelectorAsSelector, selectorString } from '../selectors/labels.ts';
import type { KubeObject } from '../types.ts';
import { isObj, objs, str, strMap, type Obj } from './access.ts';

/** As apimachinery's duration.HumanDuration: "0s", "45s", "5m10s", "3h", "2d3h", "5y". */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  // Up to 2s into the future is tolerated as clock skew.
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Elapsed time since an RFC3339 timestamp, "<unknown>" when absent or unparsable. */
export function translateTimestampSince(ts: unknown, now: number): string {
  if (typeof ts !== 'string' || ts === '') return '<unknown>';
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(now - t);
}

/** The AGE cell of an object. */
export function age(o: KubeObject, now: number): string {
  return translateTimestampSince(o.metadata.creationTimestamp, now);
}

// Column descriptions upstream takes from ObjectMeta's swagger docs.
const NAME_DOC = 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const CREATED_DOC = 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export function nameColumn(priority: 0 | 1 = 0): PrinterColumn {
  return { name: 'Name', type: 'string', format: 'name', description: NAME_DOC, priority };
}

export function ageColumn(): PrinterColumn {
  return { name: 'Age', type: 'string', description: CREATED_DOC, priority: 0 };
}

/** A column; priority 1 for -o wide ones. */
export function col(name: string, type: PrinterColumn['type'], description: string, priority: 0 | 1 = 0): PrinterColumn {
  return { name, type, description, priority };
}

export const containersColumn = (): PrinterColumn => col('Containers', 'string', 'Names of each container in the template.', 1);
export const imagesColumn = (): PrinterColumn => col('Images', 'string', 'Images referenced by each container in the template.', 1);

/** Columns of upstream's default table convertor, for kinds without a printer. */
export function defaultColumns(): PrinterColumn[] {
  return [nameColumn(), { name: 'Created At', type: 'date', description: CREATED_DOC, priority: 0 }];
}

export function defaultRow(o: KubeObject): unknown[] {
  const ts = o.metadata.creationTimestamp;
  const t = ts ? Date.parse(ts) : NaN;
  return [o.metadata.name ?? '', Number.isNaN(t) ? null : new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z')];
}

/** Container names and images joined by commas, as upstream's layoutContainerCells. */
export function layoutContainerCells(containers: unknown): [string, string] {
  const list = objs(containers);
  return [list.map((c) => str(c.name)).join(','), list.map((c) => str(c.image)).join(',')];
}

/** A label map as "a=b,c=d" sorted by key ('' when empty), as labels.Set.String(). */
export function labelsString(m: unknown): string {
  const labels = strMap(m);
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',');
}

/** labels.FormatLabels: the map's string form, "<none>" when empty. */
export function formatLabels(m: unknown): string {
  return labelsString(m) || '<none>';
}

/**
 * A metav1.LabelSelector in its string form (requirements sorted by key), as
 * LabelSelectorAsSelector(sel).String(); '' for a nil or empty selector, undefined when invalid.
 */
export function labelSelectorString(sel: unknown): string | undefined {
  if (!isObj(sel)) return '';
  try {
    return selectorString(labelSelectorAsSelector(sel as LabelSelector));
  } catch {
    return undefined; // an invalid operator, key or value
  }
}

/** metav1.FormatLabelSelector: "<none>" when empty, "<error>" when invalid. */
export function formatLabelSelector(sel: unknown): string {
  const s = labelSelectorString(sel);
  if (s === undefined) return '<error>';
  return s || '<none>';
}

/** An int-or-string value as text (intstr.String()). */
export function intOrString(v: unknown): string {
  return typeof v === 'number' ? String(v) : str(v);
}

/** Integer cell (upstream prints int64; absent counts are 0). */
export function int(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** The status object of an API object ({} when absent). */
export function statusOf(o: KubeObject): Obj {
  return isObj(o.status) ? o.status : {};
}

export function specOf(o: KubeObject): Obj {
  return isObj(o.spec) ? o.spec : {};
}

/** "a,b + N more..." with at most `max` items, as upstream's listWithMoreString ('<unset>' when empty). */
export function listWithMore(items: string[], max: number, empty = '<unset>'): string {
  if (items.length === 0) return empty;
  const shown = items.slice(0, max).join(',');
  return items.length > max ? `${shown} + ${items.length - max} more...` : shown;
}
