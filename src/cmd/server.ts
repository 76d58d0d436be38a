// `cox server` (the whole control plane in one process) and `cox apiserver` (the component alone).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ApiServer } from '../apiserver/server.ts';
import type { ApiServerOptions } from '../apiserver/server.ts';
import { configureApiServer } from './controlplane.ts';
import type { Components } from './components.ts';

interface ServerFlags {
  dataDir: string;
  bindAddress: string;
  securePort: string;
  datastoreEndpoint?: string;
  serviceClusterIpRange: string;
  clusterDomain: string;
  encryptionProviderConfig?: string;
  auditPolicyFile?: string;
  auditLogPath?: string;
  tokenAuthFile?: string;
  apiAudiences?: string;
  serviceAccountIssuer?: string;
  schedulerPort?: string;
  controllerManagerPort?: string;
  hollowNodes?: string;
  maxRequestsInflight: string;
  maxMutatingRequestsInflight: string;
}

function addApiServerFlags(cmd: Command): Command {
  return cmd
    .option('--data-dir <dir>', 'where state, certificates and kubeconfigs live', '/var/lib/coxswain')
    .option('--bind-address <ip>', 'address to serve HTTPS on', '127.0.0.1')
    .option('--secure-port <port>', 'HTTPS port', '6443')
    .option('--datastore-endpoint <url>', 'storage: sqlite://PATH, etcd://host:port[,host:port], memory:// (default sqlite://DATA_DIR/state.db)')
    .option('--service-cluster-ip-range <cidr>', 'service cluster IP range', '10.43.0.0/16')
    .option('--cluster-domain <domain>', 'cluster DNS domain', 'cluster.local')
    .option('--encryption-provider-config <file>', 'EncryptionConfiguration for encryption at rest')
    .option('--audit-policy-file <file>', 'audit policy (audit.k8s.io/v1 Policy)')
    .option('--audit-log-path <file>', 'where audit events are written as JSON lines')
    .option('--token-auth-file <file>', 'static bearer tokens (CSV: token,user,uid,"group1,group2")')
    .option('--max-requests-inflight <n>', 'with --max-mutating-requests-inflight, the requests priority and fairness lets run at once, shared among priority levels', '400')
    .option('--max-mutating-requests-inflight <n>', 'see --max-requests-inflight', '200')
    .option('--api-audiences <list>', 'comma-separated audiences tokens must carry (default: the service account issuer)')
    .option('--service-account-issuer <url>', 'issuer of service account tokens', 'https://kubernetes.default.svc.cluster.local');
}

function toOptions(f: ServerFlags): ApiServerOptions {
  const port = Number(f.securePort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--secure-port: invalid port ${f.securePort}`);
  const started = performance.now();
  return {
    dataDir: path.resolve(f.dataDir),
    bindAddress: f.bindAddress,
    securePort: port,
    datastoreEndpoint: f.datastoreEndpoint,
    serviceCIDR: f.serviceClusterIpRange,
    clusterDomain: f.clusterDomain,
    encryptionProviderConfig: f.encryptionProviderConfig ? path.resolve(f.encryptionProviderConfig) : undefined,
    auditPolicyFile: f.auditPolicyFile ? path.resolve(f.auditPolicyFile) : undefined,
    auditLogPath: f.auditLogPath ? path.resolve(f.auditLogPath) : undefined,
    maxRequestsInFlight: intFlag('--max-requests-inflight', f.maxRequestsInflight, 1),
    maxMutatingRequestsInFlight: intFlag('--max-mutating-requests-inflight', f.maxMutatingRequestsInflight, 1),
    progress: (msg) => process.stderr.write(`cox: ${msg} (${((performance.now() - started) / 1000).toFixed(1)}s)\n`),
  };
}

function intFlag(name: string, v: string, min = -1): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > 65535 * 100) throw new Error(`${name}: invalid value ${v}`);
  return n;
}

/**
 * Hollow nodes of `cox server` act as system:node:<name>: one fresh random token per node, given
 * to the server as static tokens. The server reads one token file, so the user's
 * --token-auth-file (if any) and the node tokens are written together into
 * DATA_DIR/hollow-nodes/token-auth.csv (mode 0600, rewritten at every start).
 */
async function hollowNodeTokens(dataDir: string, count: number, userTokenFile: string | undefined): Promise<{ tokens: Map<string, string>; tokenAuthFile: string }> {
  // Loaded only when this process runs hollow nodes.
  const { generateNodeTokens, hollowNodeNames, nodeTokenFileText } = await import('../kubelet/hollow/tokens.ts');
  const tokens = generateNodeTokens(hollowNodeNames('hollow-node', 0, count));
  const dir = path.join(dataDir, 'hollow-nodes');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tokenAuthFile = path.join(dir, 'token-auth.csv');
  let text = userTokenFile ? readFileSync(userTokenFile, 'utf8') : '';
  if (text && !text.endsWith('\n')) text += '\n';
  writeFileSync(tokenAuthFile, text + nodeTokenFileText(tokens), { mode: 0o600 });
  return { tokens, tokenAuthFile };
}

async function run(kind: string, f: ServerFlags): Promise<void> {
  const started = performance.now();
  const server = new ApiServer(toOptions(f));
  const hollowNodes = kind === 'server' ? intFlag('--hollow-nodes', f.hollowNodes ?? '0') : 0;
  const userTokenFile = f.tokenAuthFile ? path.resolve(f.tokenAuthFile) : undefined;
  const hollow = hollowNodes > 0 ? await hollowNodeTokens(server.options.dataDir, hollowNodes, userTokenFile) : undefined;
  const security = configureApiServer(server, {
    tokenAuthFile: hollow?.tokenAuthFile ?? userTokenFile,
    apiAudiences: f.apiAudiences ? f.apiAudiences.split(',').filter(Boolean) : undefined,
    serviceAccountIssuer: f.serviceAccountIssuer,
  });
  let stopping = false;
  let components: Components | undefined;
  const stop = (sig: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`cox: ${sig}: shutting down\n`);
    const done = async (): Promise<void> => {
      await components?.stop();
      security.stop();
      await server.stop();
    };
    done().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const progress = server.options.progress ?? (() => {});
  try {
    await server.start();
    if (kind === 'server') {
      // The scheduler, controller manager and hollow nodes load only when this process runs them.
      const { startComponents } = await import('./components.ts');
      components = await startComponents(server, {
        schedulerPort: intFlag('--scheduler-port', f.schedulerPort ?? '10259'),
        controllerManagerPort: intFlag('--controller-manager-port', f.controllerManagerPort ?? '10257'),
        hollowNodes,
        hollowNodeTokens: hollow?.tokens,
        log: (m) => (m.startsWith('starting') ? progress(m) : process.stderr.write(`${m}\n`)),
      });
    }
  } catch (err) {
    process.stderr.write(`cox: ${kind} failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    await server.stop().catch(() => {});
    process.exit(1);
  }
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `cox: ${kind} ready in ${secs}s at ${server.url}\n` +
    `\nPoint kubectl at it:\n  export KUBECONFIG=${server.kubeconfigPath}\n  kubectl get --raw /readyz; kubectl api-resources\n\n`,
  );
}

export function addServerCommands(program: Command): void {
  addApiServerFlags(program.command('server'))
    .description('run the control plane in one process: API server, scheduler and controller manager')
    .option('--scheduler-port <port>', 'scheduler health/metrics HTTPS port (0: any free port, -1: no scheduler)', '10259')
    .option('--controller-manager-port <port>', 'controller manager health/metrics HTTPS port (0: any, -1: no controller manager)', '10257')
    .option('--hollow-nodes <n>', 'also run N simulated (hollow) nodes, for testing and benchmarks', '0')
    .action((f: ServerFlags) => run('server', f));
  addApiServerFlags(program.command('apiserver'))
    .description('run the API server alone')
    .action((f: ServerFlags) => run('apiserver', f));
}
