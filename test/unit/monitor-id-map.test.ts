import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMonitorIdMap } from '../../electron/core/monitor-id-map';

describe('the monitor id map answers as a Map would', () => {
  it('after any sets and deletes, for small, large and far-out ids', () => {
    const id = fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 2 ** 40 }), fc.constant(0));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), id, fc.string({ maxLength: 3 })), { maxLength: 300 }), (ops) => {
        const m = createMonitorIdMap<string>();
        const model = new Map<number, string>();
        for (const [set, k, v] of ops) {
          if (set) {
            m.set(k, v);
            model.set(k, v);
          } else {
            m.delete(k);
            model.delete(k);
          }
        }
        for (const [, k] of ops) expect(m.get(k)).toBe(model.get(k));
        expect(new Map(m.entries())).toEqual(model);
      }),
    );
  });
});
