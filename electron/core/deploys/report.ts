import type { Deploy } from '../../../shared/deploys';
import type { DeployStore } from '../store/deploys';

export interface DeployFrequency {
  /** Per service group (deploys recorded for monitors rather than a group: "(monitors)"). */
  services: { group: string; deploys: number; regressions: number }[];
  /** The deploys judged a regression, oldest first. */
  regressions: Deploy[];
}

/**
 * For the quarterly report (electron/core/report/): deploys per service in [from, to), the
 * platform's deployment-frequency KPI, and the regressions among them.
 */
export function deployFrequency(t: DeployStore, from: number, to: number): DeployFrequency {
  return { services: t.countByGroup(from, to), regressions: t.regressions(from, to) };
}
