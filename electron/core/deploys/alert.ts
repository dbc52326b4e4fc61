import type { Deploy, DeployComparison } from '../../../shared/deploys';
import type { Monitor } from '../../../shared/monitor';
import type { AlertMessage } from '../alerts/message';

/** The "regression after a deploy" message, routed like any other alert (kind deploy_regression). */
export function regressionMessage(
  d: Deploy,
  c: DeployComparison,
  monitors: readonly Monitor[],
  at: number,
): AlertMessage {
  const service = d.group ?? monitors.map((m) => m.name).join(', ');
  const only = monitors.length === 1 ? monitors[0] : undefined;
  return {
    kind: 'deploy_regression',
    monitorId: only?.id ?? null,
    monitorName: only?.name ?? null,
    group: d.group ?? only?.group ?? null,
    incidentId: null,
    state: null,
    title: `Regression after deploy ${d.version} of ${service}`,
    body: `${c.reasons.join('; ')} (${c.windowMin} min either side of ${new Date(d.at).toISOString()})${d.note ? `. Note: ${d.note}` : ''}`,
    firstError: null,
    at,
  };
}
