import { secretHeaderSets as headerSets } from '../../../shared/kinds';
import type { MonitorDraft, ProbeSpec } from '../../../shared/monitor';
import { isSealed, type SecretBox } from './box';

/** Shown instead of a secret's value outside the core; sending it back means "keep the stored one". */
export const SECRET_MASK = '••••••••';

function mapSecrets<T extends ProbeSpec>(spec: T, fn: (value: string, index: number, name: string) => string): T {
  // Most monitors carry no secret: hand them back as they are rather than copying each one on
  // every monitors.list.
  const any = headerSets(spec).some(({ headers, secret }) => Object.entries(headers).some(([n, v]) => secret(n, v)));
  if (!any) return spec;
  const copy = structuredClone(spec);
  headerSets(copy).forEach(({ headers, secret }, index) => {
    for (const [name, value] of Object.entries(headers))
      if (secret(name, value)) headers[name] = fn(value, index, name);
  });
  return copy;
}

/**
 * Seals the secret header values of a draft before it is stored. A masked value (the operator
 * edited other fields) keeps the value already stored for that header.
 */
export function sealSecrets<T extends MonitorDraft>(draft: T, box: SecretBox, previous?: ProbeSpec): T {
  const before = previous ? headerSets(previous) : [];
  return mapSecrets(draft, (value, index, name) => {
    if (value === SECRET_MASK) return before[index]?.headers[name] ?? '';
    return isSealed(value) ? value : box.seal(value);
  });
}

/** What the renderer sees: secrets masked. */
export function maskSecrets<T extends ProbeSpec>(spec: T): T {
  return mapSecrets(spec, (value) => (value === '' ? '' : SECRET_MASK));
}

/** What the probe uses: secrets opened. Throws SecretError when one cannot be opened. */
export function openSecrets<T extends ProbeSpec>(spec: T, box: SecretBox): T {
  return mapSecrets(spec, (value) => (isSealed(value) ? box.open(value) : value));
}
