import { describe, expect, it } from 'vitest';
import { WORKER_VARS } from '../../electron/core/loadcheck/driver';
import { createHistogram } from '../../electron/core/loadcheck/recorder';
import { bodyParts, planStages, plannedTotal } from '../../electron/core/loadcheck/stages';
import { builtinVars } from '../../electron/core/probes/submit/template-vars';

/** The load check's own arithmetic: template variables, the ramp, percentiles. Runs against the demo platform are e2e. */
describe('load check pieces', () => {
  it('fills the same variables as submission steps, and refuses others', () => {
    expect([...builtinVars(0).keys()].sort()).toEqual([...WORKER_VARS].sort());
    expect(bodyParts('{"id":"{{$uuid}}","at":{{ $now }}}')).toEqual([
      '{"id":"',
      { v: '$uuid' },
      '","at":',
      { v: '$now' },
      '}',
    ]);
    expect(() => bodyParts('{{token}}')).toThrow(/token/);
  });

  it('ramps in steps up to the rate and names the total it will send', () => {
    const stages = planStages({ rate: 100, rampSec: 4, durationSec: 10 });
    expect(stages.map((s) => s.rate)).toEqual([20, 40, 60, 80, 100]);
    expect(plannedTotal(stages)).toBe(20 + 40 + 60 + 80 + 600);
  });

  it('computes percentiles itself and corrects for coordinated omission', () => {
    const h = createHistogram();
    for (let i = 1; i <= 100; i++) h.record(i);
    const p = h.percentiles();
    expect(p.p50).toBeGreaterThanOrEqual(50);
    expect(p.p50).toBeLessThan(51);
    expect(p.p95).toBeGreaterThanOrEqual(95);
    expect(p.p99).toBeGreaterThanOrEqual(99);
    // 99 quick answers and one that stalled 1 s on a connection due every 10 ms: the stall hid ~99 requests.
    const c = createHistogram();
    for (let i = 0; i < 99; i++) c.recordCorrected(1, 10);
    c.recordCorrected(1000, 10);
    expect(c.count()).toBe(99 + 1 + 99);
    expect(c.percentiles().p95).toBeGreaterThan(100);
  });
});
