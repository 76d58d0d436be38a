// Label selectors, as apimachinery's pkg/labels: the string syntax ("a=b,c in (x,y),!d"),
// matching, and conversion from metav1.LabelSelector.

import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { isQualifiedName, isValidLabelValue } from '../validation/names.ts';

export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

export interface Selector {
  readonly requirements: readonly Requirement[];
  /** True for the selector that matches nothing (a nil LabelSelector). */
  readonly nothing?: boolean;
}

export class SelectorParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorParseError';
  }
}

export const everything = (): Selector => ({ requirements: [] });
export const nothing = (): Selector => ({ requirements: [], nothing: true });

export function isEmptySelector(s: Selector): boolean {
  return !s.nothing && s.requirements.length === 0;
}

function invalidMsg(path: string, value: unknown, detail: string): string {
  const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  return `${path}: Invalid value: ${shown}: ${detail}`;
}

/** Builds a requirement, throwing upstream's aggregated messages when key, operator or values are bad. */
export function newRequirement(key: string, operator: Operator, values: readonly string[], path = ''): Requirement {
  const errs: string[] = [];
  const at = (child: string): string => (path ? `${path}.${child}` : child);
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length) errs.push(invalidMsg(at('key'), key, keyErrs.join('; ')));
  const vp = at('values');
  switch (operator) {
    case 'in': case 'notin':
      if (values.length === 0) errs.push(invalidMsg(vp, values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=': case '==': case '!=':
      if (values.length !== 1) errs.push(invalidMsg(vp, values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists': case '!':
      if (values.length !== 0) errs.push(invalidMsg(vp, values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt': case 'lt':
      if (values.length !== 1) errs.push(invalidMsg(vp, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (!/^[+-]?\d+$/.test(v)) errs.push(invalidMsg(`${vp}[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
  }
  values.forEach((v, i) => {
    const ve = isValidLabelValue(v);
    if (ve.length) errs.push(invalidMsg(`${vp}[${i}][${key}]`, v, ve.join('; ')));
  });
  if (errs.length === 1) throw new SelectorParseError(errs[0] ?? '');
  if (errs.length > 1) throw new SelectorParseError(`[${errs.join(', ')}]`);
  return { key, operator, values: [...values] };
}

/** Requirements are kept sorted by key, as upstream's Selector.Add does. */
export function selectorOf(reqs: readonly Requirement[]): Selector {
  return { requirements: [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) };
}

export function requirementMatches(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case '=': case '==': case 'in':
      return v !== undefined && r.values.includes(v);
    case '!=': case 'notin':
      return v === undefined || !r.values.includes(v);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt': case 'lt': {
      if (v === undefined || !/^[+-]?\d+$/.test(v)) return false;
      const want = r.values[0];
      if (want === undefined) return false;
      const a = BigInt(v);
      const b = BigInt(want);
      return r.operator === 'gt' ? a > b : a < b;
    }
  }
}

/** Whether labels satisfy every requirement. */
export function matches(selector: Selector, labels: Readonly<Record<string, string>> | undefined): boolean {
  if (selector.nothing) return false;
  const l = labels ?? {};
  return selector.requirements.every((r) => requirementMatches(r, l));
}

export function requirementString(r: Requirement): string {
  switch (r.operator) {
    case '!': return `!${r.key}`;
    case 'exists': return r.key;
    case 'in': case 'notin':
      return `${r.key} ${r.operator} (${[...r.values].sort().join(',')})`;
    case 'gt': return `${r.key}>${r.values[0] ?? ''}`;
    case 'lt': return `${r.key}<${r.values[0] ?? ''}`;
    default: return `${r.key}${r.operator}${r.values[0] ?? ''}`;
  }
}

/** The string form, e.g. "app=web,tier in (a,b)" ('' for everything). */
export function selectorString(s: Selector): string {
  return s.requirements.map(requirementString).join(',');
}

/** metav1.LabelSelector → Selector (nil → nothing, empty → everything). Throws SelectorParseError. */
export function labelSelectorAsSelector(ls: LabelSelector | null | undefined): Selector {
  if (!ls) return nothing();
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) reqs.push(newRequirement(k, '=', [v]));
  for (const e of ls.matchExpressions ?? []) {
    const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as const)[e.operator as 'In'];
    if (op === undefined) throw new SelectorParseError(`"${e.operator}" is not a valid label selector operator`);
    reqs.push(newRequirement(e.key, op, e.values ?? []));
  }
  return selectorOf(reqs);
}

/** The string form of a metav1.LabelSelector, as shown in Scale status.selector and by kubectl. */
export function formatLabelSelector(ls: LabelSelector | null | undefined): string {
  if (!ls) return '<none>';
  const s = labelSelectorAsSelector(ls);
  const str = selectorString(s);
  return str === '' ? '<none>' : str;
}

// --- the string syntax (upstream's lexer and Parser) ---

type Tok = 'id' | 'in' | 'notin' | '!' | '!=' | '=' | '==' | '>' | '<' | '(' | ')' | ',' | 'eos';
interface Token { tok: Tok; lit: string }

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const SYMBOLS: readonly Tok[] = ['!=', '==', '!', '=', '(', ')', ',', '>', '<'];

function lex(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (SPECIAL.has(c)) {
      const sym = SYMBOLS.find((s) => input.startsWith(s, i)) ?? '=';
      out.push({ tok: sym, lit: sym });
      i += sym.length;
      continue;
    }
    let j = i;
    while (j < input.length && !SPECIAL.has(input[j] ?? '') && !/\s/.test(input[j] ?? '')) j++;
    const word = input.slice(i, j);
    out.push({ tok: word === 'in' ? 'in' : word === 'notin' ? 'notin' : 'id', lit: word });
    i = j;
  }
  out.push({ tok: 'eos', lit: '' });
  return out;
}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

class Parser {
  private readonly toks: Token[];
  private pos = 0;
  constructor(input: string) {
    this.toks = lex(input);
  }

  /** In value context the keywords 'in' and 'notin' are plain identifiers. */
  private peek(values = true): Token {
    const t = this.toks[this.pos] ?? { tok: 'eos', lit: '' };
    return values && (t.tok === 'in' || t.tok === 'notin') ? { tok: 'id', lit: t.lit } : t;
  }

  private next(values = true): Token {
    const t = this.peek(values);
    if (this.pos < this.toks.length - 1) this.pos++;
    return t;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const t = this.peek();
      if (t.tok === 'eos') return reqs;
      if (t.tok !== 'id' && t.tok !== '!') throw new SelectorParseError(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
      try {
        reqs.push(this.requirement());
      } catch (e) {
        if (e instanceof SelectorParseError) throw new SelectorParseError(`unable to parse requirement: ${e.message}`);
        throw e;
      }
      const after = this.next();
      if (after.tok === 'eos') return reqs;
      if (after.tok !== ',') throw new SelectorParseError(`found '${after.lit}', expected: ',' or 'end of string'`);
      const t2 = this.peek();
      if (t2.tok !== 'id' && t2.tok !== '!') throw new SelectorParseError(`found '${t2.lit}', expected: identifier after ','`);
    }
  }

  private requirement(): Requirement {
    let t = this.next();
    let unary: Operator | undefined;
    if (t.tok === '!') {
      unary = '!';
      t = this.next();
    }
    if (t.tok !== 'id') throw new SelectorParseError(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length) throw new SelectorParseError(invalidMsg('<nil>', key, keyErrs.join('; ')));
    if (unary) return newRequirement(key, unary, []);
    const la = this.peek().tok;
    if (la === 'eos' || la === ',') return newRequirement(key, 'exists', []);
    const opTok = this.next(false);
    const op: Operator | undefined = ({ in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt' } as const)[opTok.tok as 'in'];
    if (op === undefined) throw new SelectorParseError(`found '${opTok.lit}', expected: ${BINARY_OPERATORS}`);
    const values = op === 'in' || op === 'notin' ? this.valueList() : this.exactValue();
    return newRequirement(key, op, values);
  }

  private exactValue(): string[] {
    const la = this.peek();
    if (la.tok === 'eos' || la.tok === ',') return [''];
    const t = this.next();
    if (t.tok === 'id') return [t.lit];
    throw new SelectorParseError(`found '${t.lit}', expected: identifier`);
  }

  /** "(a,b)", also tolerating empty members as upstream does; the result is a sorted set. */
  private valueList(): string[] {
    const open = this.next();
    if (open.tok !== '(') throw new SelectorParseError(`found '${open.lit}' expected: '('`);
    const first = this.peek();
    if (first.tok === ')') {
      this.next();
      return [''];
    }
    if (first.tok !== 'id' && first.tok !== ',') throw new SelectorParseError(`found '${first.lit}', expected: ',', ')' or identifier`);
    const set = new Set<string>();
    for (;;) {
      const t = this.next();
      if (t.tok === 'id') {
        set.add(t.lit);
        const t2 = this.peek();
        if (t2.tok === ',') continue;
        if (t2.tok === ')') break;
        throw new SelectorParseError(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (t.tok === ',') {
        if (set.size === 0) set.add('');
        const t2 = this.peek();
        if (t2.tok === ')') {
          set.add('');
          break;
        }
        if (t2.tok === ',') {
          this.next();
          set.add('');
        }
      } else {
        throw new SelectorParseError(`found '${t.lit}', expected: ',', or identifier`);
      }
    }
    const close = this.next();
    if (close.tok !== ')') throw new SelectorParseError(`found '${close.lit}', expected: ')'`);
    return [...set].sort();
  }
}

/** Parses the selector string syntax (whitespace tolerant). Throws SelectorParseError with upstream's messages. */
export function parseLabelSelector(input: string): Selector {
  return selectorOf(new Parser(input).parse());
}
