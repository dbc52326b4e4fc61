import type { EventName, EventPayload, MethodName } from '../../shared/api';

interface Rule<E extends EventName> {
  methods: readonly MethodName[];
  /** Only payloads that can change these methods' answers; absent = every payload. */
  when?: (payload: EventPayload<E>) => boolean;
}

type Rules = { [E in EventName]?: readonly Rule<E>[] };

/**
 * The one place that says which cached answers an Api event makes stale. The query cache is
 * invalidated from here (see QueryCacheSync); hooks no longer subscribe to refetch themselves.
 */
export const EVENT_INVALIDATES: Rules = {
  monitors: [{ methods: ['monitors.list', 'dashboard.get', 'state.list', 'vantage.status'] }],
  channels: [{ methods: ['channels.list'] }, { methods: ['alerts.rules'], when: (e) => e.reason === 'rules' }],
  incident: [{ methods: ['incidents.list', 'incidents.get', 'uptime.get'] }],
  maintenance: [
    { methods: ['maintenance.intervals', 'maintenance.next', 'occurrences.list'] },
    { methods: ['peaks.list'], when: (e) => e.reason === 'peak' },
    { methods: ['windows.list'], when: (e) => e.reason === 'window' || e.reason === 'import' },
  ],
  drafts: [
    { methods: ['templates.list'], when: (e) => e.reason === 'template' },
    { methods: ['drafts.list'], when: (e) => e.reason !== 'template' },
  ],
  storage: [{ methods: ['data.status'] }],
  database: [{ methods: ['data.status', 'data.backups.list'] }],
  vantage: [{ methods: ['vantage.status', 'vantage.series'] }],
  loadcheck: [
    { methods: ['loadchecks.reminders', 'loadchecks.runs', 'loadchecks.spans'], when: (p) => p.state === 'ended' },
  ],
  deploy: [{ methods: ['deploys.list'] }],
  // The shell's answer says where /metrics is served, which follows settings.metrics.enabled.
  settings: [{ methods: ['shell.info'] }],
};

/**
 * Answers that change with the passing of time as well as with events (uptime, "next", "due"):
 * re-read when a view mounts. Every other method named above is fresh until its event says not.
 */
const ALSO_CHANGES_WITH_TIME: ReadonlySet<MethodName> = new Set<MethodName>([
  'dashboard.get',
  'uptime.get',
  'maintenance.next',
  'maintenance.intervals',
  'occurrences.list',
  'vantage.series',
  'loadchecks.reminders',
  // Where /metrics is served is known a moment after the settings event (the server starts then).
  'shell.info',
]);

const ANNOUNCED: ReadonlySet<MethodName> = new Set(
  Object.values(EVENT_INVALIDATES).flatMap((rules) => (rules ?? []).flatMap((r) => r.methods)),
);

/** Whether a cached answer of `method` stays fresh until an event invalidates it. */
export function freshUntilEvent(method: MethodName): boolean {
  return ANNOUNCED.has(method) && !ALSO_CHANGES_WITH_TIME.has(method);
}

export function eventsWithRules(): EventName[] {
  return Object.keys(EVENT_INVALIDATES) as EventName[];
}

/** The methods this payload of `event` makes stale. */
export function staleAfter<E extends EventName>(event: E, payload: EventPayload<E>): MethodName[] {
  const rules = EVENT_INVALIDATES[event] ?? [];
  return rules.filter((r) => !r.when || r.when(payload)).flatMap((r) => r.methods);
}

/**
 * What a mutation changes, as the events the core sends after it: its answer invalidates those
 * events' methods at once (any payload), so the screen does not wait for the event's round trip.
 */
const MUTATION_EVENTS: { [prefix: string]: readonly EventName[] } = {
  'monitors.': ['monitors'],
  'demo.load': ['monitors'],
  'channels.': ['channels'],
  'alerts.setRules': ['channels'],
  'incidents.': ['incident'],
  'windows.': ['maintenance'],
  'peaks.': ['maintenance'],
  'maintenance.importIcs': ['maintenance'],
  'templates.': ['drafts'],
  'drafts.': ['drafts'],
  'loadchecks.': ['loadcheck'],
  'deploys.': ['deploy'],
  'vantage.setSecret': ['vantage'],
  'workspace.apply': ['monitors', 'channels', 'maintenance'],
};

/** The methods a successful call of mutation `method` makes stale. */
export function staleAfterMutation(method: MethodName): MethodName[] {
  const events = Object.entries(MUTATION_EVENTS)
    .filter(([prefix]) => (prefix.endsWith('.') ? method.startsWith(prefix) : method === prefix))
    .flatMap(([, e]) => e);
  return [...new Set(events.flatMap((e) => (EVENT_INVALIDATES[e] ?? []).flatMap((r) => r.methods)))];
}
