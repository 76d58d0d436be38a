// Who is asking and what they may do: the interfaces authenticators and authorizers implement
// (k8s.io/apiserver/pkg/authentication/user, authorization/authorizer).

import type { PeerCertificate } from 'node:tls';

export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export interface AuthRequest {
  /** Lower-cased request headers. */
  header(name: string): string;
  /** The verified client certificate, if the client presented one the cluster CA signed. */
  peerCertificate(): PeerCertificate | undefined;
}

/**
 * Returns the user the credentials prove, undefined when the request carries no credentials of
 * this kind, or throws a 401 StatusError for credentials that are present but invalid.
 */
export type Authenticator = (req: AuthRequest) => Promise<UserInfo | undefined>;

/** What a request does, as upstream's authorizer.Attributes. */
export interface AuthorizationAttributes {
  user: UserInfo;
  verb: string;
  isResourceRequest: boolean;
  /** For non-resource requests, e.g. '/healthz'. */
  path: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

export type DecisionKind = 'Allow' | 'Deny' | 'NoOpinion';

export interface Decision { decision: DecisionKind; reason: string }

export interface ResourceRule { verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames?: string[] }
export interface NonResourceRule { verbs: string[]; nonResourceURLs: string[] }

export interface Authorizer {
  authorize(a: AuthorizationAttributes): Promise<Decision>;
  /** The rules a user has in a namespace (SelfSubjectRulesReview); optional. */
  rulesFor?(user: UserInfo, namespace: string): Promise<{ resourceRules: ResourceRule[]; nonResourceRules: NonResourceRule[]; incomplete: boolean; evaluationError?: string }>;
}

/** Tries authorizers in order; the first Allow or Deny decides (upstream's union authorizer). */
export function unionAuthorizer(list: Authorizer[]): Authorizer {
  return {
    async authorize(a) {
      const reasons: string[] = [];
      for (const z of list) {
        const d = await z.authorize(a);
        if (d.decision !== 'NoOpinion') return d;
        if (d.reason) reasons.push(d.reason);
      }
      return { decision: 'NoOpinion', reason: reasons.join(', ') };
    },
    async rulesFor(user, namespace) {
      const out = { resourceRules: [] as ResourceRule[], nonResourceRules: [] as NonResourceRule[], incomplete: false };
      for (const z of list) {
        if (!z.rulesFor) { out.incomplete = true; continue; }
        const r = await z.rulesFor(user, namespace);
        out.resourceRules.push(...r.resourceRules);
        out.nonResourceRules.push(...r.nonResourceRules);
        out.incomplete ||= r.incomplete;
      }
      return out;
    },
  };
}

export const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };
