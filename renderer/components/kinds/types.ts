/**
 * What the monitor form hands to the fields of one probe kind (`renderer/components/kinds/<kind>.tsx`).
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
