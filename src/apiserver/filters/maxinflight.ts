// Limits concurrent requests like upstream's --max-requests-inflight and
// --max-mutating-requests-inflight; long-running requests (watch, logs, exec) are not counted.

import { tooManyRequests } from '../../api/errors.ts';
import type { Filter } from './chain.ts';

export function withMaxInFlight(maxReadOnly: number, maxMutating: number, isLongRunning: (method: string, path: string, watch: boolean) => boolean): Filter {
  let readOnly = 0;
  let mutating = 0;
  return async (ex, next) => {
    const watch = ex.query.get('watch') === 'true' || ex.query.get('watch') === '1';
    if (isLongRunning(ex.method, ex.path, watch)) { await next(ex); return; }
    const isMutating = ex.method !== 'GET' && ex.method !== 'HEAD' && ex.method !== 'OPTIONS';
    if (isMutating ? mutating >= maxMutating : readOnly >= maxReadOnly) {
      throw tooManyRequests('Too many requests, please try again later.', 1);
    }
    if (isMutating) mutating++; else readOnly++;
    try { await next(ex); } finally { if (isMutating) mutating--; else readOnly--; }
  };
}
