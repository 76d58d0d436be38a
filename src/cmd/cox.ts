// The `cox` command: wiring only.

import { Command } from 'commander';
import { coxswainVersion, versionInfo } from '../apiserver/version.ts';
import { restorePreload, startIdleMemory } from './idlememory.ts';
import { addKubeconfigCommand } from './kubeconfig.ts';
import { addServerCommands } from './server.ts';
import { addStandaloneCommands } from './standalone.ts';

// Long-running components give their heap back when idle (the timer does not keep cox alive).
startIdleMemory();
restorePreload(process.env);

const program = new Command();
program
  .name('cox')
  .description('coxswain: a lightweight Kubernetes-compatible container orchestrator')
  .version(coxswainVersion);

addServerCommands(program);
addKubeconfigCommand(program);
addStandaloneCommands(program);

program.command('version')
  .description('print the coxswain and Kubernetes API versions')
  .action(() => {
    const v = versionInfo();
    process.stdout.write(`coxswain ${coxswainVersion} (Kubernetes API ${v.gitVersion}, node ${process.versions.node})\n`);
  });

await program.parseAsync(process.argv);
