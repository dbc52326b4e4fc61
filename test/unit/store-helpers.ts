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
