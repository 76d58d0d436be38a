// The shape of the OpenAPI v2 definitions the project generates for every built-in kind
// (src/api/openapi/), used by strategic merge patch, server-side apply, strict field
// validation, /openapi/v2, /openapi/v3 and `kubectl explain`.

export interface Schema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  $ref?: string;
  enum?: unknown[];
  default?: unknown;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-unions'?: unknown[];
}

export interface SchemaModel {
  /** Definitions keyed by upstream's names, e.g. 'io.k8s.api.core.v1.Pod'. */
  definitions: Record<string, Schema>;
  /** The definition name of a kind, e.g. ('apps','v1','Deployment') → 'io.k8s.api.apps.v1.Deployment'. */
  definitionFor(group: string, version: string, kind: string): string | undefined;
  /** Follows $ref (once or repeatedly) to the referenced schema. */
  resolve(schema: Schema): Schema;
}
