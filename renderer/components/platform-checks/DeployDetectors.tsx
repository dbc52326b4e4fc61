import { useState } from 'react';
import type { Monitor } from '../../../shared/monitor';
import { useTransport } from '../../api/context';
import { asApiError, useApiQuery } from '../../hooks/useApiQuery';
import { useMethodControl } from '../../hooks/useReviewMode';
import { Field } from '../Field';

/** Monitors whose answers' version header or JSON field records a deploy when it changes. */
export function DeployDetectors({ monitors }: { monitors: readonly Monitor[] }) {
  const transport = useTransport();
  const list = useApiQuery('deploys.detectors', {});
  const control = useMethodControl();
  const candidates = monitors.filter((m) => m.kind === 'http' || m.kind === 'page');
  const [f, setF] = useState({ monitorId: '', by: 'header', name: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = (input: Parameters<typeof transport.invoke<'deploys.setDetector'>>[1]) =>
    transport.invoke('deploys.setDetector', input).then(
      () => {
        setErrors({});
        list.refetch();
      },
      (err: unknown) => {
        const a = asApiError(err);
        setErrors(
          Object.fromEntries(
            (a.issues ?? [{ path: 'monitorId', message: a.message }]).map((i) => [
              i.path === 'jsonField' ? 'header' : i.path,
              i.message,
            ]),
          ),
        );
      },
    );
  return (
    <details>
      <summary>Detect deploys from a version header or JSON field</summary>
      <ul>
        {(list.data ?? []).map((d) => (
          <li key={d.monitorId}>
            {monitors.find((m) => m.id === d.monitorId)?.name ?? `Monitor ${d.monitorId}`}:{' '}
            {d.header ? `header ${d.header}` : `JSON field ${d.jsonField}`}{' '}
            <button
              type="button"
              onClick={() => void save({ monitorId: d.monitorId, off: true })}
              {...control('deploys.setDetector')}
            >
              Stop detecting
            </button>
          </li>
        ))}
      </ul>
      <form
        aria-label="Detect deploys"
        onSubmit={(e) => {
          e.preventDefault();
          const monitorId = Number(f.monitorId);
          void save(f.by === 'header' ? { monitorId, header: f.name } : { monitorId, jsonField: f.name });
        }}
      >
        <Field id="dd-monitor" label="Monitor" error={errors.monitorId}>
          {(a) => (
            <select {...a} value={f.monitorId} onChange={(e) => setF({ ...f, monitorId: e.target.value })}>
              <option value="">Choose…</option>
              {candidates.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="dd-by" label="Version from">
          {(a) => (
            <select {...a} value={f.by} onChange={(e) => setF({ ...f, by: e.target.value })}>
              <option value="header">a response header</option>
              <option value="json">a JSON field</option>
            </select>
          )}
        </Field>
        <Field
          id="dd-name"
          label={f.by === 'header' ? 'Header name' : 'JSON field (dotted path)'}
          error={errors.header}
        >
          {(a) => (
            <input
              {...a}
              value={f.name}
              onChange={(e) => setF({ ...f, name: e.target.value })}
              placeholder={f.by === 'header' ? 'x-app-version' : 'build.version'}
            />
          )}
        </Field>
        <button type="submit" {...control('deploys.setDetector')}>
          Detect
        </button>
      </form>
    </details>
  );
}
