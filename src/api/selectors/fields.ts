// Field selectors, as apimachinery's pkg/fields: "a=b,c!=d" with backslash escaping of ',', '='
// and '\\' in values.

export type FieldOperator = '=' | '==' | '!=';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  readonly value: string;
}

export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
}

export class FieldSelectorParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldSelectorParseError';
  }
}

/** Splits on commas not escaped by a backslash (escapes are kept for unescapeValue). */
function splitTerms(s: string): string[] {
  if (s === '') return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const TERM_OPERATORS: readonly FieldOperator[] = ['!=', '==', '='];

function splitTerm(term: string): [string, FieldOperator, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of TERM_OPERATORS) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

export function escapeValue(v: string): string {
  return v.replace(/[\\,=]/g, (c) => `\\${c}`);
}

export function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') throw new FieldSelectorParseError(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw new FieldSelectorParseError(`invalid field selector: unescaped character in value: ${c === ',' ? 44 : 61}`);
    else out += c;
  }
  if (inSlash) throw new FieldSelectorParseError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Parses a field selector string. Terms are sorted, as upstream does. Throws FieldSelectorParseError. */
export function parseFieldSelector(selector: string): FieldSelector {
  const reqs: FieldRequirement[] = [];
  for (const part of splitTerms(selector).sort()) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (!t) throw new FieldSelectorParseError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [lhs, op, rhs] = t;
    reqs.push({ field: lhs, operator: op, value: unescapeValue(rhs) });
  }
  return { requirements: reqs };
}

/** Whether an object, seen through getter (field path → value, undefined if unknown), satisfies all terms. */
export function fieldSelectorMatches(selector: FieldSelector, getter: (field: string) => string | undefined): boolean {
  return selector.requirements.every((r) => {
    const v = getter(r.field) ?? '';
    return r.operator === '!=' ? v !== r.value : v === r.value;
  });
}

/** The field paths a selector refers to, so the apiserver can reject unsupported ones. */
export function referencedFields(selector: FieldSelector): string[] {
  return [...new Set(selector.requirements.map((r) => r.field))];
}

/** The error upstream returns for a field the kind does not support. */
export function fieldLabelNotSupported(field: string): string {
  return `field label not supported: ${field}`;
}

/** The first referenced field not in `supported`, if any. */
export function unsupportedField(selector: FieldSelector, supported: Iterable<string>): string | undefined {
  const ok = new Set(supported);
  return referencedFields(selector).find((f) => !ok.has(f));
}

/** The value a term requires of a field with '='/'==', if exactly one (e.g. spec.nodeName for a watch index). */
export function requiresExactMatch(selector: FieldSelector, field: string): string | undefined {
  const r = selector.requirements.find((x) => x.field === field && x.operator !== '!=');
  return r?.value;
}

export function fieldSelectorString(selector: FieldSelector): string {
  return selector.requirements.map((r) => `${r.field}${r.operator === '==' ? '=' : r.operator}${escapeValue(r.value)}`).join(',');
}

export function isEmptyFieldSelector(selector: FieldSelector): boolean {
  return selector.requirements.length === 0;
}
