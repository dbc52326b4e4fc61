import { maskSecrets, SECRET_MASK } from '../secrets/monitor-secrets';
import type { ProbeSpec } from '../../../shared/monitor';
import type { CheckEnv, SectionIssue } from './sections/types';

/**
 * Secrets in a workspace file are references, never values: `${env:NAME}` is read from the
 * environment of whoever applies the file, `${secret:name}` from the console's named secrets
 * (sealed, `lookout secret set NAME`). Which headers are secret is the monitor's own rule
 * (secrets/monitor-secrets.ts), so the file and the console never disagree about it.
 */
const REF = /\$\{(\w+):([A-Za-z0-9_.-]+)\}/g;

export interface Ref {
  scheme: string;
  name: string;
  text: string;
}

export function refsIn(text: string): Ref[] {
  return [...text.matchAll(REF)].map((m) => ({ scheme: m[1]!, name: m[2]!, text: m[0] }));
}

/** Every secret header of a probe spec: path inside the monitor (`config.headers.Authorization`) -> value. */
export function secretHeaders(spec: ProbeSpec): Map<string, string> {
  const masked = maskSecrets(spec);
  const out = new Map<string, string>();
  const add = (prefix: string, plain: Record<string, string>, shown: Record<string, string>) => {
    for (const [name, value] of Object.entries(plain))
      if (shown[name] === SECRET_MASK && value !== SECRET_MASK) out.set(`${prefix}.${name}`, value);
  };
  if (spec.kind === 'http' && masked.kind === 'http') add('config.headers', spec.config.headers, masked.config.headers);
  if (spec.kind === 'submit' && masked.kind === 'submit')
    spec.config.steps.forEach((s, i) => add(`config.steps.${i}.headers`, s.headers, masked.config.steps[i]!.headers));
  return out;
}

export function checkSecretRefs(spec: ProbeSpec, env: CheckEnv, at: (string | number)[]): SectionIssue[] {
  const issues: SectionIssue[] = [];
  for (const [path, value] of secretHeaders(spec))
    issues.push(
      ...checkSecretText(
        value,
        env,
        [...at, ...path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))],
        'A secret header',
      ),
    );
  return issues;
}

/** One secret value of the file: it must be (or contain) references, and each must resolve. */
export function checkSecretText(
  value: string,
  env: CheckEnv,
  where: (string | number)[],
  what: string,
): SectionIssue[] {
  const refs = refsIn(value);
  if (refs.length === 0)
    return [
      {
        path: where,
        message: `${what} holds a literal value; write a reference such as \${env:API_TOKEN} or \${secret:api-token} instead`,
      },
    ];
  const issues: SectionIssue[] = [];
  for (const r of refs) {
    if (r.scheme === 'env') {
      if (env.env[r.name] === undefined)
        issues.push({ path: where, message: `${r.text}: the environment variable ${r.name} is not set` });
    } else if (r.scheme === 'secret') {
      if (env.secretExists && !env.secretExists(r.name))
        issues.push({
          path: where,
          message: `${r.text}: no secret named ${r.name} in the console (add it with \`lookout secret set ${r.name}\`)`,
        });
    } else
      issues.push({
        path: where,
        message: `${r.text}: unknown reference kind ${r.scheme}; use \${env:NAME} or \${secret:name}`,
      });
  }
  return issues;
}

/** Replaces every reference in a text by its value (checked to exist before). */
export function resolveRefs(text: string, lookup: (r: Ref) => string): string {
  return text.replace(REF, (whole, scheme: string, name: string) => lookup({ scheme, name, text: whole }));
}
