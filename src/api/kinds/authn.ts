// authentication.k8s.io: TokenReview and SelfSubjectReview, create-only kinds computed on request
// and never stored (upstream's pkg/registry/authentication). TokenReview needs the apiserver's
// token authenticators, which the authentication component binds to this registry's entry.

import { StatusError, badRequest } from '../errors.ts';
import type { Registry, ResourceType } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { get, isObj, strs } from './access.ts';
import { age, ageColumn, nameColumn } from './printers.ts';

export const AUTHENTICATION_GROUP = 'authentication.k8s.io';

export interface ReviewedUser { name: string; uid?: string; groups: string[]; extra?: Record<string, string[]> }

export interface TokenReviewResult {
  /** The user the token authenticates as; undefined when it does not authenticate. */
  user?: ReviewedUser;
  audiences: string[];
  error?: string;
}

/** Runs the token authenticators on a token for audiences ([] = the apiserver's own). */
export type TokenReviewer = (token: string, audiences: string[]) => Promise<TokenReviewResult>;

const reviewers = new WeakMap<ResourceType, TokenReviewer>();

/** Binds a registry's TokenReview entries to the apiserver's token authenticators. */
export function setTokenReviewer(registry: Registry, reviewer: TokenReviewer): void {
  for (const t of registry.types) if (t.group === AUTHENTICATION_GROUP && t.kind === 'TokenReview') reviewers.set(t, reviewer);
}

/** authentication.k8s.io/v1 UserInfo: empty fields omitted as Go does. */
export function userInfoOf(u: ReviewedUser): Record<string, unknown> {
  const out: Record<string, unknown> = { username: u.name };
  if (u.uid) out.uid = u.uid;
  if (u.groups.length > 0) out.groups = [...u.groups];
  if (u.extra && Object.keys(u.extra).length > 0) out.extra = structuredClone(u.extra);
  return out;
}

function nowTimestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const columns = [nameColumn(), ageColumn()];
const row = (o: KubeObject, now: number): unknown[] => [o.metadata.name ?? '', age(o, now)];

function tokenReviews(): ResourceType {
  const t: ResourceType = {
    group: AUTHENTICATION_GROUP, version: 'v1', kind: 'TokenReview', resource: 'tokenreviews', singular: 'tokenreview',
    namespaced: false, verbs: ['create'], columns, row,
    virtual: {
      async create(obj) {
        if (obj.metadata.namespace) throw badRequest(`namespace is not allowed on this type: ${obj.metadata.namespace}`);
        const spec = get(obj, 'spec');
        const token = isObj(spec) && typeof spec.token === 'string' ? spec.token : '';
        if (!token) throw badRequest('token is required for TokenReview in authentication');
        const reviewer = reviewers.get(t);
        if (!reviewer) throw new StatusError(503, 'ServiceUnavailable', 'token authentication is not configured');
        const result = await reviewer(token, strs(isObj(spec) ? spec.audiences : undefined));
        const status: Record<string, unknown> = {};
        if (result.user) {
          status.authenticated = true;
          status.user = userInfoOf(result.user);
          if (result.audiences.length > 0) status.audiences = [...result.audiences];
        } else {
          status.user = {};
        }
        if (result.error) status.error = result.error;
        return { ...obj, metadata: { ...obj.metadata, creationTimestamp: nowTimestamp() }, status };
      },
    },
  };
  return t;
}

function selfSubjectReviews(version: 'v1' | 'v1beta1'): ResourceType {
  return {
    group: AUTHENTICATION_GROUP, version, kind: 'SelfSubjectReview', resource: 'selfsubjectreviews', singular: 'selfsubjectreview',
    namespaced: false, verbs: ['create'], columns, row,
    virtual: {
      async create(obj, req) {
        if (!req.user) throw badRequest('no user present on request');
        return { ...obj, metadata: { ...obj.metadata, creationTimestamp: nowTimestamp() }, status: { userInfo: userInfoOf(req.user) } };
      },
    },
  };
}

/**
 * Fresh entries per registry (TokenReview's authenticators are bound per apiserver). v1beta1
 * SelfSubjectReview is what kubectl 1.27 posts for `kubectl auth whoami`.
 */
export function authenticationTypes(): ResourceType[] {
  return [tokenReviews(), selfSubjectReviews('v1'), selfSubjectReviews('v1beta1')];
}
