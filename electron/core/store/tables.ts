import { createAccountingSource, type AccountingSource } from './accounting';
import { createChannelStore, type ChannelStore } from './alert-channels';
import { createEscalationStore, type EscalationStore } from './alert-escalations';
import { createOutboxStore, type OutboxStore } from './alert-outbox';
import { createDashboardQuery } from './dashboard';
import type { ReadableDB, WritableDB } from './db';
import { createDegradedReads, createDegradedWrites, DEGRADED_WRITES, type DegradedStore } from './degraded';
import { createDeployStore, type DeployStore } from './deploys';
import { createDraftSendStore, type DraftSendStore } from './draft-sends';
import { createDraftStore, type DraftStore } from './drafts';
import { createGapStore, type GapStore } from './gaps';
import { createHistoryReader, type HistoryReader } from './history';
import { createIncidentReads, createIncidentWrites, INCIDENT_WRITES, type IncidentStore } from './incidents';
import { joined } from './parts';
import type { HeldWrites } from './results';
import { createLoadCheckStore, type LoadCheckStore } from './load-checks';
import { createProbeMemoryStore, type ProbeMemoryStore } from './probe-memory';
import { createLatencyDetailQuery } from './rollups';
import { createStateStore, type StateStore } from './state';
import type { RollupMarks } from './tiling';
import { createVantageResultStore, type VantageResultStore } from './vantage-results';
import { createWindowTable, type WindowTable } from './windows';
import { createWorkspaceStore, type WorkspaceStore } from './workspace';

/**
 * Every table module the core uses, built by the store on its own connection (nothing outside
 * electron/core/store/ holds one). Each is made on first use, once per session. Reads of rows a
 * writer may still hold (results queued, incident and degraded progress) go through `settle`
 * first: the one flush-before-read mechanism (see Settler).
 */
export interface StoreTables {
  /** Reads settle first: for every reader (handlers, reports, drafts, alerts). */
  incidents: IncidentStore;
  degraded: DegradedStore;
  /** The same tables unsettled, for the monitoring pipeline: it writes what the readers settle for. */
  incidentWriter: IncidentStore;
  degradedWriter: DegradedStore;
  gaps: GapStore;
  states: StateStore;
  accounting: AccountingSource;
  dashboard: ReturnType<typeof createDashboardQuery>;
  latencyDetail: ReturnType<typeof createLatencyDetailQuery>;
  history: HistoryReader;
  drafts: DraftStore;
  draftSends: DraftSendStore;
  windows: WindowTable;
  channels: ChannelStore;
  outbox: OutboxStore;
  escalations: EscalationStore;
  deploys: DeployStore;
  vantageResults: VantageResultStore;
  workspace: WorkspaceStore;
  /** Only a writer keeps these (undefined in review mode). */
  probeMemory: ProbeMemoryStore | undefined;
  loadChecks: LoadCheckStore | undefined;
}

/**
 * Makes reads see what writers still hold in memory: the result writer's queue and the held
 * writes registered with `holdsWrites`, which ride along with it.
 */
export interface Settler {
  settle(): void;
  /** Registers held writes with the result writer; returns their removal. */
  holdsWrites(h: HeldWrites): () => void;
}

/**
 * A review store needs no flag here: nothing registers held writes with it (the monitoring
 * pipeline does not run) and its result writer has nothing queued, so settling finds nothing to write.
 */
export function createSettler(results: { settle(): void; hold(h: HeldWrites): () => void }): Settler {
  return { settle: () => results.settle(), holdsWrites: (h) => results.hold(h) };
}

export interface TableDeps {
  /** The connection: writable, or (review mode) read-only only. */
  db: { read: ReadableDB; write: WritableDB | undefined };
  now: () => number;
  marks: () => RollupMarks;
  settle: () => void;
}

export function createTables({ db, now, marks, settle }: TableDeps): StoreTables {
  const r = db.read;
  const settled =
    <A extends unknown[], R>(f: (...a: A) => R) =>
    (...a: A): R => {
      settle();
      return f(...a);
    };
  // Prepared once each; the settled readers and the pipeline's writers share them.
  const incidentParts = once(() => ({
    read: createIncidentReads(r),
    write: db.write && createIncidentWrites(db.write),
  }));
  const degradedParts = once(() => ({
    read: createDegradedReads(r),
    write: db.write && createDegradedWrites(db.write),
  }));
  return lazily<StoreTables>({
    incidentWriter: () => joined(incidentParts().read, incidentParts().write, INCIDENT_WRITES),
    degradedWriter: () => joined(degradedParts().read, degradedParts().write, DEGRADED_WRITES),
    incidents: () => {
      const { read: t, write } = incidentParts();
      const reads = {
        get: settled(t.get),
        list: settled(t.list),
        openIncidents: settled(t.openIncidents),
        overlapping: settled(t.overlapping),
      };
      return joined(reads, write, INCIDENT_WRITES);
    },
    degraded: () => {
      const { read: t, write } = degradedParts();
      return joined({ ...t, list: settled(t.list) }, write, DEGRADED_WRITES);
    },
    gaps: () => createGapStore(db),
    states: () => createStateStore(db),
    accounting: () => {
      const t = createAccountingSource(r);
      return { ...t, timelines: settled(t.timelines), gaps: settled(t.gaps) };
    },
    dashboard: () => settled(createDashboardQuery(r, marks)),
    latencyDetail: () => settled(createLatencyDetailQuery(r, marks)),
    history: () => {
      const t = createHistoryReader(r);
      return { ...t, count: settled(t.count), monitors: settled(t.monitors) };
    },
    drafts: () => createDraftStore(db, now),
    draftSends: () => createDraftSendStore(db),
    windows: () => createWindowTable(db, now),
    channels: () => createChannelStore(db, now),
    outbox: () => createOutboxStore(db),
    escalations: () => createEscalationStore(db),
    deploys: () => createDeployStore(db),
    vantageResults: () => createVantageResultStore(db),
    workspace: () => createWorkspaceStore(db, now),
    probeMemory: () => db.write && createProbeMemoryStore(db.write),
    loadChecks: () => db.write && createLoadCheckStore(db.write),
  });
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** An object whose every property is made on first read, then kept. */
function lazily<T extends object>(make: { [K in keyof T]: () => T[K] }): T {
  const out = {} as T;
  for (const key of Object.keys(make) as (keyof T)[]) {
    let made = false;
    let value: T[typeof key];
    Object.defineProperty(out, key, {
      enumerable: true,
      get: () => {
        if (!made) {
          value = make[key]();
          made = true;
        }
        return value;
      },
    });
  }
  return out;
}
