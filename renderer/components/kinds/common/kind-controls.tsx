import type { ReactNode } from 'react';
import { Field } from '../../Field';
import type { KindFieldsProps } from '../types';
import { fieldText } from './field-text';

/**
 * Labelled controls bound to one key of a kind's config, with the contract's error for that key
 * shown under it. Values go to the contract as typed: numbers as numbers when they look like one,
 * anything else as text, so the contract (not the form) says what is wrong.
 */
export function kindControls({ config, onChange, errors, idPrefix, disabled }: KindFieldsProps, kind: string) {
  const id = (key: string) => `${idPrefix}-${kind}-${key}`;
  const set = (key: string, value: unknown) => {
    const next = { ...config };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  /** The key's own error, else the first about one of its items (`expected.2`). */
  const errorFor = (key: string): string | undefined =>
    errors[key] ?? Object.entries(errors).find(([k]) => k.startsWith(`${key}.`))?.[1];
  const aria = (key: string, hint: boolean) => ({
    id: id(key),
    name: key,
    disabled,
    'aria-invalid': errorFor(key) ? (true as const) : undefined,
    'aria-describedby':
      [errorFor(key) ? `${id(key)}-error` : '', hint ? `${id(key)}-hint` : ''].filter(Boolean).join(' ') || undefined,
  });
  const str = (key: string) => fieldText(config[key]);

  /** The label, the control, the hint and the error of one field. */
  const field = (key: string, label: string, control: (a: ReturnType<typeof aria>) => ReactNode, hint?: string) => (
    <Field id={id(key)} label={label} error={errorFor(key)} hint={hint}>
      {() => control(aria(key, hint !== undefined))}
    </Field>
  );

  /** `optional`: a blank field leaves the key out (the contract's default) rather than sending "". */
  const text = (
    key: string,
    label: string,
    opts: { placeholder?: string; hint?: string; inputMode?: 'url' | 'text'; optional?: boolean } = {},
  ) =>
    field(
      key,
      label,
      (a) => (
        <input
          {...a}
          type="text"
          autoComplete="off"
          spellCheck={false}
          inputMode={opts.inputMode}
          placeholder={opts.placeholder}
          value={str(key)}
          onChange={(e) => set(key, opts.optional && e.target.value === '' ? undefined : e.target.value)}
        />
      ),
      opts.hint,
    );

  /** Blank means "use the default" (the key is left out). */
  const number = (key: string, label: string, opts: { placeholder?: string; hint?: string } = {}) =>
    field(
      key,
      label,
      (a) => (
        <input
          {...a}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={opts.placeholder}
          value={str(key)}
          onChange={(e) => set(key, numberOrText(e.target.value))}
        />
      ),
      opts.hint,
    );

  const select = (
    key: string,
    label: string,
    options: readonly (readonly [value: string, label: string])[],
    fallback: string,
    hint?: string,
  ) =>
    field(
      key,
      label,
      (a) => (
        <select
          {...a}
          value={typeof config[key] === 'string' ? config[key] : fallback}
          onChange={(e) => set(key, e.target.value === '' ? undefined : e.target.value)}
        >
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      ),
      hint,
    );

  /** One value per line, stored as a list as typed (the contract drops blank lines). */
  const lines = (key: string, label: string, opts: { placeholder?: string; hint?: string; rows?: number } = {}) =>
    field(
      key,
      label,
      (a) => (
        <textarea
          {...a}
          rows={opts.rows ?? 3}
          spellCheck={false}
          placeholder={opts.placeholder}
          value={Array.isArray(config[key]) ? (config[key] as unknown[]).map(String).join('\n') : str(key)}
          onChange={(e) => set(key, e.target.value === '' ? undefined : e.target.value.split('\n'))}
        />
      ),
      opts.hint,
    );

  const textarea = (key: string, label: string, opts: { placeholder?: string; hint?: string; rows?: number } = {}) =>
    field(
      key,
      label,
      (a) => (
        <textarea
          {...a}
          rows={opts.rows ?? 4}
          spellCheck={false}
          placeholder={opts.placeholder}
          value={str(key)}
          onChange={(e) => set(key, e.target.value === '' ? undefined : e.target.value)}
        />
      ),
      opts.hint,
    );

  /** A yes / no setting; `fallback` is what the contract assumes when it is left out. */
  const checkbox = (key: string, label: string, fallback: boolean) => (
    <div className="field field--check">
      <label>
        <input
          id={id(key)}
          name={key}
          type="checkbox"
          disabled={disabled}
          checked={typeof config[key] === 'boolean' ? config[key] : fallback}
          onChange={(e) => set(key, e.target.checked)}
        />{' '}
        {label}
      </label>
    </div>
  );

  return { set, field, text, number, select, lines, textarea, checkbox };
}

function numberOrText(s: string): number | string | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : s;
}
