import { ApiError } from '../../../shared/errors';
import type { EventBus } from '../events';
import type { Handlers } from '../handlers';
import type { Scheduler } from '../scheduler/scheduler';
import type { Store } from '../store';
import type { DemoController } from './controller';
import { decideDemo } from './first-run';

export interface DemoHandlerDeps {
  store: Store;
  bus: EventBus;
  /** Absent in review mode. */
  demo: DemoController | undefined;
  scheduler: Scheduler | undefined;
  resync: () => void;
}

/** The demo workspace offer and the demo platform's fault switches. */
export function createDemoHandlers({
  store,
  bus,
  demo,
  scheduler,
  resync,
}: DemoHandlerDeps): Handlers<'demo.load' | 'demo.decline' | 'demo.faults' | 'demo.fault'> {
  return {
    'demo.load': async () => {
      if (!demo) throw new ApiError('internal', 'The demo is not available in this mode');
      const monitors = await demo.load();
      decideDemo(store, 'loaded');
      resync();
      for (const m of store.monitors.list()) scheduler?.runNow(m.id);
      bus.emit('monitors', { reason: 'loaded' });
      return { monitors };
    },
    'demo.decline': () => {
      decideDemo(store, 'declined');
      return { ok: true as const };
    },
    'demo.faults': () => demo?.faults() ?? { running: false, active: [] },
    'demo.fault': (input) => {
      const next = demo?.setFault('clear' in input ? undefined : input.fault, 'on' in input ? input.on : false);
      if (!next)
        throw new ApiError(
          'not_found',
          'The demo platform is not running: load the demo workspace first (Dashboard, “Try the demo”).',
        );
      return next;
    },
  };
}
