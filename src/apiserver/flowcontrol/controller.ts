// Keeps the APF configuration in step with the FlowSchema and PriorityLevelConfiguration objects
// (upstream's apf_controller): it follows the apiserver's own watch caches, rebuilds the
// configuration on change (coalesced to one rebuild per event-loop turn), maintains each
// FlowSchema's Dangling condition, and re-runs the bootstrap ensurer every minute so deleted
// mandatory objects come back.

import type { KubeObject } from '../../api/types.ts';
import type { ApiContext } from '../rest/context.ts';
import { prepareUpdate } from '../rest/write.ts';
import type { CacheEvent, Subscription } from '../storage/watchcache.ts';
import { ensureFlowControlBootstrap } from './bootstrap.ts';
import type { FlowControl } from './config.ts';

const GROUP = 'flowcontrol.apiserver.k8s.io';
const ENSURE_INTERVAL_MS = 60_000;
const SYSTEM_USER = { name: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };

interface Condition { type?: string; status?: string; reason?: string; message?: string; lastTransitionTime?: string }

/** The Dangling condition upstream writes for a FlowSchema whose priority level does (not) exist. */
export function danglingCondition(plName: string, exists: boolean, now: string): Condition {
  return exists
    ? { type: 'Dangling', status: 'False', reason: 'Found', message: `This FlowSchema references the PriorityLevelConfiguration object named "${plName}" and it exists`, lastTransitionTime: now }
    : { type: 'Dangling', status: 'True', reason: 'NotFound', message: `This FlowSchema references the PriorityLevelConfiguration object named "${plName}" but there is no such object`, lastTransitionTime: now };
}

function plNameOf(fs: KubeObject): string {
  const ref = (fs['spec'] as { priorityLevelConfiguration?: { name?: unknown } } | undefined)?.priorityLevelConfiguration?.name;
  return typeof ref === 'string' ? ref : '';
}

function conditionsOf(o: KubeObject): Condition[] {
  const c = (o['status'] as { conditions?: unknown } | undefined)?.conditions;
  return Array.isArray(c) ? c as Condition[] : [];
}

export class FlowControlController {
  private readonly ctx: ApiContext;
  private readonly fc: FlowControl;
  private readonly log: (msg: string, err?: unknown) => void;
  private readonly flowSchemas = new Map<string, KubeObject>();
  private readonly priorityLevels = new Map<string, KubeObject>();
  private readonly subs: Subscription[] = [];
  private scheduled = false;
  private stopped = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** FlowSchemas with a status write under way (one at a time per object). */
  private readonly writing = new Set<string>();

  constructor(ctx: ApiContext, fc: FlowControl, log: (msg: string, err?: unknown) => void) {
    this.ctx = ctx;
    this.fc = fc;
    this.log = log;
  }

  start(): void {
    this.follow('flowschemas', this.flowSchemas);
    this.follow('prioritylevelconfigurations', this.priorityLevels);
    this.rebuild();
    this.timer = setInterval(() => {
      ensureFlowControlBootstrap(this.ctx).catch((err: unknown) => this.log('APF: restoring the bootstrap configuration failed', err));
    }, ENSURE_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const s of this.subs.splice(0)) s.close();
  }

  private follow(resource: string, into: Map<string, KubeObject>): void {
    const storage = this.ctx.storageByResource(GROUP, resource);
    if (!storage) throw new Error(`APF: ${resource}.${GROUP} is not served`);
    const apply = (events: CacheEvent[]): void => {
      for (const ev of events) {
        const name = ev.obj.metadata.name ?? '';
        if (ev.type === 'DELETED') into.delete(name); else into.set(name, ev.obj);
      }
      this.schedule();
    };
    this.subs.push(storage.cache.subscribe({ onEvents: apply }, undefined, (objs) => {
      for (const o of objs) into.set(o.obj.metadata.name ?? '', o.obj);
    }));
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => { this.scheduled = false; if (!this.stopped) this.rebuild(); });
  }

  private rebuild(): void {
    this.fc.setConfiguration([...this.flowSchemas.values()], [...this.priorityLevels.values()]);
    for (const fs of this.flowSchemas.values()) this.updateDangling(fs);
  }

  private updateDangling(fs: KubeObject): void {
    const name = fs.metadata.name ?? '';
    if (fs.metadata.deletionTimestamp || this.writing.has(name)) return;
    const pl = plNameOf(fs);
    const want = danglingCondition(pl, this.priorityLevels.has(pl), new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
    const cur = conditionsOf(fs).find((c) => c.type === 'Dangling');
    if (cur && cur.status === want.status && cur.reason === want.reason && cur.message === want.message) return;
    const t = this.ctx.registry.lookup(GROUP, 'v1', 'flowschemas');
    if (!t) return;
    this.writing.add(name);
    const s = { ctx: this.ctx, t, namespace: '', subresource: 'status', user: SYSTEM_USER, dryRun: false, fieldManager: 'api-priority-and-fairness-config-consumer-v1' };
    this.ctx.storageFor(t).guaranteedUpdate('', name, async (c) => {
      const conds = conditionsOf(c).filter((x) => x.type !== 'Dangling');
      const old = conditionsOf(c).find((x) => x.type === 'Dangling');
      if (old && old.status === want.status && old.reason === want.reason && old.message === want.message) return undefined;
      // lastTransitionTime moves only when the status does.
      const cond = old && old.status === want.status && old.lastTransitionTime ? { ...want, lastTransitionTime: old.lastTransitionTime } : want;
      const next = { ...c, status: { ...(c['status'] as object | undefined), conditions: [...conds, cond] } } as KubeObject;
      return prepareUpdate(s, next, c, 'status');
    }).catch((err: unknown) => {
      if ((err as { code?: number }).code !== 404) this.log(`APF: updating the status of FlowSchema ${name} failed`, err);
    }).finally(() => {
      this.writing.delete(name);
      // The object may have changed while the write was under way: look again.
      const latest = this.flowSchemas.get(name);
      if (latest && latest !== fs && !this.stopped) this.updateDangling(latest);
    });
  }
}
