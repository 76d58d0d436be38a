// Shared helpers for per-kind validators: numbers, quantities, label selectors, enums.

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import { isPlainObject } from '../types.ts';
import { canonicalize, parseQuantity, quantitySign } from '../quantity.ts';
import type { Quantity } from '../quantity.ts';
import { isQualifiedName, isValidLabelValue } from './names.ts';
import { validateLabels } from './meta.ts';

export type Obj = Record<string, unknown>;
export const IS_NEGATIVE = 'must be greater than or equal to 0';
export const MAX_INT32 = 2147483647;

/** The object at o[key] (an empty object when absent or not an object). */
export function obj(o: unknown, key: string): Obj {
  if (!isPlainObject(o)) return {};
  const v = o[key];
  return isPlainObject(v) ? v : {};
}

export function arr(o: unknown, key: string): unknown[] {
  if (!isPlainObject(o)) return [];
  const v = o[key];
  return Array.isArray(v) ? v : [];
}

export function str(o: unknown, key: string): string | undefined {
  if (!isPlainObject(o)) return undefined;
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}

export function num(o: unknown, key: string): number | undefined {
  if (!isPlainObject(o)) return undefined;
  const v = o[key];
  return typeof v === 'number' ? v : undefined;
}

export function has(o: unknown, key: string): boolean {
  return isPlainObject(o) && o[key] !== undefined && o[key] !== null;
}

export function strMap(o: unknown, key: string): Record<string, string> | undefined {
  const v = isPlainObject(o) ? o[key] : undefined;
  return isPlainObject(v) ? (v as Record<string, string>) : undefined;
}

export function notFound(path: string, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field: path, value };
}

export function nonNegative(v: number | undefined, path: string): FieldError[] {
  return v !== undefined && v < 0 ? [field.invalid(path, v, IS_NEGATIVE)] : [];
}

export function inRange(v: number | undefined, lo: number, hi: number, path: string): FieldError[] {
  return v !== undefined && (v < lo || v > hi) ? [field.invalid(path, v, `must be between ${lo} and ${hi}, inclusive`)] : [];
}

/** NotSupported when set and not one of `valid`; Required when absent and `required`. */
export function enumField(v: string | undefined, valid: string[], path: string, required = false): FieldError[] {
  if (v === undefined || v === '') return required ? [field.required(path, '')] : [];
  return valid.includes(v) ? [] : [field.notSupported(path, v, valid)];
}

/** Runs a name check (returning messages) as field.Invalid errors. */
export function nameErrors(check: (v: string) => string[], v: string, path: string): FieldError[] {
  return check(v).map((m) => field.invalid(path, v, m));
}

export function requiredName(check: (v: string) => string[], v: string | undefined, path: string): FieldError[] {
  if (!v) return [field.required(path, '')];
  return nameErrors(check, v, path);
}

/** Parses a quantity field, reporting upstream's format error on the path. */
export function quantityAt(v: unknown, path: string, errs: FieldError[]): Quantity | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') {
    errs.push(field.invalid(path, v, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
    return undefined;
  }
  try {
    return parseQuantity(v);
  } catch (e) {
    errs.push(field.invalid(path, v, e instanceof Error ? e.message : String(e)));
    return undefined;
  }
}

export function nonNegativeQuantity(v: unknown, path: string, errs: FieldError[]): Quantity | undefined {
  const q = quantityAt(v, path, errs);
  if (q && quantitySign(q) < 0) errs.push(field.invalid(path, canonicalize(q), IS_NEGATIVE));
  return q;
}

/** metav1 LabelSelector validation (matchLabels + matchExpressions). */
export function validateLabelSelector(ls: unknown, path: string): FieldError[] {
  if (!isPlainObject(ls)) return [];
  const errs = validateLabels(strMap(ls, 'matchLabels'), `${path}.matchLabels`);
  arr(ls, 'matchExpressions').forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const op = str(e, 'operator');
    const values = arr(e, 'values');
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(field.required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.push(field.forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errs.push(field.invalid(`${p}.operator`, op ?? '', 'not a valid selector operator'));
    }
    errs.push(...nameErrors(isQualifiedName, str(e, 'key') ?? '', `${p}.key`));
    values.forEach((v, j) => errs.push(...nameErrors(isValidLabelValue, String(v), `${p}.values[${j}]`)));
  });
  return errs;
}

/** True when the selector is absent or selects everything. */
export function isEmptyLabelSelector(ls: unknown): boolean {
  return !isPlainObject(ls) || (Object.keys(strMap(ls, 'matchLabels') ?? {}).length === 0 && arr(ls, 'matchExpressions').length === 0);
}

/** IntOrString fields like maxSurge: an int ≥ 0 or a percentage string "N%". */
export function intOrPercent(v: unknown, path: string): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') return nonNegative(v, path);
  if (typeof v === 'string') {
    if (!/^[0-9]+%$/.test(v)) return [field.invalid(path, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
    return [];
  }
  return [field.invalid(path, v, 'must be an integer or percentage')];
}

/** The integer an IntOrString resolves to (percent of `total`, rounded up when roundUp). */
export function intOrPercentValue(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.endsWith('%')) {
    const p = (Number(v.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(p) : Math.floor(p);
  }
  return 0;
}

export function percentOver100(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string' && /^[0-9]+%$/.test(v) && Number(v.slice(0, -1)) > 100) {
    return [field.invalid(path, v, 'must not be greater than 100%')];
  }
  return [];
}
