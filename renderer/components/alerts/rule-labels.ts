import type { ROUTED_KINDS } from '../../../shared/channels';

/** How each routed alert kind reads in the rules form. */
export const KIND_LABEL: Record<(typeof ROUTED_KINDS)[number], string> = {
  down: 'down',
  degraded: 'degraded',
  recovered: 'recovered',
  still_down: 'still down',
  flapping: 'flapping',
  flapping_ended: 'settled',
  cert_expiring: 'certificate expiring',
  maintenance_started: 'maintenance started',
  maintenance_ended: 'maintenance ended',
  error_rate: 'error rate',
  latency: 'latency',
  deploy_regression: 'regression after a deploy',
};

export function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}
