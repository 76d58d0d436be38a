// fieldValidation=Strict|Warn|Ignore: unknown and duplicate fields are refused, warned about or
// dropped, as upstream's decoders do. Unknown fields never reach storage.

import { badRequest } from '../../api/errors.ts';
import type { SchemaModel } from '../../api/openapi-model.ts';
import { findDuplicateFields, findTypeError, findUnknownFields } from '../../api/openapi/index.ts';
import type { ResourceType } from '../../api/registry.ts';
import { isPlainObject } from '../../api/types.ts';
import type { Exchange } from '../http/exchange.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function fieldValidationParam(q: URLSearchParams): FieldValidation {
  const v = q.get('fieldValidation');
  if (v === null || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw badRequest(`fieldValidation parameter unsupported: ${v} (supported: Strict, Warn, Ignore)`);
}

/**
 * Checks `value` (a decoded body of type t) for unknown and duplicate fields and removes the
 * unknown ones. jsonText enables duplicate detection for JSON bodies.
 */
export function checkFields(value: unknown, t: ResourceType, model: SchemaModel | undefined, mode: FieldValidation, ex: Exchange, jsonText?: string): void {
  if (!model) return;
  const def = model.definitionFor(t.group, t.version, t.kind);
  if (!def) return;
  // Wrong JSON types are refused whatever fieldValidation says, as upstream's typed decoding does.
  const typeError = findTypeError(value, model, def);
  if (typeError) throw badRequest(`${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: ${typeError}`);
  const unknown = findUnknownFields(value, model, def);
  const dups = mode !== 'Ignore' && jsonText !== undefined ? findDuplicateFields(jsonText) : [];
  if (mode === 'Strict' && (unknown.length > 0 || dups.length > 0)) {
    const parts = [...dups.map((d) => `duplicate field "${d}"`), ...unknown.map((u) => `unknown field "${u}"`)];
    throw badRequest(`${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: strict decoding error: ${parts.join(', ')}`);
  }
  if (mode === 'Warn') {
    for (const d of dups) ex.warnings.push(`duplicate field "${d}"`);
    for (const u of unknown) ex.warnings.push(`unknown field "${u}"`);
  }
  for (const path of unknown) prune(value, path);
}

/** Removes the field at an upstream-style path such as 'spec.template.spec.containers[0].imagee'. */
export function prune(root: unknown, path: string): void {
  const segs: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return;
    if (m[1]) segs.push(m[1]);
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) segs.push(Number(idx[1]));
  }
  let cur: unknown = root;
  for (let i = 0; i < segs.length - 1; i++) {
    const s = segs[i] as string | number;
    if (typeof s === 'number') cur = Array.isArray(cur) ? cur[s] : undefined;
    else cur = isPlainObject(cur) ? cur[s] : undefined;
    if (cur === undefined) return;
  }
  const last = segs[segs.length - 1];
  if (typeof last === 'string' && isPlainObject(cur)) delete cur[last];
}
