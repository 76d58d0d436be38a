// `cox kubeconfig`: a client-certificate kubeconfig for a person, signed by the cluster CA.

import path from 'node:path';
import type { Command } from 'commander';
import { issueUserKubeconfig } from '../auth/identities.ts';

interface Flags { user: string; group: string[]; days: string; dataDir: string; server?: string }

export function addKubeconfigCommand(program: Command): void {
  program.command('kubeconfig')
    .description('print a kubeconfig for a user (client certificate signed by the cluster CA)')
    .requiredOption('--user <name>', 'user name (certificate CN)')
    .option('--group <group>', 'group (certificate O); repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--days <n>', 'validity in days', '365')
    .option('--data-dir <dir>', 'the cluster data dir (holds the CA)', '/var/lib/coxswain')
    .option('--server <url>', 'API server URL (default: from DATA_DIR/admin.kubeconfig)')
    .action(async (f: Flags) => {
      const days = Number(f.days);
      if (!Number.isInteger(days) || days < 1) throw new Error(`--days: invalid value ${f.days}`);
      const yaml = await issueUserKubeconfig({ dataDir: path.resolve(f.dataDir), user: f.user, groups: f.group, days, server: f.server });
      process.stdout.write(yaml);
    });
}
