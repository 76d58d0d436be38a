// The least an API object must have for the client machinery. Both our loose KubeObject and the
// precise kubernetes-types interfaces (whose metadata is optional) satisfy it.

export interface ObjectMetaLike {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  labels?: { [key: string]: string };
  annotations?: { [key: string]: string };
  deletionTimestamp?: string;
}

export interface MetaObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMetaLike;
}
