// OpenAPI schemas of the built-in kinds: the model (generated from kubernetes-types), strict
// field validation helpers.

export { getSchemaModel, newSchemaModel, refName } from './model.ts';
export { findUnknownFields } from './unknown-fields.ts';
export { findTypeError } from './type-errors.ts';
export { findDuplicateFields } from './duplicate-fields.ts';
export { generateDefinitions, writeDefinitions, definitionsPath, INT_OR_STRING } from './generate.ts';
export { EXTENSIONS, extensionsFor } from './extensions.ts';
export type { ExtensionSet } from './extensions.ts';
