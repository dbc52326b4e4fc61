/**
 * Drafts preview while typing: one `drafts.preview` call per keystroke in the announce email body
 * (the edited part is new text each time: parse + variable check + render; the other parts come
 * from the parse cache), against the same call with unchanged text (all cached), in the same run.
 * Goal: the keystroke preview's p95 stays under 16 ms (one frame), so typing never waits on it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_TEMPLATES } from '../../electron/core/drafts/defaults';
import { createDraftsHandlers } from '../../electron/core/drafts/service';
import { openStore } from '../../electron/core/store';
import { createDraftStore } from '../../electron/core/store/drafts';
import { Settings } from '../../shared/settings';
import { tableDbOf } from '../../electron/core/store/connection';

const KEYSTROKES = 400;
const dir = mkdtempSync(path.join(tmpdir(), 'lookout-bench-drafts-'));
const store = openStore({ path: path.join(dir, 'drafts.db') });
try {
  const settings = Settings.parse({ audienceZones: ['Europe/London', 'America/New_York', 'Asia/Kolkata'] });
  const window = {
    title: 'Database upgrade',
    description: 'The primary database moves to new hardware.',
    start: Date.UTC(2026, 6, 5, 0),
    end: Date.UTC(2026, 6, 5, 2, 30),
    durationMin: 150,
    zone: 'Africa/Johannesburg',
    recurrenceText: 'every Sunday at 02:00',
    services: ['Live streaming', 'Task submissions', 'Web'],
    monitors: ['Ingest', 'Submit API'],
  };
  const svc = createDraftsHandlers({
    store: createDraftStore(tableDbOf(store), Date.now),
    settings: { get: () => settings },
    now: Date.now,
    resolveSource: () => window,
    sourceVersion: () => 1,
  });
  const source = { kind: 'window' as const, windowId: 1 };
  const base = DEFAULT_TEMPLATES.announce.body;
  const time = (body: string) => {
    const t = performance.now();
    const out = svc['drafts.preview']({ step: 'announce', source, parts: { body }, channel: 'email' });
    if (out.issues.length) throw new Error(out.issues[0]!.message);
    return performance.now() - t;
  };
  for (let i = 0; i < 50; i++) time(`${base} warm ${i}`);
  const typing: number[] = [];
  const cached: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    typing.push(time(`${base}\n${'x'.repeat(i)}`));
    cached.push(time(base));
  }
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)]!;
  const p95 = pct(typing, 0.95);
  const ref = pct(cached, 0.95);
  console.log(
    `keystroke preview (email, new body text): median ${pct(typing, 0.5).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms over ${KEYSTROKES}`,
  );
  console.log(
    `unchanged text (parse cached):            median ${pct(cached, 0.5).toFixed(2)} ms, p95 ${ref.toFixed(2)} ms`,
  );
  console.log(
    JSON.stringify({
      bench: 'drafts-preview',
      value: Math.round(p95 * 100) / 100,
      unit: 'ms',
      ref: Math.round(ref * 100) / 100,
      ratio: Math.round((p95 / ref) * 100) / 100,
      goal: 'p95 <= 16 ms',
      pass: p95 <= 16,
    }),
  );
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
