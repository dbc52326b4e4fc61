import { randomUUID } from 'node:crypto';
import type { Service } from '../../../shared/api';
import { ApiError, type InputIssue } from '../../../shared/errors';
import {
  LOADCHECK_DEFAULT_MAX_RATE,
  LOADCHECK_MAX_DURATION_SEC,
  LOADCHECK_RATE_CEILING,
  type LoadCheck,
  type LoadCheckSpec,
  type LoadPlan,
  type LoadRun,
} from '../../../shared/loadcheck';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import { UnknownVariableError } from '../probes/submit/template-vars';
import type { Store } from '../store';
import { goNoGo, previousOf } from './card';
import { hostOfUrl, hostsOf, monitoredHosts } from './hosts';
import { runLoadCheck, type RunHandle } from './runner';
import { bodyParts, planStages, plannedTotal } from './stages';

type Handlers = Pick<
  Service,
  | 'loadchecks.list'
  | 'loadchecks.save'
  | 'loadchecks.delete'
  | 'loadchecks.limits'
  | 'loadchecks.setLimits'
  | 'loadchecks.plan'
  | 'loadchecks.start'
  | 'loadchecks.stop'
  | 'loadchecks.runs'
  | 'loadchecks.spans'
  | 'loadchecks.reminders'
>;

const MAX_RATE_KEY = 'loadcheck.maxRate';
/** A plan's token is good for this long. */
const PLAN_TTL_MS = 5 * 60_000;

export interface LoadCheckDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  /** Peak event occurrences in [from, to) (maintenance/schedule-index.ts), for reminders. */
  peakOccurrences?: (from: number, to: number) => { peakId: number; title: string; start: number }[];
}

export interface LoadChecks {
  handlers: Handlers;
  /** The run in progress, if any (benches and tests wait on it). */
  active(): { runId: number; ended: RunHandle['ended'] } | undefined;
  stop(): Promise<void>;
}

/** Load checks: definitions, plan → confirmed start, one run at a time, Stop, runs and their spans. */
/** Reminders look this far ahead for a peak's next occurrence. */
const REMINDER_HORIZON_MS = 8 * 86_400_000;

export function createLoadChecks({ store, bus, clock, peakOccurrences }: LoadCheckDeps): LoadChecks {
  const table = store.tables.loadChecks;
  const db = () => {
    if (!table) throw new ApiError('read_only', `${store.path} is open read-only for review; load checks cannot run.`);
    return table;
  };
  table?.closeOrphans(clock.now());
  const plans = new Map<string, { checkId: number; updatedAt: number; expiresAt: number }>();
  let current: { runId: number; checkId: number; handle: RunHandle } | undefined;

  const maxRate = () => {
    const v = Number(store.settings.get(MAX_RATE_KEY));
    return Number.isInteger(v) && v >= 1 && v <= LOADCHECK_RATE_CEILING ? v : LOADCHECK_DEFAULT_MAX_RATE;
  };
  const limits = () => ({
    maxRate: maxRate(),
    maxDurationSec: LOADCHECK_MAX_DURATION_SEC,
    rateCeiling: LOADCHECK_RATE_CEILING,
  });

  /** The checks the schema cannot make: the configured maximum rate, a monitored host, the template. */
  function refuseBad(spec: LoadCheckSpec, what: string): { host: string; monitorIds: number[] } {
    const issues: InputIssue[] = [];
    if (spec.rate > maxRate())
      issues.push({
        path: 'check.rate',
        message: `At most ${maxRate()} requests per second (Settings: load check maximum rate); ${spec.rate} asked`,
      });
    const host = hostOfUrl(spec.url) ?? '';
    const monitorIds = monitoredHosts(store.monitors.list()).get(host) ?? [];
    if (monitorIds.length === 0)
      issues.push({
        path: 'check.url',
        message: `${host || spec.url} is not a host any monitor probes: choose the target from a monitored service`,
      });
    try {
      bodyParts(spec.body);
    } catch (err) {
      if (!(err instanceof UnknownVariableError)) throw err;
      issues.push({
        path: 'check.body',
        message: `{{${err.variable}}} is not a variable here: use {{$uuid}} or {{$now}}`,
      });
    }
    if (
      spec.reminder &&
      peakOccurrences &&
      !peakOccurrences(clock.now(), clock.now() + 400 * 86_400_000).some((o) => o.peakId === spec.reminder!.peakId)
    ) {
      issues.push({
        path: 'check.reminder.peakId',
        message: `Peak event ${spec.reminder.peakId} has no occurrence ahead to remind of`,
      });
    }
    if (issues.length > 0) throw new ApiError('invalid_input', `${what}: ${issues[0]!.message}`, issues);
    return { host, monitorIds };
  }
  function existing(id: number): LoadCheck {
    const c = db().get(id);
    if (!c) throw new ApiError('not_found', `Load check ${id} does not exist`);
    return c;
  }
  function withPrevious(r: Omit<LoadRun, 'previous'>): LoadRun {
    return { ...r, previous: previousOf(db().previousRun(r.checkId, r.id)) };
  }
  function planFor(c: LoadCheck): LoadPlan {
    const { host, monitorIds } = refuseBad(c.spec, `Load check "${c.spec.name}" cannot run`);
    const total = plannedTotal(planStages(c.spec));
    const token = randomUUID();
    const expiresAt = clock.now() + PLAN_TTL_MS;
    plans.set(token, { checkId: c.id, updatedAt: c.updatedAt, expiresAt });
    return {
      checkId: c.id,
      token,
      target: `${c.spec.method} ${c.spec.url}`,
      host,
      totalRequests: total,
      durationSec: c.spec.durationSec,
      rate: c.spec.rate,
      monitorIds,
      expiresAt,
      confirmation: `Send ${total.toLocaleString('en-US')} requests to ${c.spec.method} ${c.spec.url} over ${c.spec.durationSec} s (up to ${c.spec.rate}/s)?`,
    };
  }

  function start(c: LoadCheck): LoadRun {
    if (current)
      throw new ApiError('conflict', `A load check is already running (run ${current.runId}): stop it first`);
    const { host } = refuseBad(c.spec, `Load check "${c.spec.name}" cannot run`);
    const planned = plannedTotal(planStages(c.spec));
    const runId = db().startRun({
      checkId: c.id,
      name: c.spec.name,
      host,
      target: `${c.spec.method} ${c.spec.url}`,
      startedAt: clock.now(),
      planned,
    });
    const handle = runLoadCheck(c.spec, {
      runId,
      checkId: c.id,
      now: () => clock.now(),
      onProgress: (p) => bus.emit('loadcheck', p),
    });
    current = { runId, checkId: c.id, handle };
    void handle.ended.then((end) => {
      const { verdict, card } = goNoGo(c.spec.thresholds, end.summary, end.outcome, planned);
      table?.endRun(runId, {
        endedAt: clock.now(),
        outcome: end.outcome,
        reason: end.reason,
        verdict,
        summary: end.summary,
        card,
      });
      if (current?.runId === runId) current = undefined;
      bus.emit('loadcheck', end.summary);
    });
    return withPrevious(db().run(runId)!);
  }

  const handlers: Handlers = {
    'loadchecks.list': () => table?.list() ?? [],
    'loadchecks.save': ({ id, check }) => {
      const t = db();
      refuseBad(check, `Load check "${check.name}" is not valid`);
      if (id === undefined) return t.create(check, clock.now());
      existing(id);
      return t.update(id, check, clock.now())!;
    },
    'loadchecks.delete': ({ id }) => {
      existing(id);
      if (current?.checkId === id) throw new ApiError('conflict', `Load check ${id} is running: stop it first`);
      db().delete(id);
      return { id };
    },
    'loadchecks.limits': () => limits(),
    'loadchecks.setLimits': ({ maxRate: rate }) => {
      db();
      store.settings.set(MAX_RATE_KEY, String(rate));
      return limits();
    },
    'loadchecks.plan': ({ checkId }) => planFor(existing(checkId)),
    'loadchecks.start': (input) => {
      const c = existing(input.checkId);
      if ('token' in input) {
        const p = plans.get(input.token);
        if (!p || p.checkId !== c.id)
          throw new ApiError('conflict', 'This confirmation is not for this load check: plan it again');
        if (p.expiresAt < clock.now())
          throw new ApiError('conflict', 'The confirmation expired: plan the load check again');
        if (p.updatedAt !== c.updatedAt)
          throw new ApiError('conflict', 'The load check changed since it was planned: plan it again');
        plans.delete(input.token);
      } else {
        const total = plannedTotal(planStages(c.spec));
        if (input.confirm !== total)
          throw new ApiError(
            'invalid_input',
            `Confirm with the total this check sends: ${total} requests to ${c.spec.url}`,
            [{ path: 'confirm', message: `The total is ${total}` }],
          );
      }
      return start(c);
    },
    'loadchecks.stop': async ({ runId }) => {
      if (!current || current.runId !== runId) {
        const r = db().run(runId);
        if (!r) throw new ApiError('not_found', `Load run ${runId} does not exist`);
        return withPrevious(r);
      }
      await current.handle.stop();
      // endRun runs in the same microtask chain as `ended`; one more turn and it is stored.
      await new Promise((r) => setImmediate(r));
      return withPrevious(db().run(runId)!);
    },
    'loadchecks.runs': ({ checkId, limit }) => (table ? table.runs(checkId, limit).map(withPrevious) : []),
    'loadchecks.reminders': () => {
      if (!table || !peakOccurrences) return [];
      const now = clock.now();
      const ahead = peakOccurrences(now, now + REMINDER_HORIZON_MS);
      const out = [];
      for (const c of table.list()) {
        const r = c.spec.reminder;
        const next = r && ahead.find((o) => o.peakId === r.peakId);
        if (!r || !next) continue;
        const dueAt = next.start - r.hoursBefore * 3_600_000;
        const ran = table.runs(c.id, 1)[0];
        out.push({
          checkId: c.id,
          checkName: c.spec.name,
          peakId: r.peakId,
          peakTitle: next.title,
          peakStart: next.start,
          dueAt,
          due: now >= dueAt,
          ranAt: ran && ran.startedAt >= dueAt ? ran.startedAt : null,
        });
      }
      return out.sort((a, b) => a.dueAt - b.dueAt);
    },
    'loadchecks.spans': ({ monitorId, from, to }) => {
      const m = store.monitors.get(monitorId);
      if (!m || !table) return [];
      return table.spans([...hostsOf(m)], from, to, clock.now());
    },
  };

  return {
    handlers,
    active: () => current && { runId: current.runId, ended: current.handle.ended },
    async stop() {
      await current?.handle.stop();
      await new Promise((r) => setImmediate(r));
    },
  };
}
