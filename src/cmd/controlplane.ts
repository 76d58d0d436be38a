// What `cox server` and `cox apiserver` install into the API server before it starts:
// token authentication, RBAC, the admission chain, and the components' kubeconfigs.

import { installAdmission } from '../admission/index.ts';
import type { ApiServer } from '../apiserver/server.ts';
import { installAuthentication } from '../auth/authn/index.ts';
import { ensureComponentKubeconfigs } from '../auth/identities.ts';
import { installNodeAuthorizer } from '../auth/node/index.ts';
import { installRBAC } from '../auth/rbac/index.ts';
import { evictionHandler } from '../controllers/disruption/eviction.ts';

export interface ControlPlaneOptions {
  tokenAuthFile?: string;
  apiAudiences?: string[];
  serviceAccountIssuer?: string;
  log?: (msg: string, err?: unknown) => void;
}

/** Installs security into server; returns what must be stopped with it. */
export function configureApiServer(server: ApiServer, opts: ControlPlaneOptions = {}): { stop(): void } {
  installAuthentication(server, { tokenAuthFile: opts.tokenAuthFile, apiAudiences: opts.apiAudiences, serviceAccountIssuer: opts.serviceAccountIssuer });
  installRBAC(server);
  installNodeAuthorizer(server);
  server.addSubresource('', 'pods', 'eviction', evictionHandler());
  const admission = installAdmission(server, { log: opts.log });
  server.postStartHooks.push({
    name: 'component-kubeconfigs',
    async run(s) { await ensureComponentKubeconfigs(s.options.dataDir, s.pki, s.url); },
  });
  return { stop: () => admission.stop() };
}
