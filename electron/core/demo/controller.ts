import { MonitorDraft } from '../../../shared/monitor';
import type { Store } from '../store';
import type { DemoFaultName, DemoFaults } from '../../../shared/demo';
import { applyDemoFaults } from './faults';
import { startPlatform, type Platform, type Target } from './platform';
import { demoMonitors } from './workspace';

const PORTS_KEY = 'demo.ports';

export interface DemoController {
  readonly platform: Platform | undefined;
  /** Starts the platform and creates the demo monitors; returns how many were created. */
  load(): Promise<number>;
  /** Restarts the platform for a workspace that had the demo loaded before, keeping its monitors green. */
  resume(): Promise<void>;
  /** The named faults now acted out; `running` is false when the platform is not started. */
  faults(): DemoFaults;
  /** Turns one named fault on or off (`undefined` = clear them all); undefined when the platform is not running. */
  setFault(name: DemoFaultName | undefined, on: boolean): DemoFaults | undefined;
  close(): Promise<void>;
}

/**
 * Runs the demo platform on loopback. Its ports are remembered so the demo monitors stored in the
 * database keep pointing at it after a restart; if a port was taken meanwhile, the monitors are
 * moved to the new one.
 */
export function createDemoController(store: Store, onMonitorsChanged: () => void): DemoController {
  let platform: Platform | undefined;
  // Kept here, not in the database: a restarted platform starts healthy, and so does this set.
  const active = new Set<DemoFaultName>();
  const faults = (): DemoFaults => ({ running: platform !== undefined, active: [...active].sort() });

  async function start(): Promise<Platform> {
    if (platform) return platform;
    const saved = readPorts(store.settings.get(PORTS_KEY));
    try {
      platform = await startPlatform(saved ? { ports: saved } : {});
    } catch {
      platform = await startPlatform();
    }
    if (saved) relocate(saved, platform.ports);
    store.settings.set(PORTS_KEY, JSON.stringify(platform.ports));
    return platform;
  }

  function relocate(from: Record<Target, number>, to: Record<Target, number>): void {
    const moves = (Object.keys(from) as Target[])
      .filter((t) => from[t] !== to[t])
      .map((t) => [`http://127.0.0.1:${from[t]}/`, `http://127.0.0.1:${to[t]}/`] as const);
    if (moves.length === 0) return;
    let moved = false;
    for (const m of store.monitors.list()) {
      // Every URL in the config moves, wherever the kind keeps it (an hls url, a submit step's url).
      const config = rebaseUrls(m.config, moves);
      if (JSON.stringify(config) === JSON.stringify(m.config)) continue;
      const { id: _id, createdAt: _c, ...draft } = m;
      store.monitors.update(m.id, MonitorDraft.parse({ ...draft, config }));
      moved = true;
    }
    if (moved) onMonitorsChanged();
  }

  return {
    get platform() {
      return platform;
    },
    async load() {
      const p = await start();
      const drafts = demoMonitors(p).map((d) => MonitorDraft.parse(d));
      for (const d of drafts) store.monitors.create(d);
      return drafts.length;
    },
    async resume() {
      if (store.settings.get(PORTS_KEY)) await start();
    },
    faults,
    setFault(name, on) {
      if (!platform) return undefined;
      if (name === undefined) active.clear();
      else if (on) active.add(name);
      else active.delete(name);
      applyDemoFaults(platform, active);
      return faults();
    },
    async close() {
      await platform?.close();
      platform = undefined;
      active.clear();
    },
  };
}

function readPorts(raw: string | undefined): Record<Target, number> | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<Record<Target, unknown>>;
    if ([v.web, v.api, v.hls].every((p) => Number.isInteger(p))) return v as Record<Target, number>;
  } catch {
    // A damaged setting just means fresh ports.
  }
  return undefined;
}

function rebaseUrls(value: unknown, moves: readonly (readonly [string, string])[]): unknown {
  if (typeof value === 'string') {
    const hit = moves.find(([before]) => value.startsWith(before));
    return hit ? hit[1] + value.slice(hit[0].length) : value;
  }
  if (Array.isArray(value)) return value.map((v) => rebaseUrls(v, moves));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rebaseUrls(v, moves)]));
  }
  return value;
}
