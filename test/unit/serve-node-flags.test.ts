import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVE_NODE_FLAGS } from '../../electron/serve/node-flags';

describe('serve mode V8 flags', () => {
  // `npm start` falls back to serve mode in the same process where Electron cannot run, so it
  // needs the flags too.
  it.each([
    ['serve', 'serve'],
    ['start', 'start'],
  ])('the %s script starts node with exactly the flags the kuma-protocol bench measures', (script, entry) => {
    const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const run = new RegExp(`node ((?:--\\S+ )*)dist/electron/${entry}\\.js`).exec(pkg.scripts[script]!);
    expect(run, pkg.scripts[script]).not.toBeNull();
    expect(run![1]!.trim().split(' ').filter(Boolean)).toEqual(SERVE_NODE_FLAGS);
  });

  // The e2e harness and the startup bench start serve.js themselves: what they test is what runs.
  it.each(['test/e2e/support.ts', 'test/bench/startup.bench.ts'])('%s spawns serve.js with the same flags', (file) => {
    const text = readFileSync(path.join(import.meta.dirname, '../..', file), 'utf8');
    const spawns = text.match(/spawn\(\s*process\.execPath,\s*\[[^\]]*serve(Js|\.js)[^\]]*\]/g) ?? [];
    expect(spawns.length, file).toBeGreaterThan(0);
    for (const s of spawns) expect(s, file).toContain('...SERVE_NODE_FLAGS');
  });
});
