// flowcontrol.apiserver.k8s.io/v1 validation (pkg/apis/flowcontrol/validation): FlowSchema and
// PriorityLevelConfiguration, the fields people write.

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import { isPlainObject } from '../types.ts';
import type { KubeObject } from '../types.ts';
import { arr, enumField, has, num, obj, str } from './common.ts';
import { isDNS1123Label, isValidPathSegmentName } from './names.ts';

/** upstream's shufflesharding.MaxHashBits: the flow hash holds this many bits of entropy. */
export const MAX_HASH_BITS = 60;

/** Bits of hash a hand of handSize cards from a deck of deckSize needs (shufflesharding.RequiredEntropyBits). */
export function requiredEntropyBits(deckSize: number, handSize: number): number {
  return Math.ceil(Math.log2(deckSize) * handSize);
}

function strings(o: unknown, key: string): string[] {
  return arr(o, key).filter((x): x is string => typeof x === 'string');
}

/** A list that must be non-empty and may hold '*' only alone. */
function starList(list: string[], path: string, what: string, required: string): FieldError[] {
  if (list.length === 0) return [field.required(path, required)];
  if (list.length > 1 && list.includes('*')) return [field.invalid(path, list, `if '*' is present, must not specify other ${what}`)];
  return [];
}

function validateSubject(s: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const kind = str(s, 'kind') ?? '';
  const members: [string, string][] = [['User', 'user'], ['Group', 'group'], ['ServiceAccount', 'serviceAccount']];
  for (const [k, member] of members) {
    if (k !== kind && has(s, member)) errs.push(field.forbidden(`${path}.${member}`, `${member} is forbidden when subject kind is not '${k}'`));
  }
  switch (kind) {
    case 'User': case 'Group': {
      const member = kind === 'User' ? 'user' : 'group';
      if (!has(s, member)) errs.push(field.required(`${path}.${member}`, `${member} is required when subject kind is '${kind}'`));
      else if (!str(obj(s, member), 'name')) errs.push(field.required(`${path}.${member}.name`, `non-empty ${member} name is required`));
      break;
    }
    case 'ServiceAccount': {
      if (!has(s, 'serviceAccount')) { errs.push(field.required(`${path}.serviceAccount`, "serviceAccount is required when subject kind is 'ServiceAccount'")); break; }
      const sa = obj(s, 'serviceAccount');
      const name = str(sa, 'name') ?? '';
      const ns = str(sa, 'namespace') ?? '';
      if (!name) errs.push(field.required(`${path}.serviceAccount.name`, 'name is required'));
      else if (name !== '*') for (const m of isDNS1123Label(name)) errs.push(field.invalid(`${path}.serviceAccount.name`, name, m));
      if (!ns) errs.push(field.required(`${path}.serviceAccount.namespace`, 'namespace is required'));
      else for (const m of isDNS1123Label(ns)) errs.push(field.invalid(`${path}.serviceAccount.namespace`, ns, m));
      break;
    }
    case '': errs.push(field.required(`${path}.kind`, '')); break;
    default: errs.push(field.notSupported(`${path}.kind`, kind, ['Group', 'ServiceAccount', 'User']));
  }
  return errs;
}

function validateResourceRule(r: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [
    ...starList(strings(r, 'verbs'), `${path}.verbs`, 'verbs', 'verbs must contain at least one value'),
    ...starList(strings(r, 'apiGroups'), `${path}.apiGroups`, 'api groups', 'resource rules must supply at least one api group'),
    ...starList(strings(r, 'resources'), `${path}.resources`, 'resources', 'resource rules must supply at least one resource'),
  ];
  const namespaces = strings(r, 'namespaces');
  const clusterScope = isPlainObject(r) && r['clusterScope'] === true;
  if (namespaces.length === 0) {
    if (!clusterScope) errs.push(field.required(`${path}.namespaces`, 'resource rules that are not cluster scoped must supply at least one namespace'));
  } else if (namespaces.includes('*')) {
    if (namespaces.length > 1) errs.push(field.invalid(`${path}.namespaces`, namespaces, "if '*' is present, must not specify other namespaces"));
  } else {
    namespaces.forEach((ns, i) => { for (const m of isDNS1123Label(ns)) errs.push(field.invalid(`${path}.namespaces[${i}]`, ns, m)); });
  }
  return errs;
}

function validateNonResourceRule(r: unknown, path: string): FieldError[] {
  const errs = starList(strings(r, 'verbs'), `${path}.verbs`, 'verbs', 'verbs must contain at least one value');
  const urls = strings(r, 'nonResourceURLs');
  errs.push(...starList(urls, `${path}.nonResourceURLs`, 'non-resource urls', 'nonResourceURLs must contain at least one value'));
  urls.forEach((u, i) => {
    if (u === '*') return;
    if (!u.startsWith('/')) errs.push(field.invalid(`${path}.nonResourceURLs[${i}]`, u, "must start with slash or be '*'"));
    else if (u.slice(0, -1).includes('*')) errs.push(field.invalid(`${path}.nonResourceURLs[${i}]`, u, "'*' may appear only as the last character"));
  });
  return errs;
}

export function validateFlowSchema(o: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj(o, 'spec');
  const precedence = num(spec, 'matchingPrecedence');
  if (precedence === undefined || precedence < 1 || precedence > 10000 || !Number.isInteger(precedence)) {
    errs.push(field.invalid('spec.matchingPrecedence', precedence ?? 0, 'must be between 1 and 10000 inclusively'));
  }
  if (has(spec, 'distinguisherMethod')) {
    errs.push(...enumField(str(obj(spec, 'distinguisherMethod'), 'type'), ['ByNamespace', 'ByUser'], 'spec.distinguisherMethod.type', true));
  }
  const pl = str(obj(spec, 'priorityLevelConfiguration'), 'name') ?? '';
  if (!pl) errs.push(field.required('spec.priorityLevelConfiguration.name', 'must reference a priority level'));
  else for (const m of isValidPathSegmentName(pl)) errs.push(field.invalid('spec.priorityLevelConfiguration.name', pl, m));
  arr(spec, 'rules').forEach((rule, i) => {
    const path = `spec.rules[${i}]`;
    const subjects = arr(rule, 'subjects');
    if (subjects.length === 0) errs.push(field.required(`${path}.subjects`, 'subjects must contain at least one value'));
    subjects.forEach((s, j) => errs.push(...validateSubject(s, `${path}.subjects[${j}]`)));
    const rr = arr(rule, 'resourceRules');
    const nr = arr(rule, 'nonResourceRules');
    if (rr.length === 0 && nr.length === 0) errs.push(field.required(path, 'at least one of resourceRules and nonResourceRules has to be non-empty'));
    rr.forEach((r, j) => errs.push(...validateResourceRule(r, `${path}.resourceRules[${j}]`)));
    nr.forEach((r, j) => errs.push(...validateNonResourceRule(r, `${path}.nonResourceRules[${j}]`)));
  });
  return errs;
}

function validateQueuing(q: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const queues = num(q, 'queues') ?? 0;
  const handSize = num(q, 'handSize') ?? 0;
  const limit = num(q, 'queueLengthLimit') ?? 0;
  if (limit <= 0) errs.push(field.invalid(`${path}.queueLengthLimit`, limit, 'must be positive'));
  if (queues <= 0) errs.push(field.invalid(`${path}.queues`, queues, 'must be positive'));
  if (handSize <= 0) errs.push(field.invalid(`${path}.handSize`, handSize, 'must be positive'));
  else if (queues > 0 && handSize > queues) errs.push(field.invalid(`${path}.handSize`, handSize, `should not be greater than queues (${queues})`));
  else if (queues > 0 && requiredEntropyBits(queues, handSize) > MAX_HASH_BITS) {
    errs.push(field.invalid(path, q, `required entropy bits of deckSize ${queues} and handSize ${handSize} should not be greater than ${MAX_HASH_BITS}`));
  }
  return errs;
}

function validateLimited(l: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const shares = num(l, 'nominalConcurrencyShares');
  if (shares !== undefined && (shares < 0 || !Number.isInteger(shares))) errs.push(field.invalid(`${path}.nominalConcurrencyShares`, shares, 'must be a non-negative integer'));
  errs.push(...percent(num(l, 'lendablePercent'), `${path}.lendablePercent`));
  const borrowing = num(l, 'borrowingLimitPercent');
  if (borrowing !== undefined && borrowing < 0) errs.push(field.invalid(`${path}.borrowingLimitPercent`, borrowing, 'if specified, must be a non-negative integer'));
  const lr = obj(l, 'limitResponse');
  const type = str(lr, 'type');
  errs.push(...enumField(type, ['Queue', 'Reject'], `${path}.limitResponse.type`, true));
  if (type === 'Reject' && has(lr, 'queuing')) errs.push(field.forbidden(`${path}.limitResponse.queuing`, 'must be nil if limited.limitResponse.type is not Limited'));
  if (type === 'Queue') {
    if (!has(lr, 'queuing')) errs.push(field.required(`${path}.limitResponse.queuing`, 'must not be empty if limited.limitResponse.type is Limited'));
    else errs.push(...validateQueuing(lr['queuing'], `${path}.limitResponse.queuing`));
  }
  return errs;
}

function percent(v: number | undefined, path: string): FieldError[] {
  return v !== undefined && (v < 0 || v > 100) ? [field.invalid(path, v, 'must be between 0 and 100, inclusive')] : [];
}

export function validatePriorityLevelConfiguration(o: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj(o, 'spec');
  const type = str(spec, 'type');
  errs.push(...enumField(type, ['Exempt', 'Limited'], 'spec.type', true));
  const isExemptName = o.metadata.name === 'exempt';
  if (type && (type === 'Exempt') !== isExemptName) errs.push(field.invalid('spec.type', type, "type must be 'Exempt' if and only if name is 'exempt'"));
  if (type === 'Exempt') {
    if (has(spec, 'limited')) errs.push(field.forbidden('spec.limited', 'must be nil if the type is not Limited'));
    if (has(spec, 'exempt')) {
      const ex = obj(spec, 'exempt');
      const shares = num(ex, 'nominalConcurrencyShares');
      if (shares !== undefined && shares < 0) errs.push(field.invalid('spec.exempt.nominalConcurrencyShares', shares, 'must be a non-negative integer'));
      errs.push(...percent(num(ex, 'lendablePercent'), 'spec.exempt.lendablePercent'));
    }
  } else if (type === 'Limited') {
    if (has(spec, 'exempt')) errs.push(field.forbidden('spec.exempt', 'must be nil if the type is Limited'));
    if (!has(spec, 'limited')) errs.push(field.required('spec.limited', 'must not be empty when type is Limited'));
    else errs.push(...validateLimited(spec['limited'], 'spec.limited'));
  }
  return errs;
}

/** Status writes: conditions need a type and a status. */
export function validateFlowControlStatus(o: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  arr(obj(o, 'status'), 'conditions').forEach((c, i) => {
    if (!str(c, 'type')) errs.push(field.required(`status.conditions[${i}].type`, 'must not be empty'));
    if (!str(c, 'status')) errs.push(field.required(`status.conditions[${i}].status`, 'must not be empty'));
  });
  return errs;
}
