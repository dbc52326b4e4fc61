/**
 * What a text input shows for a config value as the form holds it: text as typed, numbers and
 * booleans as written, nothing for an absent value. Lists and objects (a field the operator has
 * not edited through this input) show as JSON rather than "[object Object]".
 */
export function fieldText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v) ?? '';
}
