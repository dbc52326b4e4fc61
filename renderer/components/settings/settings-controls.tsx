import type { ReactNode } from 'react';
import { Field } from '../Field';
import type { SettingsDraft, SettingsForm } from './useSettingsForm';

type Aria = { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };

export interface SettingsControls {
  draft: SettingsDraft;
  form: SettingsForm;
  field: (path: string, label: string, control: (p: Aria) => ReactNode, hint?: string) => ReactNode;
  num: <S extends 'probing' | 'backup' | 'alerts' | 'connectivity'>(
    section: S,
    key: string,
    label: string,
    hint?: string,
  ) => ReactNode;
  check: <S extends 'backup' | 'alerts' | 'connectivity'>(section: S, key: string, label: string) => ReactNode;
}

/** Numbers go as typed: a non-number is sent as text so the contract names the field. */
export const numOrText = (s: string): number | string => (/^-?\d+(\.\d+)?$/.test(s.trim()) ? Number(s) : s);

/** The settings form's labelled controls, each bound to a draft path and showing that path's issue. */
export function settingsControls(form: SettingsForm, draft: SettingsDraft): SettingsControls {
  const field: SettingsControls['field'] = (path, label, control, hint) => (
    <Field id={form.id(path)} label={label} error={form.errors[path]} hint={hint}>
      {control}
    </Field>
  );
  return {
    draft,
    form,
    field,
    num: (section, key, label, hint) =>
      field(
        `${section}.${key}`,
        label,
        (p) => (
          <input
            {...p}
            type="text"
            inputMode="numeric"
            value={numberText((draft[section] as Record<string, unknown>)[key])}
            onChange={(e) => form.sub(section, key, numOrText(e.target.value))}
          />
        ),
        hint,
      ),
    check: (section, key, label) => (
      <label className="checkbox">
        <input
          type="checkbox"
          checked={Boolean((draft[section] as Record<string, unknown>)[key])}
          onChange={(e) => form.sub(section, key, e.target.checked)}
        />{' '}
        {label}
      </label>
    ),
  };
}

/** A numeric setting as its input's text; a half-typed value is kept as the text it is. */
function numberText(v: unknown): string {
  return typeof v === 'number' || typeof v === 'string' ? String(v) : '';
}
