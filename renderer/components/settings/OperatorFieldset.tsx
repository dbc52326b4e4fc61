import { Field } from '../Field';

interface Props {
  id: string;
  name: string;
  error: string | undefined;
  onChange: (name: string) => void;
}

/** The name Acknowledge buttons and the `a` key use (asked once, then remembered here). */
export function OperatorFieldset({ id, name, error, onChange }: Props) {
  return (
    <fieldset className="card">
      <legend>Operator</legend>
      <Field
        id={id}
        label="Your name (acknowledge as)"
        error={error}
        hint="Shown on incidents you acknowledge. Leave empty to be asked at the next acknowledgement."
      >
        {(p) => <input {...p} type="text" maxLength={80} value={name} onChange={(e) => onChange(e.target.value)} />}
      </Field>
    </fieldset>
  );
}
