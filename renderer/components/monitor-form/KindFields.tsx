import type { ProbeKind } from '../../../shared/monitor';
import { KIND_FIELDS, KIND_LABELS } from '../kinds';

interface Props {
  kind: ProbeKind;
  /** Keeps a kind's fields apart between monitors (their own state resets). */
  monitorKey: number | 'new';
  config: Record<string, unknown>;
  onChange: (c: Record<string, unknown>) => void;
  errors: Record<string, string>;
  idPrefix: string;
  disabled: boolean;
  groupRef: React.Ref<HTMLDivElement>;
}

/** The kind's own settings (`config.*`): the field component its registry entry names. */
export function KindFields({ kind, monitorKey, config, onChange, errors, idPrefix, disabled, groupRef }: Props) {
  const Fields = KIND_FIELDS[kind];
  return (
    <div className="kind-fields" ref={groupRef} role="group" aria-label={`${KIND_LABELS[kind]} settings`}>
      <Fields
        key={`${kind}-${monitorKey}`}
        config={config}
        onChange={onChange}
        errors={errors}
        idPrefix={idPrefix}
        disabled={disabled}
      />
    </div>
  );
}
