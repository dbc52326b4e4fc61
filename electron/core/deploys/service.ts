import type { Service } from '../../../shared/api';
import type { Deploy, DeployComparison } from '../../../shared/deploys';
import { ApiError } from '../../../shared/errors';
import type { Monitor } from '../../../shared/monitor';
import type { Clock, TimerHandle } from '../clock';
import type { EventBus } from '../events';
import { createDisposables, startOrUndo } from '../lifecycle';
import type { Store } from '../store';
import type { DeployStore } from '../store/deploys';
import { compareDeploy, type CompareSource } from './compare';
import { detectOnce, detectUrl } from './detect';
import { DEPLOY_WINDOW_DEFAULT_MIN, Detector } from '../../../shared/deploys';

type Handlers = Pick<
  Service,
  'deploys.record' | 'deploys.list' | 'deploys.compare' | 'deploys.delete' | 'deploys.detectors' | 'deploys.setDetector'
>;

/** Verdicts are given this often at most (after windows close on the minute, not to the ms). */
const EVALUATE_EVERY_MS = 15_000;
const DETECT_EVERY_MS = 60_000;
const DETECTORS_KEY = 'deploys.detectors';
const MAX_DETECTORS = 50;

export interface DeployDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  source: CompareSource;
  /** "Regression after a deploy": the alert channels' outbox (alerts/alerting.ts route). */
  onRegression(d: Deploy, c: DeployComparison, monitors: Monitor[]): void;
}

export interface Deploys {
  handlers: Handlers;
  /** Judges every deploy whose after window has closed; returns those judged. */
  evaluateDue(): Deploy[];
  /** Asks every detector's monitor for its version now; the number of deploys recorded. */
  detectNow(): Promise<number>;
  /** The table, for the CLI, the HTTP endpoint and the quarterly report (countByGroup). */
  table: DeployStore | undefined;
  stop(): Promise<void>;
}

export function affectedMonitors(
  all: readonly Monitor[],
  d: { group?: string | null | undefined; monitorIds?: readonly number[] | undefined },
): Monitor[] {
  if (d.monitorIds && d.monitorIds.length > 0) return all.filter((m) => d.monitorIds!.includes(m.id));
  return all.filter((m) => m.group === d.group);
}

/** Deploy markers and their before / after verdicts; a regression is alerted once, when judged. */
export function createDeploys({ store, bus, clock, source, onRegression }: DeployDeps): Deploys {
  const readTable = store.tables.deploys;
  const table = store.readOnly ? undefined : readTable;
  const writable = () => {
    if (!table)
      throw new ApiError('read_only', `${store.path} is open read-only for review; deploys cannot be recorded.`);
    return table;
  };
  const monitorsOf = (d: Pick<Deploy, 'monitorIds'>) => {
    const all = store.monitors.list();
    return d.monitorIds.map((id) => all.find((m) => m.id === id)).filter((m): m is Monitor => m !== undefined);
  };

  function evaluateDue(): Deploy[] {
    if (!table) return [];
    const now = clock.now();
    const judged: Deploy[] = [];
    for (const d of table.due(now)) {
      const monitors = monitorsOf(d);
      const c = compareDeploy(source, monitors, d.at, d.windowMin, now);
      table.setVerdict(d.id, c, now);
      const stored = table.get(d.id)!;
      judged.push(stored);
      bus.emit('deploy', stored);
      if (c.verdict === 'regression') onRegression(stored, c, monitors);
    }
    return judged;
  }

  const detectors = (): Detector[] => {
    try {
      return Detector.array().parse(JSON.parse(store.settings.get(DETECTORS_KEY) ?? '[]'));
    } catch {
      return [];
    }
  };
  const seen = new Map<number, string>();
  const detectNow = () =>
    table
      ? detectOnce(detectors(), seen, {
          table,
          monitor: (id) => store.monitors.get(id),
          now: () => clock.now(),
          windowMin: DEPLOY_WINDOW_DEFAULT_MIN,
          onDeploy: (id) => bus.emit('deploy', table.get(id)!),
        })
      : Promise.resolve(0);
  // The two timers, closed in reverse order by stop() or by a start that throws halfway.
  const owned = createDisposables();
  let detectTimer: TimerHandle | undefined;
  const detectTick = () => {
    void detectNow().finally(() => {
      // A detection still reading when stop() ran must not arm the next one.
      if (!owned.disposed) detectTimer = clock.setTimeout(detectTick, DETECT_EVERY_MS);
    });
  };
  let timer: TimerHandle | undefined;
  const tick = () => {
    try {
      evaluateDue();
    } finally {
      timer = clock.setTimeout(tick, EVALUATE_EVERY_MS);
    }
  };
  if (table)
    startOrUndo(owned, () => {
      detectTimer = clock.setTimeout(detectTick, 1000);
      owned.defer(() => detectTimer !== undefined && clock.clearTimeout(detectTimer));
      timer = clock.setTimeout(tick, EVALUATE_EVERY_MS);
      owned.defer(() => timer !== undefined && clock.clearTimeout(timer));
    });

  const handlers: Handlers = {
    'deploys.record': (input) => {
      const t = writable();
      const all = store.monitors.list();
      if (input.monitorIds) {
        const missing = input.monitorIds.filter((id) => !all.some((m) => m.id === id));
        if (missing.length > 0)
          throw new ApiError('invalid_input', `Monitor ${missing[0]} does not exist`, [
            { path: 'monitorIds', message: `Monitor ${missing[0]} does not exist` },
          ]);
      }
      const monitors = affectedMonitors(all, input);
      if (monitors.length === 0) {
        const groups = [...new Set(all.map((m) => m.group))].sort();
        throw new ApiError(
          'invalid_input',
          `No monitor is in the group "${input.group}"; groups: ${groups.join(', ') || 'none yet'}`,
          [{ path: 'group', message: `No monitor is in the group "${input.group}"` }],
        );
      }
      const d = t.insert(
        {
          at: input.at ?? clock.now(),
          group: input.group ?? null,
          monitorIds: monitors.map((m) => m.id),
          version: input.version,
          note: input.note,
          source: input.source,
          windowMin: input.windowMin,
        },
        clock.now(),
      );
      bus.emit('deploy', d);
      // Recorded after its after window closed (a backfill from the CLI): judged at once.
      if (d.at + d.windowMin * 60_000 <= clock.now()) setImmediate(evaluateDue);
      return d;
    },
    'deploys.list': (q) => readTable.list(q),
    'deploys.compare': ({ id, windowMin }) => {
      const d = readTable.get(id);
      if (!d) throw new ApiError('not_found', `Deploy ${id} does not exist`);
      return compareDeploy(source, monitorsOf(d), d.at, windowMin ?? d.windowMin, clock.now());
    },
    'deploys.detectors': () => detectors(),
    'deploys.setDetector': (input) => {
      writable();
      const m = store.monitors.get(input.monitorId);
      if (!m) throw new ApiError('not_found', `Monitor ${input.monitorId} does not exist`);
      const rest = detectors().filter((d) => d.monitorId !== input.monitorId);
      if (!('off' in input)) {
        if (!detectUrl(m))
          throw new ApiError(
            'invalid_input',
            `${m.name} has no URL of its own to read a version from (http or page monitors)`,
            [{ path: 'monitorId', message: 'Choose an http or page monitor' }],
          );
        if (rest.length >= MAX_DETECTORS)
          throw new ApiError('invalid_input', `At most ${MAX_DETECTORS} monitors detect deploys`, [
            { path: 'monitorId', message: `At most ${MAX_DETECTORS}` },
          ]);
        rest.push(input);
      }
      store.settings.set(DETECTORS_KEY, JSON.stringify(rest));
      return rest;
    },
    'deploys.delete': ({ id }) => {
      if (!writable().delete(id)) throw new ApiError('not_found', `Deploy ${id} does not exist`);
      return { id };
    },
  };

  return {
    handlers,
    evaluateDue,
    detectNow,
    table,
    stop: () => owned.dispose(),
  };
}
