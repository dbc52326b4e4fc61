import type { LoadCheckSpec } from '../../../shared/loadcheck';
import { builtinVars, interpolate } from '../probes/submit/template-vars';
import type { BodyPart, Stage } from './driver';

/** At most this many steps in a ramp: each is its own autocannon stage with fresh connections. */
const MAX_RAMP_STEPS = 10;

/** The ramp as rising steps up to the full rate, then the full rate for the rest of the check. */
export function planStages(spec: Pick<LoadCheckSpec, 'rate' | 'rampSec' | 'durationSec'>): Stage[] {
  const stages: Stage[] = [];
  if (spec.rampSec > 0) {
    const steps = Math.min(MAX_RAMP_STEPS, spec.rampSec);
    const each = spec.rampSec / steps;
    for (let i = 1; i <= steps; i++)
      stages.push({ rate: Math.max(1, Math.round((spec.rate * i) / (steps + 1))), durationSec: each });
  }
  const rest = spec.durationSec - spec.rampSec;
  if (rest > 0) stages.push({ rate: spec.rate, durationSec: rest });
  return stages;
}

/** The number the confirmation names: what the stages will send at their rates. */
export function plannedTotal(stages: readonly Stage[]): number {
  return Math.round(stages.reduce((n, s) => n + s.rate * s.durationSec, 0));
}

const VAR_USE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Splits a body template into text and variables. It is first rendered once with the submission
 * steps' built-ins (probes/template-vars.ts), so a variable unknown there is refused here the same
 * way (UnknownVariableError naming it); the worker then fills the same names per request.
 */
export function bodyParts(template: string | null): BodyPart[] | null {
  if (template === null) return null;
  interpolate(template, builtinVars(0));
  const parts: BodyPart[] = [];
  let last = 0;
  for (const m of template.matchAll(VAR_USE)) {
    if (m.index > last) parts.push(template.slice(last, m.index));
    parts.push({ v: m[1] as '$uuid' | '$now' });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}
