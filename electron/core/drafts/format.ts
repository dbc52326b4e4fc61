import { DateTime, IANAZone } from 'luxon';

/**
 * Formatting behind the template filters: times in a zone (luxon tokens), durations in words,
 * lists in prose, and one time shown in several zones with day changes stated.
 */

export class FormatError extends Error {}

/** Locales tried for a zone's short name: Intl knows SAST only in en-ZA, BST in en-GB, EDT in en-US... */
const ABBREV_LOCALES = ['en-US', 'en-GB', 'en-ZA', 'en-AU', 'en-IN', 'en-NZ', 'en-IE', 'en-CA'];
const abbrevCache = new Map<string, string>();

/** isValidZone builds an Intl formatter per call (most of a preview's time); the answer never changes. */
const validZones = new Set<string>();

export function assertZone(zone: string): void {
  if (validZones.has(zone)) return;
  if (IANAZone.isValidZone(zone)) validZones.add(zone);
  else throw new FormatError(`unknown time zone "${zone}" (use an IANA name such as Europe/London)`);
}

/** "SAST", "BST", "EDT"; "UTC+9" when no English locale has a name for it. */
export function zoneAbbreviation(ms: number, zone: string): string {
  const dt = DateTime.fromMillis(ms, { zone });
  const key = `${zone}|${dt.offset}`;
  const hit = abbrevCache.get(key);
  if (hit) return hit;
  let name: string | undefined;
  for (const locale of ABBREV_LOCALES) {
    const n = dt.setLocale(locale).toFormat('ZZZZ');
    if (!/^GMT[+-]/.test(n)) {
      name = n;
      break;
    }
  }
  name ??= dt.offset === 0 ? 'UTC' : `UTC${dt.toFormat('ZZ').replace(/:00$/, '')}`;
  abbrevCache.set(key, name);
  return name;
}

function toMillis(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    if (/^-?\d+$/.test(value.trim())) return Number(value);
    const dt = DateTime.fromISO(value, { setZone: true });
    if (dt.isValid) return dt.toMillis();
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
  throw new FormatError(`${what} needs a time (ms or ISO 8601), got ${JSON.stringify(value)}`);
}

/**
 * Luxon's `ZZZZ` gives "GMT+2" for most zones in most locales; replace it (outside quoted literals)
 * with the best English short name so "HH:mm ZZZZ" reads "02:00 SAST".
 */
function withAbbreviation(format: string, ms: number, zone: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === "'") {
      quoted = !quoted;
      out += c;
    } else if (!quoted && format.startsWith('ZZZZ', i) && format[i + 4] !== 'Z') {
      out += `'${zoneAbbreviation(ms, zone)}'`;
      i += 3;
    } else {
      out += c;
    }
  }
  return out;
}

export const DEFAULT_DATE_FORMAT = 'dddd d MMMM yyyy, HH:mm';

/** Luxon format tokens, plus the Liquid-friendly `dddd` (weekday) and `ddd` aliases. */
export function formatDate(value: unknown, format: string, zone: string): string {
  assertZone(zone);
  const ms = toMillis(value, 'date');
  const luxonFormat = withAbbreviation(
    format.replace(/(?<![d'])dddd(?!d)/g, 'cccc').replace(/(?<![d'])ddd(?!d)/g, 'ccc'),
    ms,
    zone,
  );
  return DateTime.fromMillis(ms, { zone }).setLocale('en-GB').toFormat(luxonFormat);
}

/** One time in each zone: "02:00 SAST / 01:00 BST / 20:00 EDT (Saturday)"; entries on another
 *  calendar day than the first zone say which day. */
export function formatZones(value: unknown, zones: readonly string[], format = 'HH:mm'): string {
  const ms = toMillis(value, 'zones');
  const unique = [...new Set(zones)];
  if (unique.length === 0) throw new FormatError('zones needs at least one zone');
  unique.forEach(assertZone);
  const primaryDay = DateTime.fromMillis(ms, { zone: unique[0] }).toISODate();
  return unique
    .map((zone) => {
      const dt = DateTime.fromMillis(ms, { zone });
      const text = `${formatDate(ms, format, zone)} ${zoneAbbreviation(ms, zone)}`;
      return dt.toISODate() === primaryDay ? text : `${text} (${dt.setLocale('en-GB').toFormat('cccc')})`;
    })
    .join(' / ');
}

const UNITS: [string, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "2 hours 30 minutes"; under a minute reads "less than a minute". */
export function formatDuration(value: unknown, unit: 'ms' | 's' | 'min' = 'ms'): string {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    throw new FormatError(`duration needs a non-negative number, got ${JSON.stringify(value)}`);
  }
  let ms = Math.round(n * (unit === 'min' ? 60_000 : unit === 's' ? 1000 : 1));
  if (ms < 60_000) return 'less than a minute';
  ms = Math.round(ms / 60_000) * 60_000;
  const parts: string[] = [];
  for (const [name, size] of UNITS) {
    const count = Math.floor(ms / size);
    if (count > 0) parts.push(`${count} ${name}${count === 1 ? '' : 's'}`);
    ms -= count * size;
  }
  return parts.join(' ');
}

/** ["a","b","c"] → "a, b, and c" (Oxford comma); two items → "a and b". */
export function formatList(value: unknown, conjunction = 'and', oxford = true): string {
  if (!Array.isArray(value)) {
    if (typeof value === 'string') return value;
    throw new FormatError(`list needs a list, got ${JSON.stringify(value)}`);
  }
  const items = value.map(String).filter((s) => s !== '');
  if (items.length <= 1) return items[0] ?? '';
  if (items.length === 2) return `${items[0]} ${conjunction} ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}${oxford ? ',' : ''} ${conjunction} ${items[items.length - 1]}`;
}
