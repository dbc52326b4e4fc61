import type { Incident } from '../../shared/incidents';

/** An open incident as the incident store answers it: monitor 7, HTTP 500, confirmed by two failed probes. */
export function openIncident(id: number, over: Partial<Incident> = {}): Incident {
  return {
    id,
    monitorId: 7,
    startedAt: 0,
    endedAt: null,
    durationMs: 0,
    firstErrorCode: 'http_status',
    firstError: 'HTTP 500',
    lastErrorCode: null,
    lastError: null,
    failedProbes: 2,
    acknowledgedBy: null,
    acknowledgedAt: null,
    maintenanceWindowId: null,
    notes: [],
    ...over,
  };
}
