import type { ReactNode } from 'react';
import type { KindFieldsProps } from './types';
import { Field } from '../Field';

/**
 * Fields of a live-stream (hls) monitor. Values go to the contract as typed (numbers as numbers
 * when they look like one, anything else as text so the contract says what is wrong).
 */
export function HlsFields({ config, onChange, errors, idPrefix, disabled }: KindFieldsProps) {
  const set = (key: string, value: unknown) => {
    const next = { ...config };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  const id = (k: string) => `${idPrefix}-hls-${k}`;
  const variants = typeof config.variants === 'string' ? config.variants : 'all';

  const field = (key: string, label: string, control: ReactNode, hint?: string) => (
    <Field id={id(key)} label={label} error={errors[key]} hint={hint}>
      {() => control}
    </Field>
  );

  const aria = (key: string, hint?: boolean) => ({
    id: id(key),
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': [errors[key] ? `${id(key)}-error` : '', hint ? `${id(key)}-hint` : ''].filter(Boolean).join(' ') || undefined,
    disabled,
  });
  const text = (key: string, placeholder?: string, hint?: boolean) => (
    <input
      {...aria(key, hint)}
      type="text"
      autoComplete="off"
      placeholder={placeholder}
      value={typeof config[key] === 'string' ? (config[key] as string) : ''}
      onChange={(e) => set(key, e.target.value)}
    />
  );
  const number = (key: string, hint?: boolean) => (
    <input
      {...aria(key, hint)}
      type="text"
      inputMode="numeric"
      value={config[key] === undefined ? '' : String(config[key])}
      onChange={(e) => set(key, numberOrText(e.target.value))}
    />
  );
  const checkbox = (key: string, label: string, fallback: boolean) => (
    <div className="field field--check">
      <label>
        <input
          id={id(key)}
          type="checkbox"
          disabled={disabled}
          checked={typeof config[key] === 'boolean' ? (config[key] as boolean) : fallback}
          onChange={(e) => set(key, e.target.checked)}
        />{' '}
        {label}
      </label>
    </div>
  );

  return (
    <>
      {field('url', 'Master playlist URL', text('url', 'https://cdn.example.com/live/master.m3u8'))}
      {field(
        'variants',
        'Variants to check',
        <select {...aria('variants')} value={variants} onChange={(e) => set('variants', e.target.value)}>
          <option value="all">All</option>
          <option value="highest">Highest bandwidth</option>
          <option value="lowest">Lowest bandwidth</option>
          <option value="match">By name or resolution…</option>
        </select>,
      )}
      {variants === 'match' &&
        field(
          'match',
          'Variant names',
          <input
            {...aria('match', true)}
            type="text"
            autoComplete="off"
            placeholder="720p, audio_only"
            value={Array.isArray(config.match) ? (config.match as string[]).join(',') : ''}
            // Split without trimming so what was typed (spaces, a trailing comma) survives the round trip.
            onChange={(e) => set('match', e.target.value === '' ? [] : e.target.value.split(','))}
          />,
          'Comma-separated: a NAME, a resolution (1280x720 or 720p) or a folder of the variant URI',
        )}
      <div className="field-row">
        {field('staleAfterTargetDurations', 'Stale after (× target duration)', number('staleAfterTargetDurations', true), 'Default 3')}
        {field('timeoutMs', 'Timeout (ms)', number('timeoutMs', true), 'Default 15000 ms')}
        {field('degradedAboveMs', 'Slow above (ms)', number('degradedAboveMs', true), 'Playlists; default 3000 ms')}
      </div>
      {checkbox('checkSegment', 'Download the newest segment (degraded when slower than real time)', true)}
      {checkbox('expectLive', 'The stream should be live (a finished stream is down)', true)}
    </>
  );
}

function numberOrText(s: string): number | string | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : s;
}
