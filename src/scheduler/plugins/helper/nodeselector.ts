// Node selector matching (upstream component-helpers nodeaffinity): nodeSelector terms are
// ORed, their requirements ANDed; matchFields supports metadata.name.

import type { NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PreferredSchedulingTerm } from 'kubernetes-types/core/v1.js';

export interface CompiledRequirement { key: string; op: string; values: string[]; set: Set<string>; num: number }
export interface CompiledTerm { exprs: CompiledRequirement[]; fields: CompiledRequirement[]; valid: boolean }

function compileReq(r: NodeSelectorRequirement): CompiledRequirement | undefined {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In': case 'NotIn': if (!values.length) return undefined; break;
    case 'Exists': case 'DoesNotExist': if (values.length) return undefined; break;
    case 'Gt': case 'Lt': if (values.length !== 1 || !/^-?\d+$/.test(values[0] ?? '')) return undefined; break;
    default: return undefined;
  }
  return { key: r.key, op: r.operator, values, set: new Set(values), num: Number(values[0] ?? 0) };
}

export function compileTerm(t: NodeSelectorTerm): CompiledTerm {
  const exprs: CompiledRequirement[] = [];
  const fields: CompiledRequirement[] = [];
  let valid = true;
  for (const r of t.matchExpressions ?? []) { const c = compileReq(r); if (c) exprs.push(c); else valid = false; }
  for (const r of t.matchFields ?? []) {
    const c = compileReq(r);
    if (c && r.key === 'metadata.name' && (r.operator === 'In' || r.operator === 'NotIn') && c.values.length === 1) fields.push(c);
    else valid = false;
  }
  return { exprs, fields, valid };
}

function reqMatches(r: CompiledRequirement, has: boolean, v: string | undefined): boolean {
  switch (r.op) {
    case 'In': return has && r.set.has(v as string);
    case 'NotIn': return !has || !r.set.has(v as string);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    case 'Gt': return has && /^-?\d+$/.test(v as string) && Number(v) > r.num;
    case 'Lt': return has && /^-?\d+$/.test(v as string) && Number(v) < r.num;
    default: return false;
  }
}

export function termMatchesNode(t: CompiledTerm, labels: Record<string, string>, nodeName: string): boolean {
  // An empty or invalid term matches nothing.
  if (!t.valid || (t.exprs.length === 0 && t.fields.length === 0)) return false;
  for (const r of t.exprs) if (!reqMatches(r, Object.hasOwn(labels, r.key), labels[r.key])) return false;
  for (const r of t.fields) if (!reqMatches(r, true, nodeName)) return false;
  return true;
}

export class RequiredNodeAffinity {
  private readonly selector: Record<string, string> | undefined;
  private readonly terms: CompiledTerm[] | undefined;

  constructor(nodeSelector: Record<string, string> | undefined, required: NodeSelector | undefined) {
    this.selector = nodeSelector && Object.keys(nodeSelector).length ? nodeSelector : undefined;
    this.terms = required ? required.nodeSelectorTerms.map(compileTerm) : undefined;
  }

  get empty(): boolean { return !this.selector && !this.terms; }

  match(labels: Record<string, string>, nodeName: string): boolean {
    if (this.selector) {
      for (const k in this.selector) if (labels[k] !== this.selector[k]) return false;
    }
    if (this.terms) {
      for (const t of this.terms) if (termMatchesNode(t, labels, nodeName)) return true;
      return false;
    }
    return true;
  }

  /** Node names the required terms pin the pod to via matchFields metadata.name In (or undefined). */
  nodeNames(): Set<string> | undefined {
    if (!this.terms) return undefined;
    let out: Set<string> | undefined = new Set();
    for (const t of this.terms) {
      const f = t.fields.find((r) => r.op === 'In');
      if (!f) { out = undefined; break; }
      for (const v of f.values) out.add(v);
    }
    return out;
  }
}

export interface CompiledPreferred { weight: number; term: CompiledTerm }
export function compilePreferred(ps: readonly PreferredSchedulingTerm[] | undefined): CompiledPreferred[] {
  return (ps ?? []).filter((p) => p.weight !== 0).map((p) => ({ weight: p.weight, term: compileTerm(p.preference) }));
}
