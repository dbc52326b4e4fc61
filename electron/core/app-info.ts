import type { AppInfo } from '../../shared/api';
import { isFirstRun } from './demo/first-run';
import type { Handlers } from './handlers';
import type { Store } from './store';

/** What the window title, the review banner and the welcome screen read. */
export function createAppInfoHandlers(
  store: Store,
  info: Pick<AppInfo, 'version' | 'mode'>,
  demoRunning: () => boolean,
): Handlers<'app.info'> {
  return {
    'app.info': () => ({
      ...info,
      dbPath: store.path,
      readOnly: store.readOnly,
      firstRun: isFirstRun(store),
      demo: demoRunning(),
    }),
  };
}
