/** Reading and editing a submission's config as the form holds it: loosely typed until the contract checks it. */

export function withKey<T extends Record<string, unknown>>(obj: T, key: string, value: unknown): T {
  const next: Record<string, unknown> = { ...obj };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next as T;
}

export function firstUnder(errors: Record<string, string>, prefix: string): string | undefined {
  for (const [k, v] of Object.entries(errors)) if (k.startsWith(prefix)) return v;
  return undefined;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Stored ranges show as "202" / "200-299"; text being typed shows as typed. */
export function formatStatus(v: unknown): string {
  if (Array.isArray(v)) return v[0] === v[1] ? String(v[0]) : `${v[0]}-${v[1]}`;
  return String(v);
}
