// FlowSchema matching (upstream's k8s.io/apiserver/pkg/util/flowcontrol/match.go), compiled once
// per configuration: subjects (User, Group, ServiceAccount, '*'), resource rules (verbs, API
// groups, resources and subresources, cluster scope or namespaces) and non-resource rules.

import type { KubeObject } from '../../api/types.ts';

/** The request as classification sees it (after authentication, as upstream). */
export interface RequestDigest {
  user: string;
  groups: readonly string[];
  verb: string;
  isResourceRequest: boolean;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  path: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const objs = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A list matcher: everything ('*') or a set. */
class Names {
  readonly all: boolean;
  readonly set: ReadonlySet<string>;
  constructor(list: string[]) { this.all = list.includes('*'); this.set = new Set(list); }
  has(v: string): boolean { return this.all || this.set.has(v); }
}

interface SubjectMatcher { users: Names; groups: Names; serviceAccounts: Map<string, Names> }

interface CompiledResourceRule { verbs: Names; apiGroups: Names; resources: Names; clusterScope: boolean; namespaces: Names }
interface CompiledNonResourceRule { verbs: Names; urls: string[]; anyURL: boolean }
interface CompiledRule { subjects: SubjectMatcher; resourceRules: CompiledResourceRule[]; nonResourceRules: CompiledNonResourceRule[] }

export interface CompiledFlowSchema {
  name: string;
  uid: string;
  matchingPrecedence: number;
  priorityLevel: string;
  distinguisher: 'ByUser' | 'ByNamespace' | undefined;
  rules: CompiledRule[];
}

const SA_PREFIX = 'system:serviceaccount:';

function compileSubjects(list: Obj[]): SubjectMatcher {
  const users: string[] = [];
  const groups: string[] = [];
  const sas = new Map<string, string[]>();
  for (const s of list) {
    const kind = s['kind'];
    if (kind === 'User') users.push(str(isObj(s['user']) ? s['user']['name'] : ''));
    else if (kind === 'Group') groups.push(str(isObj(s['group']) ? s['group']['name'] : ''));
    else if (kind === 'ServiceAccount' && isObj(s['serviceAccount'])) {
      const ns = str(s['serviceAccount']['namespace']);
      const names = sas.get(ns) ?? [];
      names.push(str(s['serviceAccount']['name']));
      sas.set(ns, names);
    }
  }
  return { users: new Names(users), groups: new Names(groups), serviceAccounts: new Map([...sas].map(([ns, n]) => [ns, new Names(n)])) };
}

export function compileFlowSchema(o: KubeObject): CompiledFlowSchema {
  const spec = isObj(o['spec']) ? o['spec'] : {};
  const dm = isObj(spec['distinguisherMethod']) ? spec['distinguisherMethod']['type'] : undefined;
  return {
    name: o.metadata.name ?? '',
    uid: o.metadata.uid ?? '',
    matchingPrecedence: typeof spec['matchingPrecedence'] === 'number' ? spec['matchingPrecedence'] : 1000,
    priorityLevel: str(isObj(spec['priorityLevelConfiguration']) ? spec['priorityLevelConfiguration']['name'] : ''),
    distinguisher: dm === 'ByUser' || dm === 'ByNamespace' ? dm : undefined,
    rules: objs(spec['rules']).map((r) => ({
      subjects: compileSubjects(objs(r['subjects'])),
      resourceRules: objs(r['resourceRules']).map((rr) => ({
        verbs: new Names(strs(rr['verbs'])), apiGroups: new Names(strs(rr['apiGroups'])), resources: new Names(strs(rr['resources'])),
        clusterScope: rr['clusterScope'] === true, namespaces: new Names(strs(rr['namespaces'])),
      })),
      nonResourceRules: objs(r['nonResourceRules']).map((nr) => {
        const urls = strs(nr['nonResourceURLs']);
        return { verbs: new Names(strs(nr['verbs'])), urls, anyURL: urls.includes('*') };
      }),
    })),
  };
}

function matchesSubjects(m: SubjectMatcher, d: RequestDigest): boolean {
  if (m.users.has(d.user)) return true;
  if (m.groups.all) return true;
  for (const g of d.groups) if (m.groups.set.has(g)) return true;
  if (m.serviceAccounts.size > 0 && d.user.startsWith(SA_PREFIX)) {
    const rest = d.user.slice(SA_PREFIX.length);
    const colon = rest.indexOf(':');
    if (colon > 0) {
      const names = m.serviceAccounts.get(rest.slice(0, colon));
      if (names?.has(rest.slice(colon + 1))) return true;
    }
  }
  return false;
}

function matchesResource(r: CompiledResourceRule, d: RequestDigest): boolean {
  if (!r.verbs.has(d.verb) || !r.apiGroups.has(d.apiGroup)) return false;
  if (!r.resources.has(d.subresource ? `${d.resource}/${d.subresource}` : d.resource)) return false;
  return d.namespace === '' ? r.clusterScope : r.namespaces.has(d.namespace);
}

/** '*' matches all; '/x' matches /x and /x/...; '/x/*' matches /x/... (upstream's prefix rule). */
function matchesURL(patterns: string[], path: string): boolean {
  for (const p of patterns) {
    if (p === path) return true;
    const prefix = p.endsWith('*') ? p.slice(0, -1) : `${p}/`;
    if (path.startsWith(prefix)) return true;
  }
  return false;
}

export function matchesFlowSchema(fs: CompiledFlowSchema, d: RequestDigest): boolean {
  for (const rule of fs.rules) {
    if (!matchesSubjects(rule.subjects, d)) continue;
    if (d.isResourceRequest) {
      for (const r of rule.resourceRules) if (matchesResource(r, d)) return true;
    } else {
      for (const r of rule.nonResourceRules) if (r.verbs.has(d.verb) && (r.anyURL || matchesURL(r.urls, d.path))) return true;
    }
  }
  return false;
}

/** The flow distinguisher: the user's name, the namespace, or nothing. */
export function distinguisherOf(fs: CompiledFlowSchema, d: RequestDigest): string {
  if (fs.distinguisher === 'ByUser') return d.user;
  if (fs.distinguisher === 'ByNamespace') return d.namespace;
  return '';
}

/** Sorted as upstream tries them: by matchingPrecedence, then by name. */
export function byPrecedence(a: CompiledFlowSchema, b: CompiledFlowSchema): number {
  return a.matchingPrecedence - b.matchingPrecedence || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
