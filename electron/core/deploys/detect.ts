import type { Detector } from '../../../shared/deploys';
import type { Monitor } from '../../../shared/monitor';
import type { DeployStore } from '../store/deploys';

/**
 * Deploys detected from the platform itself: for monitors given a version header or JSON field,
 * the console asks the monitor's URL once a minute (its own small GET, apart from the probe, so
 * probes stay as they are) and records a deploy when the version changes. The first answer is the
 * baseline; nothing is recorded for it.
 */

const MAX_BODY = 64 * 1024;
const TIMEOUT_MS = 5000;

/** The monitor's own URL (http and page kinds), or null. */
export function detectUrl(m: Monitor): string | null {
  const url = (m.config as { url?: unknown }).url;
  return typeof url === 'string' && /^https?:\/\//.test(url) ? url : null;
}

export async function readVersion(url: string, d: Detector): Promise<string | null> {
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
  if (d.header) {
    await res.body?.cancel();
    return res.headers.get(d.header);
  }
  const text = (await res.text()).slice(0, MAX_BODY);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  for (const k of d.jsonField!.split('.'))
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
}

export interface DetectDeps {
  table: DeployStore;
  monitor(id: number): Monitor | undefined;
  now(): number;
  windowMin: number;
  /** A deploy recorded: the service emits it and judges it later like any other. */
  onDeploy(id: number): void;
}

/** One pass over the detectors: the versions seen now, against the last recorded or seen. */
export async function detectOnce(
  detectors: readonly Detector[],
  seen: Map<number, string>,
  deps: DetectDeps,
): Promise<number> {
  let recorded = 0;
  await Promise.all(
    detectors.map(async (d) => {
      const m = deps.monitor(d.monitorId);
      const url = m && detectUrl(m);
      if (!m || !url) return;
      let version: string | null;
      try {
        version = await readVersion(url, d);
      } catch {
        return; // down or slow: the monitor's own probe reports that
      }
      if (version === null || version === '') return;
      const last = seen.get(m.id) ?? deps.table.lastDetected(m.id);
      seen.set(m.id, version);
      if (last === undefined || last === version) return;
      const where = d.header ? `header ${d.header}` : `JSON field ${d.jsonField}`;
      const dep = deps.table.insert(
        {
          at: deps.now(),
          group: null,
          monitorIds: [m.id],
          version,
          note: `Detected: ${where} changed from ${last}`,
          source: 'detected',
          windowMin: deps.windowMin,
        },
        deps.now(),
      );
      recorded++;
      deps.onDeploy(dep.id);
    }),
  );
  return recorded;
}
