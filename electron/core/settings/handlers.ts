import type { EventBus } from '../events';
import type { Handlers } from '../handlers';
import type { Store } from '../store';
import { assertWritable } from '../writable';
import type { SettingsService } from './settings';

export function createSettingsHandlers(
  store: Store,
  settings: SettingsService,
  bus: EventBus,
): Handlers<'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => settings.get(),
    'settings.update': (patch) => {
      assertWritable(store);
      const next = settings.update(patch);
      bus.emit('settings', next);
      return next;
    },
  };
}
