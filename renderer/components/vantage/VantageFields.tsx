import { useId } from 'react';
import type { VantageConfigInput } from '../../../shared/vantage';
import { Field } from '../Field';

/**
 * The monitor's remote vantage option: a PromQL selector read from the Prometheus source and the
 * label naming each region. Empty selector = this console only.
 */
export function VantageFields({
  value,
  onChange,
  error,
}: {
  value: VantageConfigInput | null;
  onChange: (v: VantageConfigInput | null) => void;
  error?: string | undefined;
}) {
  const uid = useId();
  const selector = value?.selector ?? '';
  return (
    <fieldset className="vantage-fields">
      <legend>Remote vantage points (Prometheus blackbox_exporter)</legend>
      <Field
        id={`${uid}-selector`}
        label="PromQL selector"
        error={error}
        hint='e.g. probe_success{job="blackbox", instance="https://stream.example/live/master.m3u8"}; empty = this console only'
      >
        {(p) => (
          <input
            {...p}
            type="text"
            spellCheck={false}
            autoComplete="off"
            value={selector}
            onChange={(e) =>
              onChange(e.target.value.trim() === '' ? null : { ...(value ?? {}), selector: e.target.value })
            }
          />
        )}
      </Field>
      {value && (
        <Field id={`${uid}-region`} label="Region label" hint="The label whose value names the vantage; default region">
          {(p) => (
            <input
              {...p}
              type="text"
              spellCheck={false}
              value={value.regionLabel ?? 'region'}
              onChange={(e) => onChange({ ...value, regionLabel: e.target.value })}
            />
          )}
        </Field>
      )}
    </fieldset>
  );
}
