// Upstream's --use-service-account-credentials: each controller talks to the API as its own
// service account in kube-system (system:serviceaccount:kube-system:<name>), with a bound
// token the manager requests and refreshes, so each gets only its system:controller:<name> rights.

import type { RestConfig } from '../../client/config.ts';
import { RestClient } from '../../client/rest.ts';

const NAMESPACE = 'kube-system';
const TOKEN_SECONDS = 3600;

export interface ServiceAccountClient {
  rest: RestClient;
  stop(): void;
}

interface TokenRequestStatus { status?: { token?: string; expirationTimestamp?: string } }

/** A client authenticating as kube-system/<serviceAccount>, its token kept fresh. */
export async function serviceAccountClient(root: RestClient, rootConfig: RestConfig, serviceAccount: string, log: (m: string) => void): Promise<ServiceAccountClient> {
  // The manager's own identity may create these (upstream's system:kube-controller-manager role).
  await root.create({ version: 'v1', resource: 'serviceaccounts', namespace: NAMESPACE }, {
    apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: serviceAccount, namespace: NAMESPACE },
  }).catch((err: unknown) => { if ((err as { code?: number }).code !== 409) throw err; });
  let token = '';
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const refresh = async (): Promise<void> => {
    const res = await root.create<TokenRequestStatus>({ version: 'v1', resource: 'serviceaccounts', namespace: NAMESPACE, name: serviceAccount, subresource: 'token' }, {
      apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: TOKEN_SECONDS },
    });
    token = res.status?.token ?? '';
    if (!token) throw new Error(`no token for ${NAMESPACE}/${serviceAccount}`);
    const expires = Date.parse(res.status?.expirationTimestamp ?? '') || Date.now() + TOKEN_SECONDS * 1000;
    schedule(Math.max(5_000, (expires - Date.now()) * 0.8));
  };
  const schedule = (ms: number): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      refresh().catch((err: unknown) => { log(`token for ${serviceAccount}: ${String(err)}`); schedule(10_000); });
    }, ms);
    timer.unref();
  };
  await refresh();
  const { cert: _c, key: _k, token: _t, tokenFile: _f, ...rest } = rootConfig;
  const client = new RestClient({ ...rest, tokenSource: () => token, userAgent: `kube-controller-manager/${serviceAccount}` });
  return {
    rest: client,
    stop() { stopped = true; clearTimeout(timer); client.close(); },
  };
}
