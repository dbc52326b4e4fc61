import { useState, type ChangeEvent } from 'react';
import type { IcsImportError } from '../../../shared/maintenance';
import { useTransport } from '../../api/context';
import { asApiError } from '../../hooks/useApiQuery';
import { useMethodControl } from '../../hooks/useReviewMode';

/** Saves text as a file through the browser (works the same in the desktop window and serve mode). */
export function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Export every upcoming window as .ics; import an .ics file (nothing is imported unless all of it can be). */
export function IcsControls({ readOnly, groups }: { readOnly: boolean; groups: string[] }) {
  const transport = useTransport();
  const [errors, setErrors] = useState<IcsImportError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [defaultGroup, setDefaultGroup] = useState('');
  const control = useMethodControl();

  async function exportAll() {
    try {
      const f = await transport.invoke('maintenance.exportIcs', {});
      download(f.filename, f.text);
    } catch (err) {
      setMessage(asApiError(err).message);
    }
  }

  async function importFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setErrors([]);
    setMessage(null);
    try {
      const text = await file.text();
      const r = await transport.invoke('maintenance.importIcs', { text, groups: defaultGroup ? [defaultGroup] : [] });
      setErrors(r.errors);
      setMessage(
        r.errors.length
          ? `${file.name} was not imported:`
          : `Imported ${r.windows.length} window${r.windows.length === 1 ? '' : 's'} from ${file.name}.`,
      );
    } catch (err) {
      setMessage(asApiError(err).message);
    }
  }

  return (
    <div className="mx-form">
      <div className="button-row">
        <button type="button" className="btn" onClick={() => void exportAll()}>
          Export upcoming (.ics)
        </button>
        {!readOnly && (
          <>
            <label className="btn">
              Import .ics…
              <input
                type="file"
                accept=".ics,text/calendar"
                className="sr-only"
                onChange={(e) => void importFile(e)}
                {...control('maintenance.importIcs')}
              />
            </label>
            <label>
              for events naming no group:{' '}
              <select value={defaultGroup} onChange={(e) => setDefaultGroup(e.target.value)}>
                <option value="">(refuse them)</option>
                {groups.map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
      </div>
      {message && <p role="status">{message}</p>}
      {errors.length > 0 && (
        <ul className="mx-import-errors">
          {errors.map((e, i) => (
            <li key={i}>
              Line {e.line}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
