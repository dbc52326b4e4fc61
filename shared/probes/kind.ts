import type { z } from 'zod';

/**
 * One header map inside a kind's config and which of its names hold secrets: those values are
 * sealed at rest, masked outside the core and opened only for the probe
 * (electron/core/secrets/monitor-secrets.ts).
 */
export interface SecretHeaderSet {
  /** The config's own object (not a copy): sealing and masking write into it. */
  headers: Record<string, string>;
  secret(name: string, value: string): boolean;
}

/**
 * What both sides know about a probe kind: its config schema, its result details (the keys a
 * result's `details` may carry; shared/result.ts bounds them all), the stable error codes its probe
 * adds to the common ones (shared/probes/errors.ts; code → the one line an operator reads, never
 * renamed once stored), and every header map of a parsed config whose values may be secret, in a
 * stable order. Each kind file in shared/probes/ defines one; shared/kinds.ts lists them.
 */
export interface KindParts<C extends z.ZodType, D extends z.ZodObject, E extends Readonly<Record<string, string>>> {
  config: C;
  details: D;
  errors: E;
  secretHeaders(config: z.output<C>): SecretHeaderSet[];
}

/** Any kind's definition, as the registries hold them. */
export type KindDefinition = KindParts<z.ZodType, z.ZodObject, Readonly<Record<string, string>>>;

/** Keeps each kind's literal error codes and config type (a plain annotation would widen them). */
export function defineKind<C extends z.ZodType, D extends z.ZodObject, E extends Readonly<Record<string, string>>>(
  def: KindParts<C, D, E>,
): KindParts<C, D, E> {
  return def;
}

/** For kinds whose config holds no secret. */
export function noSecrets(): SecretHeaderSet[] {
  return [];
}

/** Always treated as secret, whatever the monitor says: they carry credentials by definition. */
const ALWAYS_SECRET = new Set(['authorization', 'proxy-authorization', 'cookie']);

export function isAlwaysSecretHeader(name: string): boolean {
  return ALWAYS_SECRET.has(name.toLowerCase());
}

/**
 * A stored result's details read with its kind's schema, key by key: a value that does not fit
 * (a row from an older build, a file edited by hand) is left out instead of failing the whole
 * view, and what remains is typed by the schema the probe wrote with.
 */
export function readDetails<D extends z.ZodObject>(schema: D, details: unknown): Partial<z.output<D>> {
  const out: Record<string, unknown> = {};
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return out as Partial<z.output<D>>;
  const given = details as Record<string, unknown>;
  for (const [key, field] of Object.entries(schema.shape)) {
    if (given[key] === undefined) continue;
    const parsed = (field as z.ZodType).safeParse(given[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as Partial<z.output<D>>;
}
