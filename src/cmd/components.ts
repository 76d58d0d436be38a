// The components `cox server` runs beside the API server, each an API client with its own
// identity: the scheduler, the controller manager, and (for simulations) hollow nodes.

import path from 'node:path';
import type { ApiServer } from '../apiserver/server.ts';
import { loadKubeconfig } from '../client/config.ts';
import type { RestConfig } from '../client/config.ts';
import { startControllerManager } from '../controllers/manager/manager.ts';
import { startHollowNodes, tokenIdentity } from '../kubelet/hollow/index.ts';
import { startScheduler } from '../scheduler/index.ts';

export interface ComponentOptions {
  /** -1: do not run it; 0: any free port. */
  schedulerPort: number;
  controllerManagerPort: number;
  hollowNodes: number;
  /** Node name → bearer token the server accepts for system:node:<name> (see server.ts). */
  hollowNodeTokens?: ReadonlyMap<string, string>;
  log: (msg: string) => void;
}

export interface Components { stop(): Promise<void> }

function componentConfig(server: ApiServer, name: string, qps = 200): RestConfig {
  return loadKubeconfig(path.join(server.options.dataDir, 'kubeconfigs', `${name}.kubeconfig`), { qps, burst: qps * 2 });
}

/**
 * Each hollow node acts as system:node:<name> (group system:nodes) with its own bearer token, like
 * a real kubelet, so the Node authorizer, NodeRestriction and priority and fairness treat it as
 * one; the shared pod informer runs as the first node. Token clients carry no client certificate,
 * so every node shares one connection. Without tokens, every node uses the admin identity.
 */
function hollowIdentities(server: ApiServer, count: number, tokens: ReadonlyMap<string, string> | undefined): Parameters<typeof startHollowNodes> {
  const admin = loadKubeconfig(server.kubeconfigPath, { qps: 500, burst: 1000 });
  if (!tokens) return [admin, { count, namePrefix: 'hollow-node' }];
  const identity = tokenIdentity(admin, tokens);
  return [identity('hollow-node-0'), { count, namePrefix: 'hollow-node', identity }];
}

export async function startComponents(server: ApiServer, o: ComponentOptions): Promise<Components> {
  const stops: (() => Promise<void>)[] = [];
  try {
    if (o.controllerManagerPort >= 0) {
      o.log('starting the controller manager');
      const cm = await startControllerManager(componentConfig(server, 'controller-manager'), {
        securePort: o.controllerManagerPort, bindAddress: '127.0.0.1', useServiceAccountCredentials: true,
        serviceAccountPrivateKeyPem: server.pki.serviceAccountPrivateKeyPem,
        log: (m) => o.log(`controller-manager: ${m}`),
      });
      stops.push(() => cm.stop());
      server.componentHealthURLs['controller-manager'] = `https://127.0.0.1:${cm.port}/healthz`;
    }
    if (o.schedulerPort >= 0) {
      o.log('starting the scheduler');
      // Binding is the scheduler's throughput: its client is not rate-limited (it bounds bindings in flight itself).
      const sched = await startScheduler(componentConfig(server, 'scheduler', -1), {
        securePort: o.schedulerPort, bindAddress: '127.0.0.1', log: (m) => o.log(`scheduler: ${m}`),
      });
      stops.push(() => sched.stop());
      server.componentHealthURLs.scheduler = `https://127.0.0.1:${sched.port}/healthz`;
    }
    if (o.hollowNodes > 0) {
      o.log(`starting ${o.hollowNodes} hollow nodes`);
      const hollow = await startHollowNodes(...hollowIdentities(server, o.hollowNodes, o.hollowNodeTokens));
      stops.push(() => hollow.stop({ deleteNodes: false }));
    }
  } catch (err) {
    for (const s of stops.reverse()) await s().catch(() => {});
    throw err;
  }
  return {
    async stop() { for (const s of stops.reverse()) await s().catch(() => {}); },
  };
}
