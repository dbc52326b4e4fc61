import { fieldText } from '../common/field-text';

/** A number field that keeps what is typed until it reads as a number (the contract judges the rest). */
export interface ControlAria {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export function NumberInput({
  value,
  onChange,
  ...rest
}: ControlAria & { value: unknown; onChange(v: unknown): void; disabled?: boolean | undefined }) {
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      value={fieldText(value)}
      onChange={(e) => {
        const t = e.target.value.trim();
        onChange(t === '' ? undefined : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : e.target.value);
      }}
    />
  );
}
