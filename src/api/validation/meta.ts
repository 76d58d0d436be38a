// ObjectMeta validation, as apimachinery's api/validation/objectmeta.go.

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import type { ObjectMeta, OwnerReference } from '../types.ts';
import { isDNS1123Label, isQualifiedName, isValidLabelValue, validateName } from './names.ts';
import type { NameRule } from './names.ts';

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
export const FIELD_IMMUTABLE = 'field is immutable';

export interface ObjectMetaOptions {
  namespaced: boolean;
  /** How metadata.name is checked (default 'subdomain'). */
  nameRule?: NameRule;
}

/** Labels: keys are qualified names, values valid label values (errors on the map's path). */
export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const msg of isQualifiedName(k)) errs.push(field.invalid(path, k, msg));
    if (typeof v !== 'string') {
      errs.push(field.invalid(path, v, 'must be a string'));
      continue;
    }
    for (const msg of isValidLabelValue(v)) errs.push(field.invalid(path, v, msg));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    // Case does not matter for annotation keys.
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(field.invalid(path, k, msg));
    size += Buffer.byteLength(k) + Buffer.byteLength(typeof v === 'string' ? v : String(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(field.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

function splitAPIVersion(apiVersion: string): { group: string; version: string } {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: parts[0] ?? '' };
  if (parts.length === 2) return { group: parts[0] ?? '', version: parts[1] ?? '' };
  return { group: '', version: '' };
}

export function validateOwnerReferences(refs: OwnerReference[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const { version } = splitAPIVersion(ref.apiVersion ?? '');
    if (!version) errs.push(field.invalid(`${path}.apiVersion`, ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(field.invalid(`${path}.kind`, ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(field.invalid(`${path}.name`, ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(field.invalid(`${path}.uid`, ref.uid ?? '', 'uid must not be empty'));
    if (ref.controller === true) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(field.invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

export function validateFinalizers(finalizers: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of finalizers ?? []) {
    for (const msg of isQualifiedName(f)) errs.push(field.invalid(path, f, msg));
  }
  const list = finalizers ?? [];
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(field.invalid(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

function nonNegative(v: number | undefined, path: string): FieldError[] {
  return v !== undefined && v < 0 ? [field.invalid(path, v, 'must be greater than or equal to 0')] : [];
}

/** Validates metadata on create (the name is expected to be generated already from generateName). */
export function validateObjectMeta(meta: ObjectMeta, opts: ObjectMetaOptions, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  const rule = opts.nameRule ?? 'subdomain';
  if (meta.generateName) {
    for (const msg of validateName(rule, meta.generateName, true)) errs.push(field.invalid(`${path}.generateName`, meta.generateName, msg));
  }
  if (!meta.name) {
    errs.push(field.required(`${path}.name`, 'name or generateName is required'));
  } else {
    for (const msg of validateName(rule, meta.name, false)) errs.push(field.invalid(`${path}.name`, meta.name, msg));
  }
  if (opts.namespaced) {
    if (!meta.namespace) errs.push(field.required(`${path}.namespace`, ''));
    else for (const msg of isDNS1123Label(meta.namespace)) errs.push(field.invalid(`${path}.namespace`, meta.namespace, msg));
  } else if (meta.namespace) {
    errs.push(field.forbidden(`${path}.namespace`, 'not allowed on this type'));
  }
  errs.push(...nonNegative(meta.generation, `${path}.generation`));
  errs.push(...validateLabels(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(meta.ownerReferences, `${path}.ownerReferences`));
  errs.push(...validateFinalizers(meta.finalizers, `${path}.finalizers`));
  return errs;
}

/** Deep equality of JSON values (upstream's apiequality.Semantic for plain data). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => deepEqual(ao[k], bo[k]));
}

/** field.Invalid(path, new, "field is immutable") when the value changed. */
export function validateImmutableField(now: unknown, old: unknown, path: string): FieldError[] {
  return deepEqual(now, old) ? [] : [field.invalid(path, now, FIELD_IMMUTABLE)];
}

export interface ObjectMetaUpdateOptions {
  /** Reject an update that carries no resourceVersion (upstream does; unconditional updates fill it first). */
  requireResourceVersion?: boolean;
}

export function validateObjectMetaUpdate(now: ObjectMeta, old: ObjectMeta, opts: ObjectMetaUpdateOptions = {}, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  if (old.deletionTimestamp) {
    const added = (now.finalizers ?? []).filter((f) => !(old.finalizers ?? []).includes(f));
    if (added.length > 0) {
      errs.push(field.forbidden(`${path}.finalizers`, `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => `"${f}"`).join(', ')}}`));
    }
  }
  if (opts.requireResourceVersion && !now.resourceVersion) {
    errs.push(field.invalid(`${path}.resourceVersion`, now.resourceVersion ?? '', 'must be specified for an update'));
  }
  if ((now.generation ?? 0) < (old.generation ?? 0)) {
    errs.push(field.invalid(`${path}.generation`, now.generation ?? 0, 'must not be decremented'));
  }
  errs.push(...validateImmutableField(now.name, old.name, `${path}.name`));
  errs.push(...validateImmutableField(now.namespace ?? '', old.namespace ?? '', `${path}.namespace`));
  errs.push(...validateImmutableField(now.uid, old.uid, `${path}.uid`));
  errs.push(...validateImmutableField(now.creationTimestamp, old.creationTimestamp, `${path}.creationTimestamp`));
  errs.push(...validateImmutableField(now.deletionTimestamp, old.deletionTimestamp, `${path}.deletionTimestamp`));
  errs.push(...validateImmutableField(now.deletionGracePeriodSeconds, old.deletionGracePeriodSeconds, `${path}.deletionGracePeriodSeconds`));
  errs.push(...validateLabels(now.labels, `${path}.labels`));
  errs.push(...validateAnnotations(now.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(now.ownerReferences, `${path}.ownerReferences`));
  errs.push(...validateFinalizers(now.finalizers, `${path}.finalizers`));
  return errs;
}
