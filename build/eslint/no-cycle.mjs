// local/no-import-cycle: no module may reach itself through its imports, type-only imports included.
// import-x/no-cycle skips `import type`, and the one cycle this tree had was type-only
// (app.ts -> database/host.ts -> app.ts), so the project counts every edge. The graph is read with
// TypeScript's own pre-processor (accurate for import/export/require/import()), and Tarjan's
// strongly connected components are computed once per few seconds, not once per file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FOLDERS = ['electron', 'renderer', 'shared', 'test', 'build'];
const EXT = ['.ts', '.tsx', '.mts', '.mjs', '.js'];
const FRESH_MS = 5000;

function walk(dir, out) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (EXT.some((e) => name.endsWith(e)) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The file a relative specifier names, as the bundler and TypeScript would pick it. */
export function resolveSpecifier(from, spec, exists) {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  const stem = base.replace(/\.(m?js)$/, '');
  const candidates = [
    base,
    ...EXT.map((e) => stem + e),
    ...EXT.map((e) => base + e),
    ...EXT.map((e) => path.join(base, `index${e}`)),
  ];
  return candidates.find((c) => exists.has(c));
}

/** Every project file and the project files it imports (with the specifier used). */
export function importGraph(files, read = (f) => readFileSync(f, 'utf8')) {
  const exists = new Set(files);
  const edges = new Map();
  for (const file of files) {
    const info = ts.preProcessFile(read(file), true, true);
    const out = [];
    for (const ref of info.importedFiles) {
      const target = resolveSpecifier(file, ref.fileName, exists);
      if (target && target !== file) out.push({ spec: ref.fileName, target });
    }
    edges.set(file, out);
  }
  return edges;
}

/** Tarjan: the component id of every node that sits on a cycle. */
export function cyclicComponents(edges) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const component = new Map();
  let next = 0;
  const connect = (v) => {
    // Iterative so a deep import chain cannot overflow the stack.
    const work = [[v, 0]];
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    while (work.length) {
      const frame = work[work.length - 1];
      const [node, i] = frame;
      const out = edges.get(node) ?? [];
      if (i < out.length) {
        frame[1]++;
        const w = out[i].target;
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(node, Math.min(low.get(node), idx.get(w)));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === idx.get(node)) {
        const members = [];
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          members.push(w);
        } while (w !== node);
        if (members.length > 1) {
          const id = next++;
          for (const m of members) component.set(m, id);
        }
      }
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) connect(v);
  return component;
}

/** The shortest import path from `from` back to `to`, for the message. */
function pathBack(edges, from, to) {
  const prev = new Map([[from, undefined]]);
  const queue = [from];
  while (queue.length) {
    const v = queue.shift();
    if (v === to) break;
    for (const { target } of edges.get(v) ?? []) {
      if (!prev.has(target)) {
        prev.set(target, v);
        queue.push(target);
      }
    }
  }
  const chain = [];
  for (let v = to; v !== undefined; v = prev.get(v)) chain.unshift(v);
  return chain;
}

/** Every project source file the rule looks at (absolute paths). */
export function projectFiles() {
  return FOLDERS.flatMap((f) => walk(path.join(ROOT, f), []));
}

let cached;
function analysis() {
  if (!cached || Date.now() - cached.at > FRESH_MS) {
    const files = projectFiles();
    const edges = importGraph(files);
    cached = { at: Date.now(), edges, component: cyclicComponents(edges) };
  }
  return cached;
}

const rel = (f) => path.relative(ROOT, f).split(path.sep).join('/');

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between project modules, type-only imports included' },
    schema: [],
    messages: { cycle: 'Import cycle: {{chain}}. Move what both sides need into a module neither imports.' },
  },
  create(context) {
    const file = context.filename;
    const { edges, component } = analysis();
    const mine = component.get(file);
    if (mine === undefined) return {};
    const reported = new Set();
    const check = (node, spec) => {
      if (typeof spec !== 'string' || reported.has(spec)) return;
      const edge = (edges.get(file) ?? []).find((e) => e.spec === spec);
      if (!edge || component.get(edge.target) !== mine) return;
      reported.add(spec);
      const chain = [file, ...pathBack(edges, edge.target, file)].map(rel).join(' -> ');
      context.report({ node, messageId: 'cycle', data: { chain } });
    };
    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n.source, n.source.value),
    };
  },
};
