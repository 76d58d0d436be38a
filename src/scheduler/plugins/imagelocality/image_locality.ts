// ImageLocality: prefers nodes that already hold the pod's images, weighted by how widely each
// image is spread (upstream imagelocality, thresholds 23 MB and 1000 MB per container).

import type { CycleState, ScorePlugin } from '../../framework/interface.ts';
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

export class ImageLocality implements ScorePlugin {
  readonly name = Names.ImageLocality;
  private readonly handle: Handle;
  constructor(handle: Handle) { this.handle = handle; }

  score(_s: CycleState, pi: PodInfo, ni: NodeInfo): number {
    if (ni.imageStates.size === 0) return 0;
    const total = this.handle.snapshot.list().length || 1;
    const containers = [...(pi.pod.spec?.initContainers ?? []), ...(pi.pod.spec?.containers ?? [])];
    let sum = 0;
    for (const c of containers) {
      if (!c.image) continue;
      const st = ni.imageStates.get(normalizedImageName(c.image));
      if (st) sum += st.size * (st.summary.numNodes / total);
    }
    const maxThreshold = maxContainerThreshold * Math.max(containers.length, 1);
    if (sum < minThreshold) sum = minThreshold;
    else if (sum > maxThreshold) sum = maxThreshold;
    return Math.trunc((MaxNodeScore * (sum - minThreshold)) / (maxThreshold - minThreshold));
  }
}
