// Authentication: the configured authenticators in order (x509 client certificates first);
// requests without credentials are system:anonymous when anonymous access is enabled.

import { unauthorized } from '../../api/errors.ts';
import { ANONYMOUS } from '../../auth/types.ts';
import type { Authenticator, UserInfo } from '../../auth/types.ts';
import type { Filter } from './chain.ts';

/** x509: CN is the user name, O the groups (verified against the cluster CA by TLS). */
export const x509Authenticator: Authenticator = async (req) => {
  const cert = req.peerCertificate();
  if (!cert?.subject) return undefined;
  const cn = cert.subject.CN;
  const o = cert.subject.O;
  const groups = Array.isArray(o) ? o : o ? [o] : [];
  const name = Array.isArray(cn) ? (cn[0] ?? '') : (cn ?? '');
  if (!name) return undefined;
  return { name, groups };
};

export function withAuthentication(authenticators: Authenticator[], anonymous = true): Filter {
  return async (ex, next) => {
    let user: UserInfo | undefined;
    for (const a of authenticators) {
      user = await a(ex);
      if (user) break;
    }
    if (user) {
      const groups = user.groups.includes('system:authenticated') || user.name === 'system:anonymous'
        ? user.groups : [...user.groups, 'system:authenticated'];
      ex.user = { ...user, groups };
    } else if (anonymous) {
      ex.user = ANONYMOUS;
    } else {
      throw unauthorized();
    }
    ex.setHeader('Audit-Id', ex.auditID);
    await next(ex);
  };
}
