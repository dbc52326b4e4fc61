import type { EventBus } from '../events';
import type { Handlers } from '../handlers';
import type { SettingsService } from './settings';

export function createSettingsHandlers(
  settings: SettingsService,
  bus: EventBus,
): Handlers<'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => settings.get(),
    'settings.update': (patch) => {
      const next = settings.update(patch);
      bus.emit('settings', next);
      return next;
    },
  };
}
