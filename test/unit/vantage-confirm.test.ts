import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProbeOutcome } from '../../shared/result';
import {
  confirm,
  confirmOutcome,
  DOWN_EVERYWHERE,
  localStatusOf,
  quorumOf,
  REGIONAL,
  type VantageView,
} from '../../electron/core/vantage/confirm';

const up: ProbeOutcome = { status: 'up', latencyMs: 40 };
const down: ProbeOutcome = {
  status: 'down',
  latencyMs: null,
  errorCode: 'connect_refused',
  message: 'Connection refused',
};
const offline: ProbeOutcome = {
  status: 'unknown',
  latencyMs: null,
  errorCode: 'console_offline',
  message: 'The console itself is offline',
};
const r = (vantage: string, status: VantageView['status']): VantageView => ({ vantage, status });

describe('confirmation across vantages', () => {
  it('one region down of three is regional, named; a quorum down is down everywhere', () => {
    expect(confirm([r('local', 'up'), r('eu-west', 'down'), r('us-east', 'up')], null)).toEqual({
      verdict: 'regional',
      downIn: ['eu-west'],
      summary: 'down in eu-west only',
    });
    expect(confirm([r('local', 'down'), r('eu-west', 'down'), r('us-east', 'down')], null)).toMatchObject({
      verdict: 'down',
      summary: 'down everywhere',
    });
    expect(confirm([r('local', 'up'), r('eu-west', 'down'), r('us-east', 'down')], null)).toMatchObject({
      verdict: 'down',
      summary: 'down in eu-west and us-east',
    });
  });
  it('unknown vantages count neither way; with none able to see, the verdict is unknown', () => {
    expect(confirm([r('local', 'up'), r('eu-west', 'unknown')], null)).toMatchObject({ verdict: 'up' });
    expect(confirm([r('local', 'unknown'), r('eu-west', 'unknown')], null)).toMatchObject({ verdict: 'unknown' });
    expect(quorumOf(3, null)).toBe(2);
    expect(quorumOf(2, 5)).toBe(2);
  });
  it('a region down makes a local up degraded (regional), never an incident', () => {
    const o = confirmOutcome(up, [r('eu-west', 'down'), r('us-east', 'up')], null);
    expect(o).toMatchObject({
      status: 'degraded',
      errorCode: REGIONAL,
      message: 'Regional: down in eu-west only',
      latencyMs: 40,
    });
  });
  it('only this console sees it down while the regions see it up: degraded, not down', () => {
    const o = confirmOutcome(down, [r('eu-west', 'up'), r('us-east', 'up')], null);
    expect(o.status).toBe('degraded');
    expect(o.message).toMatch(/this console only/);
    // The stored result keeps what this console itself saw, so its own vantage still reads down.
    expect(localStatusOf(o)).toBe('down');
    expect(localStatusOf(confirmOutcome(up, [r('eu-west', 'down'), r('us-east', 'down')], null))).toBe('up');
    expect(localStatusOf(up)).toBe('up');
  });
  it('the console offline while the regions see it up: nothing charged (unknown stays unknown)', () => {
    expect(confirmOutcome(offline, [r('eu-west', 'up'), r('us-east', 'up')], null)).toBe(offline);
  });
  it('a quorum of regions down is down even while this console sees it answer', () => {
    const o = confirmOutcome(up, [r('eu-west', 'down'), r('us-east', 'down')], null);
    expect(o).toMatchObject({ status: 'down', errorCode: DOWN_EVERYWHERE });
  });
  it('Prometheus unreachable (every remote unknown) leaves the local outcome exactly as it was', () => {
    expect(confirmOutcome(down, [r('eu-west', 'unknown'), r('us-east', 'unknown')], null)).toBe(down);
    expect(confirmOutcome(up, [], null)).toBe(up);
  });
  it('never turns an unknown remote into a down, whatever the mix', () => {
    const status = fc.constantFrom<VantageView['status']>('up', 'down', 'unknown');
    fc.assert(
      fc.property(
        fc.constantFrom(up, down, offline),
        fc.array(status, { maxLength: 6 }),
        fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
        (local, remote, q) => {
          const views = remote.map((s, i) => r(`r${i}`, s));
          const o = confirmOutcome(local, views, q);
          const asUnknown = confirmOutcome(
            local,
            views.filter((v) => v.status !== 'unknown'),
            q,
          );
          // Removing the unknown vantages changes nothing: they carry no weight.
          expect(o.status).toBe(asUnknown.status);
          if (!remote.includes('down') && local.status !== 'down') expect(o.status).not.toBe('down');
        },
      ),
    );
  });
});
