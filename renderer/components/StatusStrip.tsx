import { memo } from 'react';
import { SPARK_CODES, type SparkStatus } from '../../shared/dashboard';

const BY_CODE = Object.fromEntries(Object.entries(SPARK_CODES).map(([k, v]) => [v, k])) as Record<string, SparkStatus>;
const WORD: Record<SparkStatus, string> = {
  down: 'down',
  degraded: 'degraded',
  unknown: 'unknown',
  up: 'up',
  none: 'no data',
};

/** "24 h: 2 periods down, 1 degraded" — the strip's meaning in words, for screen readers and tooltips. */
export function describeStrip(spark: string): string {
  const counts: Partial<Record<SparkStatus, number>> = {};
  for (const ch of spark) {
    const s = BY_CODE[ch] ?? 'none';
    counts[s] = (counts[s] ?? 0) + 1;
  }
  const bad = (['down', 'degraded', 'unknown'] as const).filter((s) => counts[s]).map((s) => `${counts[s]} ${WORD[s]}`);
  if (!counts.up && !bad.length) return 'Last 24 h: no data';
  return bad.length ? `Last 24 h: ${bad.join(', ')} of ${spark.length} periods` : 'Last 24 h: all up';
}

/**
 * The 24 h status strip: one bar per bucket; down / degraded bars are also taller and unknown ones
 * hatched, so the strip reads without colour.
 */
export const StatusStrip = memo(function StatusStrip({ spark }: { spark: string }) {
  const n = spark.length || 1;
  const label = describeStrip(spark);
  return (
    <svg className="strip" viewBox={`0 0 ${n * 3} 16`} preserveAspectRatio="none" role="img" aria-label={label}>
      <title>{label}</title>
      {Array.from(spark, (ch, i) => {
        const s = BY_CODE[ch] ?? 'none';
        const h = s === 'down' ? 16 : s === 'degraded' ? 12 : s === 'none' ? 3 : 8;
        return <rect key={i} x={i * 3} y={16 - h} width={2.4} height={h} className={`strip__bar strip__bar--${s}`} />;
      })}
    </svg>
  );
});
