// Turns any error into a Status response; unexpected ones become 500 and are logged.

import { internalError, isStatusError } from '../../api/errors.ts';
import type { Exchange } from '../http/exchange.ts';
import type { Filter } from './chain.ts';

export function withRecovery(log: (msg: string, err?: unknown) => void): Filter {
  return async (ex, next) => {
    try {
      await next(ex);
    } catch (err) {
      const se = isStatusError(err) ? err : internalError(err);
      if (!isStatusError(err)) log(`${ex.method} ${ex.path}: internal error`, err);
      sendError(ex, se.toStatus());
    }
  };
}

export function sendError(ex: Exchange, status: ReturnType<ReturnType<typeof internalError>['toStatus']>): void {
  if (ex.responded) { ex.end(); return; }
  const headers: Record<string, string> = {};
  if (status.details?.retryAfterSeconds) headers['Retry-After'] = String(status.details.retryAfterSeconds);
  ex.sendJSON(status.code, status, headers);
}
