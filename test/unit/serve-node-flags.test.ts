import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVE_NODE_FLAGS } from '../../electron/serve/node-flags';

describe('serve mode V8 flags', () => {
  it('the serve script starts node with exactly the flags the kuma-protocol bench measures', () => {
    const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const run = /node ((?:--\S+ )*)dist\/electron\/serve\.js/.exec(pkg.scripts.serve!);
    expect(run, pkg.scripts.serve).not.toBeNull();
    expect(run![1]!.trim().split(' ').filter(Boolean)).toEqual(SERVE_NODE_FLAGS);
  });
});
