import { z } from 'zod';
import { dnsKind } from './probes/dns';
import { hlsKind } from './probes/hls';
import { httpKind } from './probes/http';
import type { KindDefinition, SecretHeaderSet } from './probes/kind';
import { pageKind } from './probes/page';
import { submitKind } from './probes/submit';
import { tcpKind } from './probes/tcp';
import { tlsKind } from './probes/tls';

/**
 * The one list of probe kinds. A kind is its file in shared/probes/ (config schema, result
 * details, error codes, secret headers) plus one line here; the monitor union, the kind names and
 * the error table follow from it. The core (electron/core/probes/registry.ts) and the renderer
 * (renderer/components/kinds/index.ts) each keep one `{ [K in Kind]: … }` table, so a kind
 * missing there does not compile.
 */
export const KINDS = {
  http: httpKind,
  tcp: tcpKind,
  dns: dnsKind,
  tls: tlsKind,
  page: pageKind,
  hls: hlsKind,
  submit: submitKind,
} as const satisfies Record<string, KindDefinition>;

export type Kind = keyof typeof KINDS;
/** In the order of KINDS: the order the form lists them in. */
export const KIND_NAMES = Object.keys(KINDS) as Kind[];

export type KindConfig<K extends Kind> = z.output<(typeof KINDS)[K]['config']>;
/** What a result of this kind may keep in `details`; a probe builds its details as this type. */
export type KindDetails<K extends Kind> = z.infer<(typeof KINDS)[K]['details']>;

type SpecSchema<K extends Kind> = z.ZodObject<
  { kind: z.ZodLiteral<K>; config: (typeof KINDS)[K]['config'] },
  z.core.$strict
>;
type AnySpecSchema = { [K in Kind]: SpecSchema<K> }[Kind];

function specSchema<K extends Kind>(kind: K): SpecSchema<K> {
  return z.strictObject({ kind: z.literal(kind), config: KINDS[kind].config });
}

/** `{kind, config}` with the config checked by that kind's schema. */
export const ProbeSpec = z.discriminatedUnion(
  'kind',
  KIND_NAMES.map(specSchema) as unknown as [AnySpecSchema, ...AnySpecSchema[]],
);
export type ProbeSpec = z.output<typeof ProbeSpec>;

/** The header maps of a monitor's config whose values may be secret (the kind decides which). */
export function secretHeaderSets(spec: ProbeSpec): SecretHeaderSet[] {
  // TypeScript cannot pair KINDS[spec.kind] with spec.config across the union; the schema did.
  const kind = KINDS[spec.kind] as KindDefinition;
  return kind.secretHeaders(spec.config);
}
