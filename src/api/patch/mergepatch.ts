// RFC 7386 JSON Merge Patch: objects merge member by member, null deletes a member, anything
// else (arrays included) replaces the target.

import { isPlainObject } from '../types.ts';
import { decodePatchBody } from './errors.ts';
import { deepCopy } from './json.ts';
import type { JsonObject } from './json.ts';

function merge(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return deepCopy(patch);
  const out: JsonObject = isPlainObject(target) ? { ...target } : {};
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null) delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out;
}

/**
 * Applies a JSON merge patch (parsed, or as JSON text/bytes; 400 when unparsable) and returns a
 * new document; the input document is not modified (unchanged subtrees are shared).
 */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  return merge(doc, decodePatchBody(patch));
}
