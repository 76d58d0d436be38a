// upstream helper.DefaultNormalizeScore: scale to [0, max] by the highest score, optionally reversed.

import { MaxNodeScore } from '../../framework/interface.ts';

export function defaultNormalizeScore(scores: Float64Array, reverse: boolean, maxPriority = MaxNodeScore): void {
  let max = 0;
  for (let i = 0; i < scores.length; i++) if ((scores[i] as number) > max) max = scores[i] as number;
  if (max === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((maxPriority * (scores[i] as number)) / max);
    if (reverse) s = maxPriority - s;
    scores[i] = s;
  }
}
