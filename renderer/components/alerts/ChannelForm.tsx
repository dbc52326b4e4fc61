import { useId, useState } from 'react';
import { CHANNEL_KINDS, type ChannelKind, type ChannelTestResult } from '../../../shared/channels';
import type { ApiError } from '../../../shared/errors';
import { useApiMutation } from '../../hooks/useApiQuery';
import { useMethodControl } from '../../hooks/useReviewMode';
import { Field } from '../Field';
import { ChannelConfigField } from './ChannelConfigField';
import { BLANK, FIELDS, toInput, type ChannelDraft } from './channel-model';

/** Add or edit one channel, and "Send test" with what is typed (the answer or the exact error). */
export function ChannelForm({ initial, onDone }: { initial: ChannelDraft; onDone: () => void }) {
  const uid = useId();
  const [d, setD] = useState<ChannelDraft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [test, setTest] = useState<ChannelTestResult | null>(null);
  const set = (patch: Partial<ChannelDraft>) => setD((x) => ({ ...x, ...patch }));
  const setConfig = (key: string, value: unknown) => setD((x) => ({ ...x, config: { ...x.config, [key]: value } }));
  const fail = (e: ApiError) => {
    setErrors(Object.fromEntries((e.issues ?? []).map((i) => [i.path, i.message])));
    setFormError(e.message);
  };
  const create = useApiMutation('channels.create', { onError: fail });
  const update = useApiMutation('channels.update', { onError: fail });
  const tester = useApiMutation('channels.test', { onError: fail });
  const control = useMethodControl();
  const busy = create.busy || update.busy || tester.busy;

  async function save() {
    setErrors({});
    setFormError(null);
    const done =
      d.id === undefined ? await create.run(toInput(d)) : await update.run({ id: d.id, channel: toInput(d) });
    if (done) onDone();
  }

  async function sendTest() {
    setTest(null);
    setErrors({});
    setFormError(null);
    const result = await tester.run({ ...(d.id !== undefined ? { id: d.id } : {}), channel: toInput(d) });
    if (result) setTest(result);
  }

  const fid = (k: string) => `${uid}-${k}`;
  return (
    <form
      className="card channel-form"
      aria-label={d.id === undefined ? 'New alert channel' : `Edit ${d.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="form-grid">
        <Field id={fid('kind')} label="Kind">
          {(aria) => (
            <select
              {...aria}
              value={d.kind}
              disabled={d.id !== undefined}
              onChange={(e) =>
                set({ kind: e.target.value as ChannelKind, config: { ...BLANK[e.target.value as ChannelKind] } })
              }
            >
              {CHANNEL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={fid('name')} label="Name" error={errors.name}>
          {(aria) => (
            <input
              {...aria}
              value={d.name}
              onChange={(e) => set({ name: e.target.value })}
              placeholder="On-call email"
            />
          )}
        </Field>
        {FIELDS[d.kind].map((f) => (
          <ChannelConfigField
            key={f.key}
            spec={f}
            id={fid(f.key)}
            value={d.config[f.key]}
            error={errors[`config.${f.key}`]}
            onChange={(v) => setConfig(f.key, v)}
          />
        ))}
        <Field id={fid('zone')} label="Time zone" error={errors.zone} hint="Times in messages and quiet hours use it.">
          {(aria) => <input {...aria} value={d.zone} onChange={(e) => set({ zone: e.target.value })} />}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={d.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Enabled
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={d.quiet} onChange={(e) => set({ quiet: e.target.checked })} /> Quiet hours
        </label>
        {d.quiet && (
          <>
            <Field id={fid('qs')} label="Quiet from" error={errors['quietHours.start']}>
              {(aria) => (
                <input
                  {...aria}
                  value={d.quietStart}
                  onChange={(e) => set({ quietStart: e.target.value })}
                  placeholder="22:00"
                />
              )}
            </Field>
            <Field id={fid('qe')} label="until" error={errors['quietHours.end']}>
              {(aria) => (
                <input
                  {...aria}
                  value={d.quietEnd}
                  onChange={(e) => set({ quietEnd: e.target.value })}
                  placeholder="07:00"
                />
              )}
            </Field>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={d.downBypasses}
                onChange={(e) => set({ downBypasses: e.target.checked })}
              />{' '}
              Down alerts still go out
            </label>
          </>
        )}
      </div>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      {test && (
        <p
          className={test.ok ? 'test-result test-result--ok' : 'test-result test-result--failed'}
          role="status"
          data-testid="channel-test-result"
        >
          {test.ok ? 'Delivered: ' : `Failed${test.code ? ` (${test.code})` : ''}: `}
          <span>{test.answer}</span> <span className="muted">({test.ms} ms)</span>
        </p>
      )}
      <div className="button-row">
        <button
          type="submit"
          className="btn btn--primary"
          {...control(d.id === undefined ? 'channels.create' : 'channels.update', { disabled: busy })}
        >
          Save channel
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => void sendTest()}>
          Send test
        </button>
        <button type="button" className="btn btn--ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
