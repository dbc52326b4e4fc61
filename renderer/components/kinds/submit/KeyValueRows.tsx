/** Name → value pairs (headers, captures) as rows of two inputs. */
export function KeyValueRows({
  legend,
  idBase,
  value,
  keyLabel,
  valueLabel,
  addLabel,
  error,
  onChange,
}: {
  legend: string;
  idBase: string;
  value: Record<string, string>;
  keyLabel: string;
  valueLabel: string;
  addLabel: string;
  error: string | undefined;
  onChange(v: Record<string, string>): void;
}) {
  const entries = Object.entries(value);
  const update = (i: number, k: string, v: string) =>
    onChange(Object.fromEntries(entries.map((e, j) => (j === i ? [k, v] : e))));
  return (
    <fieldset className={`field kv-rows${error ? ' field--invalid' : ''}`}>
      <legend>{legend}</legend>
      {entries.map(([k, v], i) => (
        <div className="field-row" key={i}>
          <input
            type="text"
            autoComplete="off"
            aria-label={`${keyLabel} ${i + 1}`}
            id={`${idBase}-${i}-key`}
            value={k}
            onChange={(e) => update(i, e.target.value, v)}
          />
          <input
            type="text"
            autoComplete="off"
            aria-label={`${valueLabel} ${i + 1}`}
            id={`${idBase}-${i}-value`}
            value={v}
            onChange={(e) => update(i, k, e.target.value)}
          />
          <button
            type="button"
            className="btn"
            aria-label={`Remove ${keyLabel.toLowerCase()} ${i + 1}`}
            onClick={() => onChange(Object.fromEntries(entries.filter((_, j) => j !== i)))}
          >
            ×
          </button>
        </div>
      ))}
      {/* A second blank row would share the blank name and merge with the first. */}
      <button type="button" className="btn" disabled={'' in value} onClick={() => onChange({ ...value, '': '' })}>
        {addLabel}
      </button>
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}
