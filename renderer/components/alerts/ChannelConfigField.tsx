import { CHANNEL_SECRET_MASK } from '../../../shared/channels';
import { Field } from '../Field';
import type { FieldSpec } from './channel-model';

/** One `config.*` field of a channel, by its spec's type; a stored secret shows as its mask. */
export function ChannelConfigField({
  spec: f,
  id,
  value: v,
  error,
  onChange,
}: {
  spec: FieldSpec;
  id: string;
  value: unknown;
  error: string | undefined;
  onChange: (v: unknown) => void;
}) {
  return (
    <Field id={id} label={f.label} error={error} hint={f.hint}>
      {(aria) => {
        if (f.type === 'select')
          return (
            <select {...aria} value={fieldText(v)} onChange={(e) => onChange(e.target.value)}>
              {(f.options ?? []).map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          );
        if (f.type === 'number')
          return (
            <input
              {...aria}
              type="number"
              value={fieldText(v)}
              onChange={(e) => onChange(e.target.value === '' ? '' : Number(e.target.value))}
            />
          );
        if (f.type === 'list')
          return (
            <textarea
              {...aria}
              rows={2}
              value={(Array.isArray(v) ? v : []).join('\n')}
              onChange={(e) =>
                onChange(
                  e.target.value
                    .split('\n')
                    .map((s) => s.trim())
                    .filter(Boolean),
                )
              }
            />
          );
        if (f.type === 'textarea')
          return <textarea {...aria} rows={3} value={fieldText(v)} onChange={(e) => onChange(e.target.value)} />;
        return (
          <input
            {...aria}
            type={f.type === 'secret' && v === CHANNEL_SECRET_MASK ? 'password' : 'text'}
            autoComplete="off"
            value={fieldText(v)}
            onChange={(e) => onChange(e.target.value)}
          />
        );
      }}
    </Field>
  );
}

/** A config value as the text of its input: strings and numbers as they are, anything else empty. */
function fieldText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
