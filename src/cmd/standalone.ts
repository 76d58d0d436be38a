// The components as their own processes, each an API client with the kubeconfig it is given:
// `cox scheduler`, `cox controller-manager` and `cox hollow` (simulated nodes).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseTokenFile } from '../auth/tokenfile.ts';
import { loadConfig } from '../client/config.ts';
import type { NodeIdentity } from '../kubelet/hollow/clients.ts';

interface HollowFlags {
  nodes: string;
  kubeconfig?: string;
  nodePrefix: string;
  firstIndex: string;
  statusQps: string;
  hollowConfig?: string;
  nodeTokenFile?: string;
  writeNodeTokenFile?: string;
}

function port(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < -1 || n > 65535) throw new Error(`${name}: invalid port ${v}`);
  return n;
}

/** Runs start(), then stops it on SIGINT/SIGTERM. */
async function runUntilSignalled(what: string, start: () => Promise<{ stop(): Promise<void> }>): Promise<void> {
  const running = await start();
  process.stderr.write(`cox: ${what} running\n`);
  let stopping = false;
  const stop = (sig: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`cox: ${sig}: stopping the ${what}\n`);
    running.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

const log = (prefix: string) => (m: string): void => { process.stderr.write(`${prefix}: ${m}\n`); };

export function addStandaloneCommands(program: Command): void {
  program.command('scheduler')
    .description('run the scheduler (an API client)')
    .option('--kubeconfig <file>', 'kubeconfig (default: $KUBECONFIG, in-cluster, ~/.kube/config)')
    .option('--config <file>', 'KubeSchedulerConfiguration file')
    .option('--secure-port <port>', 'HTTPS port for /healthz and /metrics (0: any, -1: none)', '10259')
    .option('--bind-address <ip>', 'address for the secure port', '127.0.0.1')
    .option('--leader-elect <bool>', 'leader election on Lease kube-system/kube-scheduler', 'true')
    .action((f: { kubeconfig?: string; config?: string; securePort: string; bindAddress: string; leaderElect: string }) =>
      // Each component is loaded only by the command that runs it (a process carries only its code).
      runUntilSignalled('scheduler', async () => (await import('../scheduler/index.ts')).startScheduler({ ...loadConfig(f.kubeconfig), qps: -1 }, {
        configFile: f.config, securePort: port('--secure-port', f.securePort), bindAddress: f.bindAddress,
        leaderElect: f.leaderElect !== 'false', log: log('scheduler'),
      })));

  program.command('controller-manager')
    .description('run the controller manager (an API client)')
    .option('--kubeconfig <file>', 'kubeconfig (default: $KUBECONFIG, in-cluster, ~/.kube/config)')
    .option('--controllers <list>', "controllers to run: names, '*', '-name'", '*')
    .option('--secure-port <port>', 'HTTPS port for /healthz and /metrics (0: any, -1: none)', '10257')
    .option('--bind-address <ip>', 'address for the secure port', '127.0.0.1')
    .option('--cluster-cidr <cidr>', 'pod CIDR to allocate node podCIDRs from', '10.42.0.0/16')
    .option('--use-service-account-credentials <bool>', 'each controller as its own kube-system service account', 'true')
    .option('--leader-elect <bool>', 'leader election on Lease kube-system/kube-controller-manager', 'true')
    .action((f: { kubeconfig?: string; controllers: string; securePort: string; bindAddress: string; clusterCidr: string; useServiceAccountCredentials: string; leaderElect: string }) =>
      runUntilSignalled('controller manager', async () => (await import('../controllers/manager/manager.ts')).startControllerManager(loadConfig(f.kubeconfig), {
        controllers: f.controllers.split(',').map((s) => s.trim()).filter(Boolean),
        securePort: port('--secure-port', f.securePort), bindAddress: f.bindAddress, clusterCIDR: f.clusterCidr,
        useServiceAccountCredentials: f.useServiceAccountCredentials !== 'false', leaderElect: f.leaderElect !== 'false',
        log: log('controller-manager'),
      })));

  program.command('hollow')
    .description('run N simulated (hollow) nodes against a cluster, for tests and benchmarks')
    .requiredOption('--nodes <n>', 'how many nodes')
    .option('--kubeconfig <file>', 'kubeconfig (default: $KUBECONFIG, in-cluster, ~/.kube/config)')
    .option('--node-prefix <prefix>', 'node names are <prefix>-<index>', 'hollow-node')
    .option('--first-index <i>', 'index of the first node (disjoint ranges for several processes)', '0')
    .option('--status-qps <qps>', 'pod status writes per second for all nodes of this process', '200')
    .option('--hollow-config <file>', 'hollow node behaviour (YAML or JSON)')
    .option('--node-token-file <csv>', 'each node authenticates as system:node:<name> with its token from this static token file '
      + '(the apiserver\'s --token-auth-file format); default: every node uses the kubeconfig\'s identity')
    .option('--write-node-token-file <csv>', 'write fresh tokens for the nodes to this file (give it to the apiserver as '
      + '--token-auth-file and to this command as --node-token-file) and exit')
    .action(async (f: HollowFlags) => {
      const count = Number(f.nodes);
      if (!Number.isInteger(count) || count < 1) throw new Error(`--nodes: invalid value ${f.nodes}`);
      const first = Number(f.firstIndex);
      if (!Number.isInteger(first) || first < 0) throw new Error(`--first-index: invalid value ${f.firstIndex}`);
      const tokens = await import('../kubelet/hollow/tokens.ts');
      const names = tokens.hollowNodeNames(f.nodePrefix, first, count);
      if (f.writeNodeTokenFile) {
        // Never overwrite: the apiserver may already trust the tokens in it.
        if (existsSync(f.writeNodeTokenFile)) throw new Error(`--write-node-token-file: ${f.writeNodeTokenFile} exists; remove it to make new tokens`);
        writeFileSync(f.writeNodeTokenFile, tokens.nodeTokenFileText(tokens.generateNodeTokens(names)), { mode: 0o600, flag: 'wx' });
        process.stderr.write(`cox: wrote tokens for ${names.length} nodes (system:node:${names[0]} …) to ${f.writeNodeTokenFile}\n`);
        return;
      }
      const base = { ...loadConfig(f.kubeconfig), qps: 500, burst: 1000 };
      let identity: NodeIdentity | undefined;
      if (f.nodeTokenFile) {
        const byNode = tokens.nodeTokensFromUsers(parseTokenFile(readFileSync(f.nodeTokenFile, 'utf8'), f.nodeTokenFile).tokens);
        const missing = tokens.nodesWithoutToken(names, byNode);
        if (missing.length > 0) throw new Error(`--node-token-file ${f.nodeTokenFile}: no system:node token for ${missing.length} nodes (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''})`);
        identity = tokens.tokenIdentity(base, byNode);
      }
      return runUntilSignalled(`${count} hollow nodes`, async () => {
        const [{ startHollowNodes }, { loadHollowConfig }] = await Promise.all([import('../kubelet/hollow/index.ts'), import('../kubelet/hollow/config.ts')]);
        // With node identities the shared pod informer runs as the first node: one identity kind, one connection.
        return startHollowNodes(identity ? identity(names[0] as string) : base, {
          count, namePrefix: f.nodePrefix, firstIndex: first, statusQPS: Number(f.statusQps), identity,
          config: f.hollowConfig ? loadHollowConfig(f.hollowConfig) : undefined,
        });
      });
    });
}
