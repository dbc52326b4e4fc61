import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  UPTIME_DECIMALS,
  formatBudgetShare,
  formatBudgetUsed,
  formatPercent,
  formatTarget,
  formatUptime,
} from '../../shared/dashboard';

/** The number a shown "98.99%" stands for, as a ratio (0.9899), parsed the way the operator reads it. */
const shownRatio = (s: string) => Number(`${s.replace('%', '')}e-2`);
/** One step of the last shown digit, as a ratio. */
const step = (decimals: number) => 10 ** -(decimals + 2);

describe('uptime percentages: truncated to the shown decimals, never rounded up to the target', () => {
  it('the cases an operator checks against a 99% promise', () => {
    expect(formatUptime(0.98996)).toBe('98.99%');
    expect(formatUptime(0.99)).toBe('99.00%');
    expect(formatUptime(0.99999)).toBe('99.99%');
    expect(formatUptime(0.9995)).toBe('99.95%');
    expect(formatUptime(1)).toBe('100%');
    expect(formatUptime(0)).toBe('0.00%');
    expect(formatUptime(null)).toBe('—');
    // A binary fraction just under its decimal: 0.57 × 100 is 56.99999… in floating point.
    expect(formatUptime(0.57)).toBe('57.00%');
    expect(formatUptime(0.29)).toBe('29.00%');
    expect(formatUptime(1 - 1e-12)).toBe('99.99%');
  });

  it('property: never above the true value, and the largest such figure at its decimals', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 4 }), (ratio, decimals) => {
        const s = formatPercent(ratio, decimals);
        if (ratio === 1) {
          expect(s).toBe('100%');
          return;
        }
        expect(s).toMatch(decimals === 0 ? /^\d{1,2}%$/ : new RegExp(`^\\d{1,2}\\.\\d{${decimals}}%$`));
        const shown = shownRatio(s);
        expect(shown).toBeLessThanOrEqual(ratio);
        // One more in the last digit would claim more than was measured.
        expect(shownRatio(`${(shown * 100 + 10 ** -decimals).toFixed(decimals)}%`)).toBeGreaterThan(ratio);
        expect(shown + step(decimals)).toBeGreaterThan(ratio - 1e-15);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: "100%" only for exactly 100%, so below-target time never reads as the target', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (ratio) => {
        expect(formatUptime(ratio)).not.toBe('100%');
        for (const target of [0.99, 0.995, 0.999, 0.9995, 0.9999])
          if (ratio < target) expect(shownRatio(formatUptime(ratio))).toBeLessThan(target);
      }),
      { numRuns: 2000 },
    );
    expect(formatUptime(1)).toBe('100%');
  });

  it('property: integer-ms accounting ratios (what the core produces) truncate like exact decimals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 92 * 86_400_000 }),
        fc.integer({ min: 0, max: 92 * 86_400_000 }),
        (measured, d) => {
          const down = d % (measured + 1);
          const ratio = (measured - down) / measured;
          const s = formatUptime(ratio);
          if (down === 0) {
            expect(s).toBe('100%');
            return;
          }
          // Exact: floor((measured − down) × 10^(2 + decimals) / measured), in integers.
          const scale = 10n ** BigInt(2 + UPTIME_DECIMALS);
          const exact = (BigInt(measured - down) * scale) / BigInt(measured);
          const digits = exact.toString().padStart(UPTIME_DECIMALS + 1, '0');
          expect(s).toBe(`${digits.slice(0, -UPTIME_DECIMALS)}.${digits.slice(-UPTIME_DECIMALS)}%`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('targets are exact, so they are shown without trailing zeros', () => {
    expect(formatTarget(0.99)).toBe('99%');
    expect(formatTarget(0.999)).toBe('99.9%');
    expect(formatTarget(0.9995)).toBe('99.95%');
    expect(formatTarget(0.99999)).toBe('99.999%');
    expect(formatTarget(0.57)).toBe('57%');
  });
});

describe('error budget shares (SLO card "left", report "used"): one decimal, truncated', () => {
  it('never reads as spent before it is, nor as more left than there is', () => {
    // 99.96% of the budget used: toFixed(1) printed "100.0%" beside a card saying some was left.
    expect(formatBudgetShare(0.9996)).toBe('99.9%');
    expect(formatBudgetShare(0.0004)).toBe('0.0%');
    expect(formatBudgetShare(0)).toBe('0.0%');
    expect(formatBudgetShare(1)).toBe('100.0%');
    expect(formatBudgetShare(0.25)).toBe('25.0%');
    // Overspent, as measured.
    expect(formatBudgetShare(1.3125)).toBe('131.2%');
    expect(formatBudgetShare(2)).toBe('200.0%');
    expect(formatBudgetShare(Number.NaN)).toBe('—');
    // A report row: nothing allowed (no measured time yet) is no share at all.
    expect(formatBudgetUsed({ allowedMs: 25_920_000, spentMs: 25_909_632 })).toBe('99.9%');
    expect(formatBudgetUsed({ allowedMs: 0, spentMs: 0 })).toBe('—');
  });

  it('property: the used and left of one budget each stay at or under the truth and add up to 100% within a tenth', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 * 3_600_000 }),
        fc.integer({ min: 0, max: 8 * 3_600_000 }),
        (allowed, spent) => {
          fc.pre(spent <= allowed);
          const used = formatBudgetShare(spent / allowed);
          const left = formatBudgetShare(1 - spent / allowed);
          expect(shownRatio(used)).toBeLessThanOrEqual(spent / allowed + 1e-12);
          expect(shownRatio(left)).toBeLessThanOrEqual(1 - spent / allowed + 1e-12);
          if (spent < allowed) expect(used).not.toBe('100.0%');
          if (spent > 0) expect(left).not.toBe('100.0%');
          const sum = shownRatio(used) + shownRatio(left);
          expect(sum).toBeGreaterThan(1 - 0.0011);
          expect(sum).toBeLessThanOrEqual(1 + 1e-12);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
