import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { runLookout } from '../../electron/cli/workspace-commands';
import { startCore, type Core } from '../../electron/core/app';
import { openSecrets } from '../../electron/core/secrets/monitor-secrets';
import { applyWorkspace } from '../../electron/core/workspace/apply';
import { exportWorkspace } from '../../electron/core/workspace/export';
import { openWorkspaceDb } from '../../electron/core/workspace/open';
import { freshDb, parsed, SAMPLE } from './workspace-fixture';

const env = { API_TOKEN: 'tok-1' };
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function cli(args: string[], e: Record<string, string | undefined> = env, stdin = '') {
  let out = '';
  let err = '';
  const code = await runLookout(args, {
    out: (t) => (out += `${t}\n`),
    err: (t) => (err += `${t}\n`),
    env: e,
    stdin: () => Promise.resolve(stdin),
  });
  return { code, out, err };
}

function tempFile(name: string, text: string): string {
  const p = path.join(mkdtempSync(path.join(tmpdir(), 'lookout-ws-file-')), name);
  writeFileSync(p, text);
  return p;
}

describe('apply', () => {
  test('secrets: ${env:…} and ${secret:…} are resolved when applied and sealed at rest', async () => {
    const d = freshDb();
    d.close();
    expect(await cli(['secret', 'set', 'oncall-token', '--db', d.path], env, 'hunter2\n')).toMatchObject({ code: 0 });
    const file = tempFile(
      'w.yaml',
      SAMPLE.replace(
        'headers: { Authorization: "Bearer ${env:API_TOKEN}" }',
        'headers: { Authorization: "Bearer ${env:API_TOKEN}", X-Pager: "${secret:oncall-token}" }\n      secretHeaders: [X-Pager]',
      ),
    );
    const r = await cli(['apply', file, '--db', d.path]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain('Applied to');

    const o = openWorkspaceDb(d.path);
    cleanup.push(() => o.close());
    const m = o.tables.monitors.list().find((x) => x.name === 'API health')!;
    if (m.kind !== 'http') throw new Error('kind');
    expect(m.config.headers.Authorization).toMatch(/^lookout-secret:/);
    expect(openSecrets(m, o.tables.box).config.headers).toEqual({
      Authorization: 'Bearer tok-1',
      'X-Pager': 'hunter2',
    });
    const raw = new Database(d.path, { readonly: true });
    cleanup.push(() => raw.close());
    expect(JSON.stringify(raw.prepare('SELECT config FROM monitors').all())).not.toMatch(/tok-1|hunter2/);
    // Exported as the references it was applied with.
    const text = exportWorkspace(o.tables).text;
    expect(text).toContain('Authorization: Bearer ${env:API_TOKEN}');
    expect(text).toContain('X-Pager: ${secret:oncall-token}');
  });

  test('plan for a machine with no database yet writes nothing; export needs a database', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lookout-ws-none-'));
    const db = path.join(dir, 'lookout.db');
    const r = await cli(['plan', tempFile('w.yaml', SAMPLE), '--db', db]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`note: no database at ${db} yet; planned against an empty one\n`);
    expect(r.out).toContain('+ monitor api-health "API health": create');
    expect(existsSync(db)).toBe(false);
    expect(await cli(['export', '--db', db])).toMatchObject({ code: 1, err: `No Lookout database at ${db}\n` });
  });

  test('an invalid file changes nothing, and plan exits 2 only when there are changes', async () => {
    const d = freshDb();
    applyWorkspace(parsed(SAMPLE, env), d.tables, { prune: false, env });
    const before = exportWorkspace(d.tables).text;
    d.close();
    const bad = tempFile(
      'bad.yaml',
      SAMPLE.replace('intervalSec: 30', 'intervalSec: 31').replace('durationMin: 90', 'durationMin: 0'),
    );
    const r = await cli(['apply', bad, '--db', d.path]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}:23:18: windows.0.durationMin: Duration must be at least 1 minute`);
    expect((await cli(['plan', tempFile('same.yaml', SAMPLE), '--db', d.path])).code).toBe(0);
    const changed = await cli([
      'plan',
      tempFile('c.yaml', SAMPLE.replace('intervalSec: 30', 'intervalSec: 31')),
      '--db',
      d.path,
    ]);
    expect(changed.code).toBe(2);
    expect(changed.out).toContain('    intervalSec: 30 -> 31');
    expect((await cli(['export', '--db', d.path])).out).toBe(before);
  });

  test('all or nothing: a failure after some sections were written leaves every row as it was', () => {
    const d = freshDb();
    cleanup.push(() => d.close());
    applyWorkspace(parsed(SAMPLE, env), d.tables, { prune: false, env });
    const before = exportWorkspace(d.tables).text;
    const next = parsed(
      SAMPLE.replace('intervalSec: 30', 'intervalSec: 45').replace('durationMin: 90', 'durationMin: 120'),
      env,
    );
    expect(() =>
      applyWorkspace(next, d.tables, {
        prune: true,
        env,
        afterSection: (k) => {
          if (k === 'windows') throw new Error('disk full');
        },
      }),
    ).toThrow('disk full');
    expect(exportWorkspace(d.tables).text).toBe(before);
  });

  describe('SIGKILL in the middle of apply', () => {
    let child: string;
    afterAll(() => rmSync(path.dirname(child), { recursive: true, force: true }));
    beforeAll(async () => {
      // Inside the checkout so the bundle's bare imports (zod, yaml, better-sqlite3) resolve from node_modules.
      child = path.join(
        mkdtempSync(path.join(path.resolve(import.meta.dirname, '../../.cache'), 'workspace-child-')),
        'apply.mjs',
      );
      await build({
        entryPoints: [path.join(import.meta.dirname, 'workspace-apply.child.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        packages: 'external',
        outfile: child,
        logLevel: 'silent',
        absWorkingDir: path.resolve(import.meta.dirname, '../..'),
      });
    });

    test('leaves the database as it was before', async () => {
      const d = freshDb();
      applyWorkspace(parsed(SAMPLE, env), d.tables, { prune: false, env });
      const before = exportWorkspace(d.tables).text;
      d.close();
      const monitors = Array.from(
        { length: 300 },
        (_, i) => `  - { id: m${i}, name: Monitor ${i}, kind: tcp, config: { host: 127.0.0.1, port: ${1000 + i} } }`,
      ).join('\n');
      const file = tempFile('big.yaml', `version: 1\nmonitors:\n${monitors}\n`);
      const proc = spawn(process.execPath, [child, d.path, file], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      proc.stderr.on('data', (b: Buffer) => (err += b.toString()));
      const midway = await new Promise<string>((resolve, reject) => {
        proc.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          if (out.includes('\n')) resolve(out);
        });
        proc.once('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
      });
      // Inside the transaction: the child sees its 300 monitors (and the 2 it pruned are gone).
      expect(midway).toBe('midway 300\n');
      const exited = new Promise((r) => proc.once('exit', (_c, signal) => r(signal)));
      proc.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const o = openWorkspaceDb(d.path);
      cleanup.push(() => o.close());
      const check = new Database(d.path, { readonly: true });
      cleanup.push(() => check.close());
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(o.tables.monitors.list().map((m) => m.name)).toEqual(['API health', 'Stream origin']);
      expect(exportWorkspace(o.tables).text).toBe(before);
    }, 30_000);
  });
});

describe('the console workspace methods', () => {
  test('plan by path, apply on confirmation; a file changed since the plan is refused', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lookout-ws-api-'));
    const core: Core = await startCore({ dbPath: path.join(dir, 'lookout.db'), mode: 'serve', version: 'test' });
    cleanup.push(() => core.close());
    const call = async (method: 'workspace.plan' | 'workspace.apply', input: unknown) => {
      const r = await core.dispatch(method, input);
      if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
      return r.result as {
        ok: boolean;
        counts: { create: number };
        digest: string;
        modifiedAt: number | null;
        applied?: boolean;
        issues: unknown[];
      };
    };
    const file = path.join(dir, 'lookout.yaml');
    const one =
      'version: 1\nmonitors:\n  - { id: a, name: A, kind: tcp, paused: true, config: { host: 127.0.0.1, port: 9 } }\n';
    writeFileSync(file, one);
    const plan = await call('workspace.plan', { path: file });
    expect(plan).toMatchObject({ ok: true, counts: { create: 1 }, modifiedAt: expect.any(Number) as unknown });

    writeFileSync(file, one.replace('name: A', 'name: B'));
    await expect(call('workspace.apply', { path: file, digest: plan.digest })).rejects.toMatchObject({
      code: 'conflict',
    });
    const again = await call('workspace.plan', { path: file });
    expect(await call('workspace.apply', { path: file, digest: again.digest })).toMatchObject({
      ok: true,
      applied: true,
    });
    const list = await core.dispatch('monitors.list', {});
    expect(list.ok && (list.result as { name: string }[]).map((m) => m.name)).toEqual(['B']);

    expect(await call('workspace.plan', { path: path.join(dir, 'nope.yaml') })).toMatchObject({
      ok: false,
      issues: [{ line: 1, col: 1, path: '', message: 'The file does not exist' }],
    });
    const both = await core.dispatch('workspace.plan', { path: file, text: one });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
