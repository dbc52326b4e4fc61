// local/code-layering: which layer may import what (ARCHITECTURE.md "Layers").
// Modelled on vscode's local/code-layering: the rule runs in the editor, so a violation shows where
// it is typed instead of in a test run later. Each layer names the folder it covers and the
// specifiers it may not reach; relative specifiers are resolved against the repository root first.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** @type {import('eslint').Rule.RuleModule} */
export const codeLayering = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep each layer to the imports ARCHITECTURE.md allows it' },
    schema: [
      {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            layer: { type: 'string' },
            files: { type: 'string' },
            except: { type: 'array', items: { type: 'string' } },
            bare: { type: 'object' },
            within: { type: 'array', items: { type: 'string' } },
            forbidden: { type: 'array', items: { type: 'string' } },
            reason: { type: 'string' },
          },
          required: ['layer', 'files', 'reason'],
          additionalProperties: false,
        },
      },
    ],
    messages: {
      layering: "{{layer}} may not import '{{spec}}': {{reason}}",
    },
  },
  create(context) {
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
    const layers = (context.options[0] ?? []).filter(
      (l) => file.startsWith(l.files) && !(l.except ?? []).some((e) => file.startsWith(e)),
    );
    if (layers.length === 0) return {};

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const relative = spec.startsWith('.');
      const target = relative
        ? path
            .relative(ROOT, path.resolve(path.dirname(context.filename), spec))
            .split(path.sep)
            .join('/')
        : undefined;
      for (const l of layers) {
        let bad = false;
        if (target !== undefined) {
          if (l.within && !l.within.some((w) => target.startsWith(w))) bad = true;
          if ((l.forbidden ?? []).some((f) => target.startsWith(f))) bad = true;
        } else if (l.bare) {
          const { allow, deny } = l.bare;
          if (allow && !allow.some((a) => spec === a || spec.startsWith(`${a}/`))) bad = true;
          if (deny && deny.some((d) => new RegExp(d).test(spec))) bad = true;
        }
        if (bad) context.report({ node, messageId: 'layering', data: { layer: l.layer, spec, reason: l.reason } });
      }
    }

    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n.source, n.source.value),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal') {
          check(n.arguments[0], n.arguments[0].value);
        }
      },
      TSImportType: (n) => {
        // typescript-eslint 8 names it `source` (a Literal); older trees had `argument` (TSLiteralType).
        const node = 'source' in n && n.source ? n.source : n.argument;
        const arg = node?.type === 'TSLiteralType' ? node.literal : node;
        if (arg?.type === 'Literal') check(arg, arg.value);
      },
    };
  },
};
