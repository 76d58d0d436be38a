// authorization.k8s.io/v1 access reviews: SubjectAccessReview, SelfSubjectAccessReview,
// LocalSubjectAccessReview and SelfSubjectRulesReview. They are computed on create by the
// server's authorizer (bound with bindReviewAuthorizer once the server has one) and never stored.

import { badRequest, field, invalid } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import type { Registry, ResourceType } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { isObj, obj, str, strs } from './access.ts';
import { defaultColumns, defaultRow } from './printers.ts';

const GROUP = 'authorization.k8s.io';

/** The user a review is about (structurally auth/types UserInfo). */
export interface ReviewUser { name: string; uid?: string; groups: string[]; extra?: Record<string, string[]> }

/** What the reviews need of an authorizer (structurally auth/types Authorizer). */
export interface ReviewAuthorizer {
  authorize(a: {
    user: ReviewUser; verb: string; isResourceRequest: boolean; path: string; apiGroup: string; apiVersion: string;
    resource: string; subresource: string; namespace: string; name: string;
  }): Promise<{ decision: 'Allow' | 'Deny' | 'NoOpinion'; reason: string }>;
  rulesFor?(user: ReviewUser, namespace: string): Promise<{ resourceRules: unknown[]; nonResourceRules: unknown[]; incomplete: boolean; evaluationError?: string }>;
}

const slots = new WeakMap<ResourceType, { authorizer: ReviewAuthorizer | undefined }>();

/** Makes the review kinds of a registry answer with this authorizer. */
export function bindReviewAuthorizer(registry: Registry, authorizer: ReviewAuthorizer): void {
  for (const t of registry.types) {
    const slot = slots.get(t);
    if (slot) slot.authorizer = authorizer;
  }
}

type Compute = (authorizer: ReviewAuthorizer, obj: KubeObject, req: { user: ReviewUser | undefined; namespace: string }) => Promise<KubeObject>;

function review(kind: string, resource: string, namespaced: boolean, compute: Compute): ResourceType {
  const slot: { authorizer: ReviewAuthorizer | undefined } = { authorizer: undefined };
  const t: ResourceType = {
    group: GROUP, version: 'v1', kind, resource, singular: resource.slice(0, -1), namespaced,
    verbs: ['create'], columns: defaultColumns(), row: defaultRow,
    virtual: {
      create: async (o, req) => {
        const a = slot.authorizer;
        if (!a) throw badRequest(`${resource}.${GROUP} cannot be answered: no authorizer is configured`);
        return compute(a, o, req);
      },
    },
  };
  slots.set(t, slot);
  return t;
}

function refuse(kind: string, errs: FieldError[]): void {
  if (errs.length > 0) throw invalid({ group: GROUP, kind }, '', errs);
}

function validateSpec(spec: Record<string, unknown>, self: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const res = spec['resourceAttributes'];
  const non = spec['nonResourceAttributes'];
  const hasRes = isObj(res);
  const hasNon = isObj(non);
  if (hasRes && hasNon) errs.push(field.invalid('spec.nonResourceAttributes', non, 'cannot be specified in combination with resourceAttributes'));
  if (!hasRes && !hasNon) errs.push(field.invalid('spec.resourceAttributes', non ?? null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  if (!self && !str(spec['user']) && strs(spec['groups']).length === 0) {
    errs.push(field.invalid('spec.user', str(spec['user']), 'at least one of user or group must be specified'));
  }
  return errs;
}

function extraOf(v: unknown): Record<string, string[]> | undefined {
  if (!isObj(v)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [k, x] of Object.entries(v)) out[k] = strs(x);
  return Object.keys(out).length > 0 ? out : undefined;
}

async function decide(a: ReviewAuthorizer, user: ReviewUser, spec: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = spec['resourceAttributes'];
  const attrs = isObj(res)
    ? {
      user, verb: str(res['verb']), isResourceRequest: true, path: '', apiGroup: str(res['group']), apiVersion: str(res['version']),
      resource: str(res['resource']), subresource: str(res['subresource']), namespace: str(res['namespace']), name: str(res['name']),
    }
    : (() => {
      const non = obj(spec['nonResourceAttributes']);
      return {
        user, verb: str(non['verb']), isResourceRequest: false, path: str(non['path']), apiGroup: '', apiVersion: '',
        resource: '', subresource: '', namespace: '', name: '',
      };
    })();
  const d = await a.authorize(attrs);
  const status: Record<string, unknown> = { allowed: d.decision === 'Allow' };
  if (d.decision === 'Deny') status['denied'] = true;
  if (d.reason) status['reason'] = d.reason;
  return status;
}

function requester(req: { user: ReviewUser | undefined }): ReviewUser {
  return req.user ?? { name: 'system:anonymous', groups: ['system:unauthenticated'] };
}

export const subjectAccessReviews = (): ResourceType => review('SubjectAccessReview', 'subjectaccessreviews', false, async (a, o) => {
  const spec = obj(o['spec']);
  refuse('SubjectAccessReview', validateSpec(spec, false));
  const user: ReviewUser = { name: str(spec['user']), groups: strs(spec['groups']) };
  if (str(spec['uid'])) user.uid = str(spec['uid']);
  const extra = extraOf(spec['extra']);
  if (extra) user.extra = extra;
  return { ...o, metadata: { ...o.metadata }, status: await decide(a, user, spec) };
});

export const selfSubjectAccessReviews = (): ResourceType => review('SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, async (a, o, req) => {
  const spec = obj(o['spec']);
  refuse('SelfSubjectAccessReview', validateSpec(spec, true));
  return { ...o, metadata: { ...o.metadata }, status: await decide(a, requester(req), spec) };
});

export const localSubjectAccessReviews = (): ResourceType => review('LocalSubjectAccessReview', 'localsubjectaccessreviews', true, async (a, o, req) => {
  const spec = obj(o['spec']);
  if (!req.namespace) throw badRequest(`namespace is required on this type: ${req.namespace}`);
  const errs = validateSpec(spec, false);
  const res = spec['resourceAttributes'];
  if (isObj(res) && str(res['namespace']) !== (o.metadata.namespace ?? '')) {
    errs.push(field.invalid('spec.resourceAttributes.namespace', str(res['namespace']), 'must match metadata.namespace'));
  }
  if (isObj(spec['nonResourceAttributes'])) errs.push(field.invalid('spec.nonResourceAttributes', spec['nonResourceAttributes'], 'disallowed on this kind of request'));
  refuse('LocalSubjectAccessReview', errs);
  if (req.namespace !== (o.metadata.namespace ?? '')) throw badRequest(`spec.resourceAttributes.namespace must match namespace: ${req.namespace}`);
  const user: ReviewUser = { name: str(spec['user']), groups: strs(spec['groups']) };
  if (str(spec['uid'])) user.uid = str(spec['uid']);
  const extra = extraOf(spec['extra']);
  if (extra) user.extra = extra;
  return { ...o, metadata: { ...o.metadata }, status: await decide(a, user, spec) };
});

export const selfSubjectRulesReviews = (): ResourceType => review('SelfSubjectRulesReview', 'selfsubjectrulesreviews', false, async (a, o, req) => {
  const spec = obj(o['spec']);
  const namespace = str(spec['namespace']);
  if (!namespace) throw badRequest('no namespace on request');
  if (!a.rulesFor) {
    return { ...o, status: { resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: 'the authorizer cannot list rules' } };
  }
  const r = await a.rulesFor(requester(req), namespace);
  const status: Record<string, unknown> = { resourceRules: r.resourceRules, nonResourceRules: r.nonResourceRules, incomplete: r.incomplete };
  if (r.evaluationError) status['evaluationError'] = r.evaluationError;
  return { ...o, metadata: { ...o.metadata }, status };
});

/** Fresh entries per registry (each binds its own authorizer), in discovery order. */
export function accessReviewTypes(): ResourceType[] {
  return [localSubjectAccessReviews(), selfSubjectAccessReviews(), selfSubjectRulesReviews(), subjectAccessReviews()];
}
