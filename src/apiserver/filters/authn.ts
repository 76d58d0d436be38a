// Authentication: x509 client certificates verified against the cluster CA (CN = user,
// O = groups); requests without credentials are system:anonymous.

import type { Filter } from './chain.ts';

export const ANONYMOUS = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

export function withAuthentication(): Filter {
  return async (ex, next) => {
    const cert = ex.peerCertificate();
    if (cert?.subject) {
      const cn = cert.subject.CN;
      const o = cert.subject.O;
      const groups = Array.isArray(o) ? o : o ? [o] : [];
      const name = Array.isArray(cn) ? (cn[0] ?? '') : (cn ?? '');
      ex.user = { name, groups: [...groups, 'system:authenticated'] };
    } else {
      ex.user = ANONYMOUS;
    }
    await next(ex);
  };
}
