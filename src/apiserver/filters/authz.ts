// Authorization: every request is checked against the authorizer with upstream's attributes,
// and refused with upstream's 403 message.

import { StatusError } from '../../api/errors.ts';
import { ANONYMOUS } from '../../auth/types.ts';
import type { AuthorizationAttributes, Authorizer } from '../../auth/types.ts';
import type { RequestInfo } from '../requestinfo.ts';
import type { Filter } from './chain.ts';

export function attributesOf(info: RequestInfo, user: AuthorizationAttributes['user']): AuthorizationAttributes {
  return {
    user, verb: info.isResourceRequest ? info.verb : info.verb === 'head' ? 'get' : info.verb,
    isResourceRequest: info.isResourceRequest, path: info.path,
    apiGroup: info.group, apiVersion: info.version, resource: info.resource, subresource: info.subresource,
    namespace: info.namespace, name: info.name,
  };
}

/** upstream's forbidden message, e.g. `pods "p" is forbidden: User "u" cannot get resource "pods" in API group "" in the namespace "ns"`. */
export function forbiddenMessage(a: AuthorizationAttributes, reason: string): string {
  const why = reason ? `: ${reason}` : '';
  if (!a.isResourceRequest) return `forbidden: User "${a.user.name}" cannot ${a.verb} path "${a.path}"${why}`;
  const gr = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
  const what = a.name ? `${gr} "${a.name}"` : gr;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return `${what} is forbidden: User "${a.user.name}" cannot ${a.verb} resource "${res}" in API group "${a.apiGroup}" ${scope}${why}`;
}

export function withAuthorization(authorizer: Authorizer): Filter {
  return async (ex, next) => {
    const info = ex.requestInfo;
    const a = attributesOf(info, ex.user ?? ANONYMOUS);
    const d = await authorizer.authorize(a);
    if (d.decision !== 'Allow') {
      throw new StatusError(403, 'Forbidden', forbiddenMessage(a, d.reason), {
        name: a.name || undefined, group: a.isResourceRequest ? a.apiGroup || undefined : undefined, kind: a.isResourceRequest ? a.resource : undefined,
      });
    }
    await next(ex);
  };
}

const PUBLIC_PATHS = ['/healthz', '/livez', '/readyz', '/version'];

/**
 * The authorizer used until RBAC is configured: authenticated users may do anything, anonymous
 * requests only read health and version (upstream's system:public-info-viewer).
 */
export const authenticatedAllowed: Authorizer = {
  async authorize(a) {
    if (a.user.groups.includes('system:authenticated')) return { decision: 'Allow', reason: '' };
    if (!a.isResourceRequest && a.verb === 'get' && PUBLIC_PATHS.some((p) => a.path === p || a.path.startsWith(`${p}/`))) {
      return { decision: 'Allow', reason: '' };
    }
    return { decision: 'NoOpinion', reason: '' };
  },
};
