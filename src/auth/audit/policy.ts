// Audit policy (audit.k8s.io/v1 Policy): the first rule that matches a request decides its level
// (None, Metadata, Request, RequestResponse) and the stages left out (k8s.io/apiserver/pkg/audit/policy).

import { readFileSync } from 'node:fs';
import YAML from 'yaml';

export type Level = 'None' | 'Metadata' | 'Request' | 'RequestResponse';
export type Stage = 'RequestReceived' | 'ResponseStarted' | 'ResponseComplete' | 'Panic';

const LEVELS: Level[] = ['None', 'Metadata', 'Request', 'RequestResponse'];
const STAGES: Stage[] = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'];

export interface GroupResources { group?: string; resources?: string[]; resourceNames?: string[] }

export interface PolicyRule {
  level: Level;
  users?: string[];
  userGroups?: string[];
  verbs?: string[];
  resources?: GroupResources[];
  namespaces?: string[];
  nonResourceURLs?: string[];
  omitStages?: Stage[];
  omitManagedFields?: boolean;
}

export interface Policy { rules: PolicyRule[]; omitStages?: Stage[]; omitManagedFields?: boolean }

/** What the policy needs to know of a request. */
export interface AuditAttributes {
  user: { name: string; groups: string[] };
  verb: string;
  isResourceRequest: boolean;
  path: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

export interface RuleDecision { level: Level; omitStages: Stage[]; omitManagedFields: boolean }

export function levelAtLeast(l: Level, min: Level): boolean { return LEVELS.indexOf(l) >= LEVELS.indexOf(min); }

function resourceMatches(rule: GroupResources[], a: AuditAttributes): boolean {
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return rule.some((gr) => {
    if ((gr.group ?? '') !== a.apiGroup && gr.group !== '*') return false;
    const names = gr.resources ?? [];
    const resOk = names.length === 0 || names.some((r) => r === '*' || r === combined
      || (r === `${a.resource}/*` && a.subresource !== '') || (r === `*/${a.subresource}` && a.subresource !== ''));
    if (!resOk) return false;
    const rn = gr.resourceNames ?? [];
    return rn.length === 0 || rn.includes(a.name);
  });
}

function urlMatches(urls: string[], path: string): boolean {
  return urls.some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))));
}

export function ruleMatches(r: PolicyRule, a: AuditAttributes): boolean {
  if (r.users?.length && !r.users.includes(a.user.name)) return false;
  if (r.userGroups?.length && !r.userGroups.some((g) => a.user.groups.includes(g))) return false;
  if (r.verbs?.length && !r.verbs.includes(a.verb)) return false;
  const hasResourceRule = (r.resources?.length ?? 0) > 0 || (r.namespaces?.length ?? 0) > 0;
  const hasUrlRule = (r.nonResourceURLs?.length ?? 0) > 0;
  if (hasResourceRule || hasUrlRule) {
    if (a.isResourceRequest) {
      if (!hasResourceRule) return false;
      if (r.namespaces?.length && !r.namespaces.includes(a.namespace)) return false;
      if (r.resources?.length && !resourceMatches(r.resources, a)) return false;
    } else {
      if (!hasUrlRule || !urlMatches(r.nonResourceURLs ?? [], a.path)) return false;
    }
  }
  return true;
}

export function evaluatePolicy(p: Policy, a: AuditAttributes): RuleDecision {
  for (const r of p.rules) {
    if (!ruleMatches(r, a)) continue;
    return {
      level: r.level,
      omitStages: [...new Set([...(p.omitStages ?? []), ...(r.omitStages ?? [])])],
      omitManagedFields: r.omitManagedFields ?? p.omitManagedFields ?? false,
    };
  }
  return { level: 'None', omitStages: [], omitManagedFields: false };
}

const strList = (v: unknown, where: string): string[] | undefined => {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`${where}: must be a list of strings`);
  return v as string[];
};

function stages(v: unknown, where: string): Stage[] | undefined {
  const list = strList(v, where);
  for (const s of list ?? []) if (!STAGES.includes(s as Stage)) throw new Error(`${where}: unknown stage ${s}`);
  return list as Stage[] | undefined;
}

export function parsePolicy(text: string): Policy {
  const doc = YAML.parse(text) as unknown;
  if (typeof doc !== 'object' || doc === null || (doc as { kind?: unknown }).kind !== 'Policy') throw new Error('expected an audit.k8s.io/v1 Policy');
  const d = doc as Record<string, unknown>;
  const rules = Array.isArray(d.rules) ? d.rules : [];
  return {
    omitStages: stages(d.omitStages, 'omitStages'),
    omitManagedFields: d.omitManagedFields === true,
    rules: rules.map((r: unknown, i) => {
      const where = `rules[${i}]`;
      if (typeof r !== 'object' || r === null) throw new Error(`${where}: must be an object`);
      const o = r as Record<string, unknown>;
      if (!LEVELS.includes(o.level as Level)) throw new Error(`${where}.level: must be one of ${LEVELS.join(', ')}`);
      const resources = Array.isArray(o.resources) ? o.resources.map((g: unknown, j) => {
        const gr = (typeof g === 'object' && g !== null ? g : {}) as Record<string, unknown>;
        return {
          group: typeof gr.group === 'string' ? gr.group : '',
          resources: strList(gr.resources, `${where}.resources[${j}].resources`),
          resourceNames: strList(gr.resourceNames, `${where}.resources[${j}].resourceNames`),
        };
      }) : undefined;
      return {
        level: o.level as Level,
        users: strList(o.users, `${where}.users`), userGroups: strList(o.userGroups, `${where}.userGroups`),
        verbs: strList(o.verbs, `${where}.verbs`), resources, namespaces: strList(o.namespaces, `${where}.namespaces`),
        nonResourceURLs: strList(o.nonResourceURLs, `${where}.nonResourceURLs`), omitStages: stages(o.omitStages, `${where}.omitStages`),
        omitManagedFields: typeof o.omitManagedFields === 'boolean' ? o.omitManagedFields : undefined,
      };
    }),
  };
}

export function loadPolicy(path: string): Policy { return parsePolicy(readFileSync(path, 'utf8')); }
