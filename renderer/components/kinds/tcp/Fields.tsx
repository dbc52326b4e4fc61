import { kindControls } from '../common/kind-controls';
import type { KindFieldsProps } from '../types';

/** Fields of a TCP monitor: a host and port that must accept a connection. */
export function TcpFields(props: KindFieldsProps) {
  const c = kindControls(props, 'tcp');
  return (
    <>
      <div className="field-row">
        {c.text('host', 'Host', { placeholder: 'db.internal or 10.0.0.5' })}
        {c.number('port', 'Port', { placeholder: '5432' })}
      </div>
      <div className="field-row">
        {c.number('timeoutMs', 'Timeout (ms)', { hint: 'Default 5000 ms' })}
        {c.number('degradedAboveMs', 'Slow above (ms)', { hint: 'Default 3000 ms' })}
      </div>
    </>
  );
}
