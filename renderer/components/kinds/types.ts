import type { ComponentType } from 'react';
import type { Kind, KindConfig } from '../../../shared/kinds';
import type { ProbeResult } from '../../../shared/result';

/**
 * What the monitor form hands to the fields of one probe kind (`renderer/components/kinds/<kind>/Fields.tsx`).
 * The form does not re-implement the contract's rules: the config goes to `monitors.create` /
 * `monitors.update` as typed, and the contract's `invalid_input` issues come back keyed by their
 * path under `config` (e.g. `url`, `steps.1.capture.token`) and are shown at that field.
 */
export interface KindFieldsProps {
  /** The kind's config as edited so far (a stored monitor's config when editing). */
  config: Record<string, unknown>;
  onChange(config: Record<string, unknown>): void;
  /** Field errors by path under `config`. */
  errors: Record<string, string>;
  /** Unique prefix for element ids (label/aria wiring). */
  idPrefix: string;
  disabled?: boolean;
}

/** What the monitor page hands to a kind's view of its newest results (newest first). */
export interface KindBreakdownProps {
  result: ProbeResult;
  results: readonly ProbeResult[];
}

/**
 * What the renderer needs of a probe kind (`renderer/components/kinds/<kind>/index.ts`): its name in
 * the form, its fields, the monitor page's card over its results, and what it probes in one line.
 */
export interface RendererKind<K extends Kind = Kind> {
  label: string;
  /** Heading of the monitor page's card that holds `Breakdown`. */
  breakdownTitle: string;
  Fields: ComponentType<KindFieldsProps>;
  Breakdown: ComponentType<KindBreakdownProps>;
  /** The target as listed and searched on the dashboard (a URL, a host), or '' when there is none to show. */
  summary(config: KindConfig<K>): string;
}

/** One entry per kind of shared/kinds.ts; a kind without one does not compile. */
export type RendererKinds = { [K in Kind]: RendererKind<K> };
