// Patching as the apiserver's PATCH handler needs it: JSON patch, JSON merge patch and
// strategic merge patch, all pure functions returning a new document.

export { applyJsonPatch, parsePointer, escapePointerToken, MAX_JSON_PATCH_OPERATIONS } from './jsonpatch.ts';
export { applyMergePatch } from './mergepatch.ts';
export { applyStrategicMergePatch } from './strategic.ts';
export { patchNotApplicable, badPatch, decodePatchBody } from './errors.ts';
export { deepEqual, deepCopy, withoutNulls } from './json.ts';
