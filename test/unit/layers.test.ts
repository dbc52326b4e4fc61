import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Layering is enforced, not hoped for (ARCHITECTURE.md): the core runs under plain Node, the
// renderer never reaches into the main process, and shared/ depends on nothing but zod.
const ROOT = path.resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...files(rel));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** Every module specifier a file imports, re-exports or requires. */
function imports(file: string): string[] {
  const src = readFileSync(path.join(ROOT, file), 'utf8');
  const specs: string[] = [];
  const re =
    /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
  for (const m of src.matchAll(re)) specs.push((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  return specs;
}

function resolvedTop(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec));
}

function violations(dir: string, bad: (spec: string, target: string | undefined) => boolean): string[] {
  return files(dir).flatMap((f) =>
    imports(f)
      .filter((s) => bad(s, resolvedTop(f, s)))
      .map((s) => `${f} imports ${s}`),
  );
}

describe('layers', () => {
  it('the scanner sees imports (guards against a regex that matches nothing)', () => {
    expect(imports('electron/core/app.ts')).toContain('./store');
    expect(imports('electron/main.ts')).toContain('electron');
  });

  it('electron/core never imports electron, the DOM or renderer code', () => {
    expect(
      violations(
        'electron/core',
        (s, t) =>
          s === 'electron' ||
          s.startsWith('electron/') ||
          /^(react|react-dom|recharts)/.test(s) ||
          (t?.startsWith('renderer') ?? false),
      ),
    ).toEqual([]);
  });

  it('renderer never imports electron, node built-ins or main-process code', () => {
    expect(
      violations(
        'renderer',
        (s, t) => s === 'electron' || s.startsWith('node:') || (t?.startsWith('electron') ?? false),
      ).filter((v) => !v.startsWith('renderer/vite.config.ts')),
    ).toEqual([]);
  });

  it('shared imports nothing but zod and itself', () => {
    expect(violations('shared', (s, t) => (t === undefined ? s !== 'zod' : !t.startsWith('shared')))).toEqual([]);
  });
});
