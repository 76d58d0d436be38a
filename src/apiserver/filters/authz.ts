// Authorization until RBAC lands: authenticated users may do anything; anonymous requests may
// only read the health and version endpoints (upstream's system:public-info-viewer).

import { StatusError } from '../../api/errors.ts';
import type { Filter } from './chain.ts';

const PUBLIC_PATHS = ['/healthz', '/livez', '/readyz', '/version'];

export function withAuthorization(): Filter {
  return async (ex, next) => {
    const user = ex.user;
    const anonymous = !user || user.name === 'system:anonymous';
    if (anonymous && !(ex.method === 'GET' && PUBLIC_PATHS.some((p) => ex.path === p || ex.path.startsWith(`${p}/`)))) {
      throw new StatusError(403, 'Forbidden', `forbidden: User "system:anonymous" cannot ${ex.method.toLowerCase()} path "${ex.path}"`, {});
    }
    await next(ex);
  };
}
