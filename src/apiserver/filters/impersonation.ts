// Impersonation (k8s.io/apiserver/pkg/endpoints/filters/impersonation.go): a requester with the
// `impersonate` verb on users, groups, serviceaccounts, uids and userextras acts as another user
// through the Impersonate-User, Impersonate-Group, Impersonate-Uid and Impersonate-Extra-* headers.

import { StatusError, badRequest } from '../../api/errors.ts';
import { ANONYMOUS } from '../../auth/types.ts';
import type { AuthorizationAttributes, Authorizer, UserInfo } from '../../auth/types.ts';
import type { Exchange } from '../http/exchange.ts';
import { forbiddenMessage } from './authz.ts';
import type { Filter } from './chain.ts';

const USER = 'impersonate-user';
const GROUP = 'impersonate-group';
const UID = 'impersonate-uid';
const EXTRA_PREFIX = 'impersonate-extra-';
const SA_PREFIX = 'system:serviceaccount:';

/** Every value of a header, one per header line (req.headers would join duplicates with ", "). */
function values(ex: Exchange, name: string): string[] {
  const raw = ex.req.rawHeaders;
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if ((raw[i] ?? '').toLowerCase() === name) out.push(raw[i + 1] ?? '');
  }
  return out;
}

function splitServiceAccount(name: string): [string, string] | undefined {
  if (!name.startsWith(SA_PREFIX)) return undefined;
  const parts = name.slice(SA_PREFIX.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return [parts[0], parts[1]];
}

function decodeKey(raw: string): string {
  try { return decodeURIComponent(raw).toLowerCase(); } catch { return raw.toLowerCase(); }
}

type Check = Pick<AuthorizationAttributes, 'apiGroup' | 'resource' | 'subresource' | 'namespace' | 'name'>;

export function withImpersonation(authorizer: Authorizer): Filter {
  return async (ex, next) => {
    const users = values(ex, USER);
    const groups = values(ex, GROUP);
    const uids = values(ex, UID);
    const extraKeys = Object.keys(ex.headers).filter((h) => h.startsWith(EXTRA_PREFIX));
    if (users.length === 0 && groups.length === 0 && uids.length === 0 && extraKeys.length === 0) { await next(ex); return; }
    // Upstream answers these with an internal error; they are the client's mistake, so 400 here.
    if (users.length !== 1 || !users[0]) {
      throw badRequest(users.length > 1 ? 'only one Impersonate-User header may be given' : 'requested impersonation of groups, uid or extra without impersonating a user');
    }
    if (uids.length > 1) throw badRequest('only one Impersonate-Uid header may be given');
    const requester = ex.user ?? ANONYMOUS;
    const username = users[0];
    const checks: Check[] = [];
    const sa = splitServiceAccount(username);
    checks.push(sa
      ? { apiGroup: '', resource: 'serviceaccounts', subresource: '', namespace: sa[0], name: sa[1] }
      : { apiGroup: '', resource: 'users', subresource: '', namespace: '', name: username });
    for (const g of groups) checks.push({ apiGroup: '', resource: 'groups', subresource: '', namespace: '', name: g });
    const extra: Record<string, string[]> = {};
    for (const h of extraKeys) {
      const key = decodeKey(h.slice(EXTRA_PREFIX.length));
      for (const v of values(ex, h)) {
        (extra[key] ??= []).push(v);
        checks.push({ apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: key, namespace: '', name: v });
      }
    }
    const uid = uids[0];
    if (uid !== undefined) checks.push({ apiGroup: 'authentication.k8s.io', resource: 'uids', subresource: '', namespace: '', name: uid });

    for (const c of checks) {
      const a: AuthorizationAttributes = { user: requester, verb: 'impersonate', isResourceRequest: true, path: ex.path, apiVersion: '', ...c };
      const d = await authorizer.authorize(a);
      if (d.decision !== 'Allow') {
        throw new StatusError(403, 'Forbidden', forbiddenMessage(a, d.reason), { name: a.name || undefined, group: a.apiGroup || undefined, kind: a.resource });
      }
    }

    let impersonatedGroups = [...groups];
    if (sa && groups.length === 0) impersonatedGroups = ['system:serviceaccounts', `system:serviceaccounts:${sa[0]}`];
    const marker = username === ANONYMOUS.name ? 'system:unauthenticated' : 'system:authenticated';
    if (!impersonatedGroups.includes(marker)) impersonatedGroups.push(marker);
    const user: UserInfo = { name: username, groups: impersonatedGroups };
    if (uid !== undefined) user.uid = uid;
    if (Object.keys(extra).length > 0) user.extra = extra;
    ex.user = user;
    await next(ex);
  };
}
