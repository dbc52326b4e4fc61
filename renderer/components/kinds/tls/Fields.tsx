import { TLS_VERSIONS } from '../../../../shared/probes/tls';
import { kindControls } from '../common/kind-controls';
import type { KindFieldsProps } from '../types';

const PROTOCOL_OPTIONS = [['', 'Any'] as const, ...TLS_VERSIONS.map((v) => [v, `${v} or newer`] as const)];

/** Fields of a TLS certificate monitor: endpoint, expiry thresholds, minimum protocol, extra CA. */
export function TlsFields(props: KindFieldsProps) {
  const c = kindControls(props, 'tls');
  return (
    <>
      <div className="field-row">
        {c.text('host', 'Host', { placeholder: 'api.example.com' })}
        {c.number('port', 'Port', { placeholder: '443' })}
      </div>
      {c.text('servername', 'Server name (SNI)', {
        hint: 'Blank to use the host; the certificate must cover this name',
      })}
      <div className="field-row">
        {c.number('warnDays', 'Warn below (days left)', { hint: 'Degraded; default 14' })}
        {c.number('failDays', 'Fail below (days left)', { hint: 'Down; default 3' })}
      </div>
      {c.select('minProtocol', 'Minimum protocol', PROTOCOL_OPTIONS, '')}
      {c.textarea('ca', 'Extra trusted CA (PEM)', {
        placeholder: '-----BEGIN CERTIFICATE-----',
        hint: 'For internal hosts signed by your own authority; added to the system roots',
      })}
      <div className="field-row">
        {c.number('timeoutMs', 'Timeout (ms)', { hint: 'Default 10000 ms' })}
        {c.number('degradedAboveMs', 'Slow handshake above (ms)', { hint: 'Default 3000 ms' })}
      </div>
    </>
  );
}
