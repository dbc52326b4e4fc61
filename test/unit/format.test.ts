import { describe, expect, it } from 'vitest';
import { formatDateTime, formatElapsed, formatTime } from '../../renderer/lib/format';
import { formatDuration as incidentDuration } from '../../renderer/components/incidents/duration';

describe('durations are rounded, not floored', () => {
  it('says 1 min 50 s for 110 s, and the incident card uses the same function', () => {
    expect(formatElapsed(110_000)).toBe('1 min 50 s');
    expect(incidentDuration(110_000)).toBe('1 min 50 s');
    expect(formatElapsed(45_400)).toBe('45 s');
    expect(formatElapsed(59_600)).toBe('1 min');
    expect(formatElapsed(3 * 3_600_000 + 5 * 60_000 + 40_000)).toBe('3 h 06 min');
    expect(formatElapsed(2 * 86_400_000 + 4 * 3_600_000 + 31 * 60_000)).toBe('2 d 5 h');
    expect(formatElapsed(3 * 86_400_000)).toBe('3 d');
  });
});

describe('dates: one format that names the zone', () => {
  it('every date-time carries the zone and a 24 h clock', () => {
    const ts = Date.parse('2026-12-01T21:05:09Z');
    const zone = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' })
      .formatToParts(ts)
      .find((p) => p.type === 'timeZoneName')!.value;
    const s = formatDateTime(ts);
    expect(s).toContain(zone);
    expect(s).toMatch(/2026/);
    expect(s).not.toMatch(/AM|PM/);
    expect(formatTime(ts)).toMatch(/^\d{2}:\d{2}:\d{2}$/);
  });
});
