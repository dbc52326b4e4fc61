import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { MonitorDraft } from '../../shared/monitor';
import type { ProbeResult } from '../../shared/result';
import { openStore, type Store, type StoreOptions } from '../../electron/core/store';

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

/**
 * For a test file: `open(name)` opens a store on a new temporary file; each is closed and its folder
 * removed after the test that opened it.
 */
export function storePerTest(): (name: string, opts?: Omit<StoreOptions, 'path'>) => { s: Store; file: string } {
  const opened: { store: Store; tmp: ReturnType<typeof tempDir> }[] = [];
  afterEach(() => {
    for (const { store, tmp } of opened.splice(0)) {
      store.close();
      tmp.cleanup();
    }
  });
  return (name, opts = {}) => {
    const tmp = tempDir();
    const file = tmp.file(name);
    const store = openStore({ ...opts, path: file });
    opened.push({ store, tmp });
    return { s: store, file };
  };
}
