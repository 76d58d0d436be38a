// Creates and maintains the APF configuration objects, as upstream's bootstrap-configuration
// ensurer: mandatory objects are always brought back to their bootstrap spec (the exempt level's
// `spec.exempt` knobs stay the user's); suggested ones are created when missing and kept at the
// bootstrap spec only while their `apf.kubernetes.io/autoupdate-spec` annotation is "true".

import { jsonEqual } from '../../api/patch/json.ts';
import type { KubeObject } from '../../api/types.ts';
import type { ApiContext } from '../rest/context.ts';
import { clone } from '../rest/objects.ts';
import { prepareCreate, prepareUpdate } from '../rest/write.ts';
import type { WriteScope } from '../rest/write.ts';
import {
  AUTO_UPDATE_ANNOTATION, mandatoryFlowSchemas, mandatoryPriorityLevels, suggestedFlowSchemas, suggestedPriorityLevels,
} from './defaults.ts';

const GROUP = 'flowcontrol.apiserver.k8s.io';
const SYSTEM_USER = { name: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };

function scope(ctx: ApiContext, resource: string): WriteScope {
  const t = ctx.registry.lookup(GROUP, 'v1', resource);
  if (!t) throw new Error(`bootstrap: ${resource}.${GROUP} is not registered`);
  return { ctx, t, namespace: '', subresource: '', user: SYSTEM_USER, dryRun: false, fieldManager: 'api-priority-and-fairness-config-producer-v1' };
}

type Mode = 'mandatory' | 'suggested';

/** What the ensurer writes over `cur`, or undefined to leave it. */
export function desiredUpdate(cur: KubeObject, want: KubeObject, mode: Mode): KubeObject | undefined {
  const annotations = cur.metadata.annotations ?? {};
  const flag = annotations[AUTO_UPDATE_ANNOTATION];
  let autoUpdate: boolean;
  if (mode === 'mandatory') autoUpdate = true;
  else if (flag === 'true' || flag === 'false') autoUpdate = flag === 'true';
  // No annotation: an object nobody edited since it was created (generation 1) is still ours.
  else autoUpdate = (cur.metadata.generation ?? 1) === 1;
  const wantFlag = autoUpdate ? 'true' : 'false';
  let spec = want['spec'];
  if (mode === 'mandatory' && cur.kind === 'PriorityLevelConfiguration' && cur.metadata.name === 'exempt') {
    // upstream lets people tune the exempt level's shares and lendable percent.
    const curExempt = (cur['spec'] as { exempt?: unknown } | undefined)?.exempt;
    if (curExempt !== undefined) spec = { ...(spec as Record<string, unknown>), exempt: curExempt };
  }
  const specDiffers = autoUpdate && !jsonEqual(cur['spec'], spec);
  if (!specDiffers && flag === wantFlag) return undefined;
  const next = clone(cur);
  next.metadata.annotations = { ...annotations, [AUTO_UPDATE_ANNOTATION]: wantFlag };
  if (specDiffers) next['spec'] = clone(spec);
  return next;
}

async function ensureOne(s: WriteScope, want: KubeObject, mode: Mode): Promise<void> {
  const rs = s.ctx.storageFor(s.t);
  const name = want.metadata.name ?? '';
  let cur: KubeObject | undefined;
  try { cur = await rs.get('', name); } catch { cur = undefined; }
  if (!cur) {
    try { await rs.create(await prepareCreate(s, clone(want))); } catch (err) {
      if ((err as { code?: number }).code !== 409) throw err;
    }
    return;
  }
  if (!desiredUpdate(cur, want, mode)) return;
  await rs.guaranteedUpdate('', name, async (c) => {
    const next = desiredUpdate(c, want, mode);
    return next ? prepareUpdate(s, next, c, 'main') : undefined;
  });
}

/** Creates the missing APF objects and restores those the apiserver keeps up to date. */
export async function ensureFlowControlBootstrap(ctx: ApiContext): Promise<void> {
  const pls = scope(ctx, 'prioritylevelconfigurations');
  const fss = scope(ctx, 'flowschemas');
  for (const o of mandatoryPriorityLevels()) await ensureOne(pls, o, 'mandatory');
  for (const o of suggestedPriorityLevels()) await ensureOne(pls, o, 'suggested');
  for (const o of mandatoryFlowSchemas()) await ensureOne(fss, o, 'mandatory');
  for (const o of suggestedFlowSchemas()) await ensureOne(fss, o, 'suggested');
}
