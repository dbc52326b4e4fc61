import type { Monitor } from '../../../shared/monitor';
import type { Settings } from '../../../shared/settings';

/** A group's target from settings (the platform promises 99% for streaming and submissions). */
export function groupTarget(settings: Settings, group: string): number {
  return settings.slo.groups[group] ?? settings.slo.defaultTarget;
}

/** The monitor's own target when it has one, else its group's. */
export function monitorTarget(settings: Settings, m: Pick<Monitor, 'group' | 'sloTarget'>): number {
  return m.sloTarget ?? groupTarget(settings, m.group);
}
