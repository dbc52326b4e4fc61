import { randomUUID } from 'node:crypto';

const VAR_USE = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type Vars = ReadonlyMap<string, string>;

/** Variables every run has before any capture. */
export function builtinVars(now: number): Map<string, string> {
  return new Map([
    ['$uuid', randomUUID()],
    ['$now', String(now)],
  ]);
}

/**
 * Replaces `{{name}}` with the variable's value, passed through `encode` (URL parts are
 * percent-encoded, headers and bodies are not). Throws naming the first unknown variable, which
 * the config schema normally rules out before a probe ever runs.
 */
export function interpolate(template: string, vars: Vars, encode: (v: string) => string = (v) => v): string {
  return template.replace(VAR_USE, (_m, name: string) => {
    const value = vars.get(name);
    if (value === undefined) throw new UnknownVariableError(name);
    return encode(value);
  });
}

export class UnknownVariableError extends Error {
  constructor(readonly variable: string) {
    super(`{{${variable}}} has no value`);
    this.name = 'UnknownVariableError';
  }
}
