// API Priority and Fairness in the apiserver: the configuration from the flowcontrol objects, the
// controller keeping it current, and the filter in the handler chain.

import type { Filter } from '../filters/chain.ts';
import type { Exchange } from '../http/exchange.ts';
import type { ApiContext } from '../rest/context.ts';
import { FlowControl } from './config.ts';
import { FlowControlController } from './controller.ts';
import { dumpPriorityLevels } from './debug.ts';
import { withPriorityAndFairness } from './filter.ts';

export { ensureFlowControlBootstrap } from './bootstrap.ts';
export { FlowControl } from './config.ts';
export type { Classification, PriorityLevel } from './config.ts';
export { FLOW_SCHEMA_UID_HEADER, PRIORITY_LEVEL_UID_HEADER, withPriorityAndFairness } from './filter.ts';

export const DUMP_PRIORITY_LEVELS_PATH = '/debug/api_priority_and_fairness/dump_priority_levels';

export interface PriorityAndFairness {
  readonly flowControl: FlowControl;
  readonly filter: Filter;
  /** Serves DUMP_PRIORITY_LEVELS_PATH. */
  dumpHandler(ex: Exchange): Promise<void>;
  stop(): void;
}

/** Starts APF over the apiserver's caches (after ctx.start()). */
export function startPriorityAndFairness(ctx: ApiContext, o: {
  serverConcurrencyLimit: number;
  isLongRunning: (method: string, path: string, watch: boolean) => boolean;
  log: (msg: string, err?: unknown) => void;
  maxWaitMs?: number;
}): PriorityAndFairness {
  const fc = new FlowControl({ serverConcurrencyLimit: o.serverConcurrencyLimit, maxWaitMs: o.maxWaitMs });
  const controller = new FlowControlController(ctx, fc, o.log);
  controller.start();
  return {
    flowControl: fc,
    filter: withPriorityAndFairness(fc, o.isLongRunning),
    dumpHandler: async (ex) => { ex.send(200, 'text/plain; charset=utf-8', dumpPriorityLevels(fc)); },
    stop: () => controller.stop(),
  };
}
