// Media type negotiation for responses: plain objects, Tables (kubectl get) and
// PartialObjectMetadata (garbage collector, `kubectl get -o name` in some versions).

export type ResponseForm = 'object' | 'table' | 'metadata';

export interface Negotiated {
  form: ResponseForm;
  /** apiVersion of Table / PartialObjectMetadata: meta.k8s.io/v1 or v1beta1. */
  metaVersion: string;
  yaml: boolean;
}

/** Parses an Accept header such as `application/json;as=Table;v=v1;g=meta.k8s.io,application/json`. */
export function negotiate(accept: string): Negotiated {
  const res: Negotiated = { form: 'object', metaVersion: 'meta.k8s.io/v1', yaml: false };
  if (!accept) return res;
  for (const clause of accept.split(',')) {
    const [type, ...params] = clause.trim().split(';').map((s) => s.trim());
    const p = new Map(params.map((kv) => { const i = kv.indexOf('='); return [kv.slice(0, i), kv.slice(i + 1)] as const; }));
    const as = p.get('as');
    if (as && p.get('g') === 'meta.k8s.io' && (type === 'application/json' || type === '*/*')) {
      const v = p.get('v') ?? 'v1';
      if (v !== 'v1' && v !== 'v1beta1') continue;
      if (as === 'Table') return { form: 'table', metaVersion: `meta.k8s.io/${v}`, yaml: false };
      if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') {
        return { form: 'metadata', metaVersion: `meta.k8s.io/${v}`, yaml: false };
      }
      continue;
    }
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return res;
    if (type === 'application/yaml') return { ...res, yaml: true };
  }
  return res;
}
