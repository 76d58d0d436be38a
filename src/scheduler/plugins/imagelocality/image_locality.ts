// ImageLocality: prefers nodes that already hold the pod's images, weighted by how widely each
// image is spread (upstream imagelocality, thresholds 23 MB and 1000 MB per container).

import type { CycleState, PreScorePlugin, ScorePlugin } from '../../framework/interface.ts';
import { skip } from '../../framework/status.ts';
import type { MaybeStatus } from '../../framework/status.ts';
import { MaxNodeScore } from '../../framework/interface.ts';
import type { Handle } from '../../framework/interface.ts';
import type { NodeInfo, PodInfo } from '../../framework/types.ts';
import { Names } from '../names.ts';

const mb = 1024 * 1024;
const minThreshold = 23 * mb;
const maxContainerThreshold = 1000 * mb;

/** Adds ":latest" when the image has no tag or digest, as node status lists names. */
export function normalizedImageName(name: string): string {
  if (name.includes('@')) return name;
  const slash = name.lastIndexOf('/');
  return name.indexOf(':', slash + 1) < 0 ? `${name}:latest` : name;
}

const preScoreKey = 'PreScore' + Names.ImageLocality;

interface PreScoreState { images: string[]; containers: number; total: number }

export class ImageLocality implements PreScorePlugin, ScorePlugin {
  readonly name = Names.ImageLocality;
  private readonly handle: Handle;
  constructor(handle: Handle) { this.handle = handle; }

  /** Normalizes the pod's image names once; skips when no node holds any of them (every score would be 0). */
  preScore(s: CycleState, pi: PodInfo): MaybeStatus {
    const containers = [...(pi.pod.spec?.initContainers ?? []), ...(pi.pod.spec?.containers ?? [])];
    const images = containers.filter((c) => c.image).map((c) => normalizedImageName(c.image as string));
    if (!images.some((i) => this.handle.snapshot.imageNumNodes(i) > 0)) return skip();
    s.write(preScoreKey, { images, containers: containers.length, total: this.handle.snapshot.list().length || 1 } satisfies PreScoreState);
    return undefined;
  }

  score(s: CycleState, pi: PodInfo, ni: NodeInfo): number {
    if (ni.imageStates.size === 0) return 0;
    let st0 = s.read<PreScoreState>(preScoreKey);
    if (!st0) {
      const containers = [...(pi.pod.spec?.initContainers ?? []), ...(pi.pod.spec?.containers ?? [])];
      st0 = { images: containers.filter((c) => c.image).map((c) => normalizedImageName(c.image as string)), containers: containers.length, total: this.handle.snapshot.list().length || 1 };
    }
    let sum = 0;
    for (const name of st0.images) {
      const st = ni.imageStates.get(name);
      if (st) sum += st.size * (st.summary.numNodes / st0.total);
    }
    const maxThreshold = maxContainerThreshold * Math.max(st0.containers, 1);
    if (sum < minThreshold) sum = minThreshold;
    else if (sum > maxThreshold) sum = maxThreshold;
    return Math.trunc((MaxNodeScore * (sum - minThreshold)) / (maxThreshold - minThreshold));
  }
}
