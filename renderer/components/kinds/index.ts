import type { ComponentType } from 'react';
import type { Kind } from '../../../shared/kinds';
import type { Monitor } from '../../../shared/monitor';
import { dnsKind } from './dns';
import { hlsKind } from './hls';
import { httpKind } from './http';
import { pageKind } from './page';
import { submitKind } from './submit';
import { tcpKind } from './tcp';
import { tlsKind } from './tls';
import type { KindFieldsProps, RendererKind, RendererKinds } from './types';

/**
 * The renderer's one list of probe kinds: each is its folder here (Fields, Breakdown, summary in
 * `<kind>/index.ts`) plus one line below. Typed against shared/kinds.ts, so a kind the contract
 * knows but the renderer does not, or one missing a part, does not compile.
 */
export const RENDERER_KINDS = {
  http: httpKind,
  page: pageKind,
  tcp: tcpKind,
  dns: dnsKind,
  tls: tlsKind,
  hls: hlsKind,
  submit: submitKind,
} satisfies RendererKinds;

function rendererKind(kind: Kind): RendererKind {
  return RENDERER_KINDS[kind];
}

export const KIND_LABELS = Object.fromEntries(Object.entries(RENDERER_KINDS).map(([k, v]) => [k, v.label])) as Record<
  Kind,
  string
>;

export const KIND_FIELDS = Object.fromEntries(Object.entries(RENDERER_KINDS).map(([k, v]) => [k, v.Fields])) as Record<
  Kind,
  ComponentType<KindFieldsProps>
>;

/** What a monitor probes, in one line (dashboard row, search, monitor page): its kind says. */
export function monitorTarget(m: Monitor): string {
  return rendererKind(m.kind).summary(m.config);
}

/** Heading of the monitor page's card over the kind's results. */
export function breakdownTitle(m: Monitor): string {
  return rendererKind(m.kind).breakdownTitle;
}
