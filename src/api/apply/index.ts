// Managed fields and server-side apply: field sets in the FieldsV1 format, ownership tracking
// on updates, and apply with conflict detection.

export { FieldSet, fieldElement, keyElement, valueElement, indexElement, pathString } from './fieldset.ts';
export type { FieldPath, PathElement } from './fieldset.ts';
export { TypedWalker } from './typed.ts';
export { decodeManagedFields, encodeManagedFields, managerKey, printManager, MAX_UPDATE_MANAGERS } from './managers.ts';
export type { ManagerEntry, Managers } from './managers.ts';
export { updateManagedFields, serverSideApply, defaultFieldManager, conflictError } from './managedfields.ts';
export type { UpdateOptions, ApplyOptions } from './managedfields.ts';
