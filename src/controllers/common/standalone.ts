// Runs one controller outside the manager, with its own informers (tests build controllers with
// options the manager does not expose, e.g. short node grace periods).

import type { RestConfig } from '../../client/index.ts';
import { EventRecorder, RestClient, SharedInformerFactory } from '../../client/index.ts';
import type { Controller, ControllerContext } from './context.ts';
import { WorkqueueMetrics } from './metrics.ts';

export interface StandaloneController<C extends Controller> {
  controller: C;
  ctx: ControllerContext;
  stop(): Promise<void>;
}

export async function runStandalone<C extends Controller>(
  config: RestConfig, build: (ctx: ControllerContext) => C | Promise<C>, workers = 2, extra: Partial<ControllerContext> = {},
): Promise<StandaloneController<C>> {
  const rest = new RestClient({ ...config, userAgent: 'kube-controller-manager' });
  const informers = new SharedInformerFactory(rest);
  const recorders: EventRecorder[] = [];
  const ctx: ControllerContext = {
    rest, informers, metrics: new WorkqueueMetrics(), log: () => {},
    recorder: (component) => {
      const r = new EventRecorder({ client: rest, component });
      recorders.push(r);
      return r;
    },
    ...extra,
  };
  const controller = await build(ctx);
  informers.start();
  await informers.waitForCacheSync();
  await controller.run(workers);
  return {
    controller, ctx,
    stop: async () => {
      await controller.stop();
      await informers.shutdown();
      await Promise.all(recorders.map((r) => r.flush()));
      rest.close();
    },
  };
}
