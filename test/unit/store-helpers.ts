import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MonitorDraft } from '../../shared/monitor';
import type { ProbeResult } from '../../shared/result';

export function tempDir(): { dir: string; file(name: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-store-'));
  return { dir, file: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function draft(name = 'Web', url = 'https://example.com/health'): MonitorDraft {
  return MonitorDraft.parse({ name, kind: 'http', config: { url } });
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function result(monitorId: number, ts: number, over: Partial<ProbeResult> = {}): ProbeResult {
  return { monitorId, ts, status: 'up', latencyMs: 100, inMaintenance: false, ...over };
}

/** A clock whose time moves only when the test says; timers fire in order inside advance(). */
export function manualClock(start: number) {
  let t = start;
  let seq = 0;
  const timers = new Map<number, { due: number; fn: () => void }>();
  return {
    now: () => t,
    setTimeout(fn: () => void, ms: number) {
      const id = ++seq;
      timers.set(id, { due: t + Math.max(0, ms), fn });
      return id as unknown as ReturnType<typeof setTimeout>;
    },
    clearTimeout(h: unknown) {
      timers.delete(h as number);
    },
    advance(ms: number) {
      const target = t + ms;
      for (;;) {
        const next = [...timers.entries()].filter(([, v]) => v.due <= target).sort((a, b) => a[1].due - b[1].due || a[0] - b[0])[0];
        if (!next) break;
        timers.delete(next[0]);
        t = next[1].due;
        next[1].fn();
      }
      t = target;
    },
  };
}
