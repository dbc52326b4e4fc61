import { useEffect, useState } from 'react';
import type { KindFieldsProps } from './types';
import { Field } from '../Field';

/**
 * Fields for a kind that has no dedicated component yet: its main settings as plain inputs, the rest
 * as JSON. The contract still validates everything; its issues land at the input they name, or
 * under the JSON box with their path.
 */

type Seed = { key: string; label: string; numeric?: boolean; placeholder?: string; hint?: string };

export const SEEDS: Record<string, Seed[]> = {
  http: [
    { key: 'url', label: 'URL', placeholder: 'https://example.com/health' },
    { key: 'degradedAboveMs', label: 'Slow above (ms)', numeric: true, hint: 'Default 3000 ms' },
  ],
  page: [{ key: 'url', label: 'URL', placeholder: 'https://example.com/' }],
  tcp: [
    { key: 'host', label: 'Host', placeholder: 'db.example.com' },
    { key: 'port', label: 'Port', numeric: true, placeholder: '5432' },
  ],
  dns: [{ key: 'name', label: 'Domain', placeholder: 'example.com' }],
  tls: [{ key: 'host', label: 'Host', placeholder: 'example.com' }],
  hls: [{ key: 'url', label: 'Playlist URL', placeholder: 'https://cdn.example.com/live/master.m3u8' }],
  submit: [{ key: 'url', label: 'Submission URL', placeholder: 'https://api.example.com/tasks' }],
};

function seedsFor(kind: string): Seed[] {
  return SEEDS[kind] ?? [];
}

export function GenericFields({
  kind,
  config,
  onChange,
  errors,
  idPrefix,
  disabled,
}: KindFieldsProps & { kind: string }) {
  const seeds = seedsFor(kind);
  const seedKeys = new Set(seeds.map((s) => s.key));
  const rest = Object.fromEntries(Object.entries(config).filter(([k]) => !seedKeys.has(k)));
  const restText = Object.keys(rest).length ? JSON.stringify(rest, null, 2) : '';
  const [json, setJson] = useState(restText);
  const [jsonError, setJsonError] = useState<string | null>(null);

  // A different monitor / kind loaded into the form replaces the JSON text.
  useEffect(() => {
    setJson(restText);
    setJsonError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, idPrefix]);

  const otherErrors = Object.entries(errors).filter(([path]) => !seedKeys.has(path.split('.')[0]!));

  function setSeed(s: Seed, text: string) {
    const next = { ...config };
    if (text.trim() === '') delete next[s.key];
    else next[s.key] = s.numeric && /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
    onChange(next);
  }

  function setRest(text: string) {
    setJson(text);
    if (text.trim() === '') {
      setJsonError(null);
      onChange(Object.fromEntries(Object.entries(config).filter(([k]) => seedKeys.has(k))));
      return;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('Use a JSON object: { "key": value }');
      setJsonError(null);
      const kept = Object.fromEntries(Object.entries(config).filter(([k]) => seedKeys.has(k)));
      onChange({ ...(parsed as Record<string, unknown>), ...kept });
    } catch (err) {
      setJsonError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <>
      {seeds.map((s) => {
        const id = `${idPrefix}-${s.key}`;
        const error = errors[s.key];
        const value = config[s.key];
        return (
          <Field key={s.key} id={id} label={s.label} error={error} hint={s.hint}>
            {(aria) => (
              <input
                {...aria}
                name={`config.${s.key}`}
                type="text"
                inputMode={s.numeric ? 'numeric' : undefined}
                autoComplete="off"
                placeholder={s.placeholder}
                disabled={disabled}
                value={value === undefined || value === null ? '' : String(value)}
                onChange={(e) => setSeed(s, e.target.value)}
              />
            )}
          </Field>
        );
      })}
      <div className={`field${jsonError || otherErrors.length ? ' field--invalid' : ''}`}>
        <label htmlFor={`${idPrefix}-json`}>Other settings (JSON)</label>
        <textarea
          id={`${idPrefix}-json`}
          name="config.other"
          rows={4}
          spellCheck={false}
          disabled={disabled}
          value={json}
          placeholder={'{ "timeoutMs": 10000 }'}
          aria-invalid={jsonError || otherErrors.length ? true : undefined}
          aria-describedby={jsonError || otherErrors.length ? `${idPrefix}-json-error` : undefined}
          onChange={(e) => setRest(e.target.value)}
        />
        {(jsonError || otherErrors.length > 0) && (
          <span id={`${idPrefix}-json-error`} className="field__error" role="alert">
            {jsonError ?? otherErrors.map(([p, m]) => `${p}: ${m}`).join('; ')}
          </span>
        )}
      </div>
    </>
  );
}
