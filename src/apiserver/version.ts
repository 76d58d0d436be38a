// /version: the Kubernetes version coxswain serves the API of.

import { readFileSync } from 'node:fs';

/** The upstream minor version whose API coxswain implements. */
export const KUBERNETES_MAJOR = '1';
export const KUBERNETES_MINOR = '33';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export const coxswainVersion: string = pkg.version;

export function versionInfo(): Record<string, string> {
  return {
    major: KUBERNETES_MAJOR,
    minor: KUBERNETES_MINOR,
    gitVersion: `v${KUBERNETES_MAJOR}.${KUBERNETES_MINOR}.0+cox${coxswainVersion}`,
    gitCommit: '',
    gitTreeState: 'clean',
    buildDate: '',
    goVersion: `node${process.versions.node}`,
    compiler: 'node',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}
