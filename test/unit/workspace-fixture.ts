import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openWorkspaceDb, type OpenedWorkspace } from '../../electron/core/workspace/open';
import { validateWorkspace, type Workspace } from '../../electron/core/workspace/validate';

/** A fresh database in its own folder (its secrets key file beside it), opened as the CLI opens one. */
export function freshDb(name = 'lookout.db'): OpenedWorkspace & { path: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-ws-'));
  const p = path.join(dir, name);
  return { ...openWorkspaceDb(p), path: p };
}

export function parsed(
  text: string,
  env: Record<string, string | undefined> = {},
  secretExists?: (n: string) => boolean,
): Workspace {
  const r = validateWorkspace(text, { env, ...(secretExists ? { secretExists } : {}) });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`).join('\n'));
  return r.workspace;
}

export const SAMPLE = `version: 1
groups:
  Live streaming: { sloTarget: 0.995 }
monitors:
  - id: api-health
    name: API health
    group: Task submissions
    kind: http
    intervalSec: 30
    config:
      url: http://127.0.0.1:9/health
      headers: { Authorization: "Bearer \${env:API_TOKEN}" }
  - id: stream-origin
    name: Stream origin
    group: Live streaming
    kind: tcp
    config: { host: 127.0.0.1, port: 9 }
windows:
  - id: sunday-upgrade
    title: Sunday upgrade
    start: 2026-03-08T02:30
    zone: Europe/London
    durationMin: 90
    monitors: [api-health]
    recurrence: { pattern: { freq: weekly, days: [SU] }, count: 10 }
peaks:
  - id: final
    title: Cup final stream
    kind: live_stream
    start: 2026-05-30T19:00
    zone: Africa/Johannesburg
    durationMin: 180
templates:
  announce:
    subject: "Planned work: {{ window.title }}"
`;
