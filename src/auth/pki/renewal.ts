// Periodic renewal: re-runs the idempotent reconcile so leaves are reissued well before they
// expire (the CA is kept), and tells the caller so it can reload its TLS context and rewrite
// kubeconfigs.
import { reconcileClusterPKI } from './cluster.ts';
import type { ClusterPKI, ClusterPKIOptions } from './cluster.ts';

export const DEFAULT_RENEWAL_INTERVAL_MS = 12 * 60 * 60 * 1000;

export interface CertificateRenewalOptions extends ClusterPKIOptions {
  /** How often to check (default 12 h). */
  intervalMs?: number;
  /** Called when a check fails; the next check still runs. Default: a process warning. */
  onError?: (err: unknown) => void;
}

export function startCertificateRenewal(
  dir: string,
  opts: CertificateRenewalOptions,
  onRenewed: (pki: ClusterPKI, regenerated: string[]) => void,
): { stop(): void } {
  const intervalMs = opts.intervalMs ?? DEFAULT_RENEWAL_INTERVAL_MS;
  const onError =
    opts.onError ??
    ((err: unknown) => process.emitWarning(`certificate renewal failed: ${err instanceof Error ? err.message : String(err)}`));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const check = async (): Promise<void> => {
    try {
      const { pki, regenerated } = await reconcileClusterPKI(dir, opts);
      if (!stopped && regenerated.length > 0) onRenewed(pki, regenerated);
    } catch (err) {
      if (!stopped) onError(err);
    }
    schedule();
  };
  // A chained timeout rather than setInterval, so a slow check never overlaps the next.
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => void check(), intervalMs);
    // Renewal alone must not keep the process alive.
    timer.unref();
  };
  schedule();
  return {
    stop(): void {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
