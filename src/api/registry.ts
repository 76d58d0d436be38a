// One typed entry per served kind drives REST routes, storage keys, discovery, OpenAPI, Table
// output, field selectors, defaulting and validation (upstream's pkg/registry/*/strategy.go).

import type { FieldError } from './errors.ts';
import type { KubeObject } from './types.ts';

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';
export const ALL_VERBS: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** A Table column, as metav1.TableColumnDefinition. priority 1 = only with -o wide. */
export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: 'name' | 'date' | '';
  description: string;
  priority: 0 | 1;
}

/** How the scale subresource reads and writes replicas (autoscaling/v1 Scale). */
export interface ScaleAccess {
  specReplicas(obj: KubeObject): number;
  statusReplicas(obj: KubeObject): number;
  /** The label selector in its string form (status.selector of Scale), '' if none. */
  selector(obj: KubeObject): string;
  setSpecReplicas(obj: KubeObject, replicas: number): void;
}

/** Context the apiserver offers to strategy hooks (e.g. to allocate a Service's clusterIP). */
export interface StrategyContext {
  /** Objects of a resource currently stored (from the watch cache), e.g. list('', 'services'). */
  list(group: string, resource: string): KubeObject[];
  /** The configured service CIDR, e.g. '10.43.0.0/16', and NodePort range. */
  serviceCIDR: string;
  nodePortRange: [number, number];
}

export interface ResourceType {
  /** '' for the core (legacy) group. */
  group: string;
  version: string;
  kind: string;
  /** Plural lower-case name used in URLs, e.g. 'pods'. */
  resource: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Verbs served on the main resource (default ALL_VERBS). */
  verbs?: readonly Verb[];
  subresources?: {
    status?: boolean;
    scale?: ScaleAccess;
    /** Other subresources served by dedicated handlers, e.g. 'binding', 'eviction', 'log', 'exec', 'token'. */
    other?: string[];
  };
  /**
   * When this version is not the storage form: where objects are stored and how to convert.
   * Objects in storage are always in the storage entry's version.
   */
  storage?: {
    group: string;
    version: string;
    resource: string;
    toStorage(obj: KubeObject): KubeObject;
    fromStorage(obj: KubeObject): KubeObject;
  };
  /** Table columns (including Name first and Age where upstream has them) and the cell function. */
  columns: PrinterColumn[];
  row(obj: KubeObject, now: number): unknown[];
  /** Extra field selectors beyond metadata.name / metadata.namespace: field path → value. */
  fieldSelectors?: Record<string, (obj: KubeObject) => string | undefined>;
  /** Fills in defaults in place (create and update, before validation). */
  defaults?(obj: KubeObject): void;
  /** Create-time preparation (e.g. clear status, allocate a clusterIP). May throw a StatusError. */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /** Update-time preparation of the main resource (e.g. keep status from old). */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validate?(obj: KubeObject): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
  /** Validation of a write to the status subresource. */
  validateStatusUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
  /** Whether a write that changes anything outside metadata and status bumps metadata.generation (default true). */
  tracksGeneration?: boolean;
  /** Whether names are DNS-1123 subdomains (default) or labels, or path segments (e.g. RBAC roles). */
  nameRule?: 'subdomain' | 'label' | 'dns1035' | 'path';
  /** Whether deletion is graceful by default (pods: spec.terminationGracePeriodSeconds). */
  gracefulDeletion?(obj: KubeObject): number | undefined;
  /** Whether the apiserver allows create on update (PUT to a missing name), as Lease, Endpoints, Node... */
  allowCreateOnUpdate?: boolean;
  /** Whether this entry is listed in discovery and OpenAPI (default true). */
  hidden?: boolean;
  /**
   * Create-only kinds computed on request and never stored (TokenReview, SubjectAccessReview,
   * SelfSubjectReview…): the handler returns the object to answer with (status filled in).
   */
  virtual?: {
    create(obj: KubeObject, req: { user: { name: string; groups: string[]; uid?: string; extra?: Record<string, string[]> } | undefined; namespace: string }): Promise<KubeObject>;
  };
}

export function groupVersion(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

export class Registry {
  readonly types: ResourceType[] = [];
  private readonly byPath = new Map<string, ResourceType>();
  private readonly byKind = new Map<string, ResourceType>();

  add(t: ResourceType): void {
    const gvr = `${groupVersion(t)}/${t.resource}`;
    if (this.byPath.has(gvr)) throw new Error(`duplicate resource ${gvr}`);
    this.types.push(t);
    this.byPath.set(gvr, t);
    this.byKind.set(`${groupVersion(t)}/${t.kind}`, t);
  }

  /** By group, version and plural resource name. */
  lookup(group: string, version: string, resource: string): ResourceType | undefined {
    return this.byPath.get(`${group ? `${group}/${version}` : version}/${resource}`);
  }

  /** By apiVersion ('v1', 'apps/v1') and kind. */
  lookupKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.byKind.get(`${apiVersion}/${kind}`);
  }

  /** Group versions served, in registration order, each with its types. */
  groupVersions(): Map<string, ResourceType[]> {
    const m = new Map<string, ResourceType[]>();
    for (const t of this.types) {
      if (t.hidden) continue;
      const gv = groupVersion(t);
      const list = m.get(gv) ?? [];
      list.push(t);
      m.set(gv, list);
    }
    return m;
  }

  /** The entry whose version is the storage form of t (t itself unless t.storage is set). */
  storageTypeOf(t: ResourceType): ResourceType {
    if (!t.storage) return t;
    const s = this.lookup(t.storage.group, t.storage.version, t.storage.resource);
    if (!s) throw new Error(`storage type of ${groupVersion(t)}/${t.resource} not registered`);
    return s;
  }
}
