// For tests only: a real in-process apiserver on in-memory storage, and a client for it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { ApiServer } from '../../apiserver/server.ts';
import type { ApiServerOptions } from '../../apiserver/server.ts';
import type { RestConfig } from '../config.ts';
import { RestClient } from '../rest.ts';

export interface TestCluster {
  server: ApiServer;
  config: RestConfig;
  client: RestClient;
  dataDir: string;
  /** Runs fn at cleanup before the server stops (stop informers, electors, ...). */
  defer(fn: () => Promise<void> | void): void;
}

/** Starts an apiserver for the test and stops it (and removes its data dir) after. */
export async function startTestCluster(
  t: TestContext | { after(fn: () => Promise<void> | void): void },
  opts: Partial<ApiServerOptions> = {},
): Promise<TestCluster> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-client-'));
  const server = new ApiServer({ dataDir, bindAddress: '127.0.0.1', securePort: 0, datastoreEndpoint: 'memory://', log: () => {}, ...opts });
  const clients: RestClient[] = [];
  const deferred: (() => Promise<void> | void)[] = [];
  t.after(async () => {
    for (const fn of deferred.reverse()) await fn();
    for (const c of clients) c.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  await server.start();
  // start() writes the admin kubeconfig without awaiting it; wait so cleanup does not race it.
  for (let i = 0; i < 200 && !fs.existsSync(server.kubeconfigPath); i++) await new Promise((r) => setTimeout(r, 10));
  const config: RestConfig = {
    server: server.url, ca: server.pki.caCertPem, cert: server.pki.adminCertPem, key: server.pki.adminKeyPem,
    qps: -1, burst: 0, userAgent: 'coxswain-client-test',
  };
  const client = new RestClient(config);
  clients.push(client);
  return { server, config, client, dataDir, defer: (fn) => { deferred.push(fn); } };
}
