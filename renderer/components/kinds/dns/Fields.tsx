import { DNS_RECORD_TYPES } from '../../../../shared/probes/dns';
import { kindControls } from '../common/kind-controls';
import type { KindFieldsProps } from '../types';

const TYPE_OPTIONS = DNS_RECORD_TYPES.map((t) => [t, t] as const);
const EXPECTED_HINT: Record<string, string> = {
  A: 'IPv4 addresses, one per line',
  AAAA: 'IPv6 addresses, one per line',
  CNAME: 'The target name',
  MX: 'Mail hosts, optionally with preference: 10 mx1.example.com',
  TXT: 'Full record texts, one per line',
};

/** Fields of a DNS monitor: a name and record type, the resolver to ask, optional expected answers. */
export function DnsFields(props: KindFieldsProps) {
  const c = kindControls(props, 'dns');
  const type = typeof props.config.type === 'string' ? props.config.type : 'A';
  return (
    <>
      <div className="field-row">
        {c.text('name', 'Host name to resolve', { placeholder: 'live.example.com' })}
        {c.select('type', 'Record type', TYPE_OPTIONS, 'A')}
      </div>
      {c.text('server', 'DNS server', {
        placeholder: 'System resolver',
        hint: 'Blank for the system resolver, or an IP with optional port: 10.0.0.53:5353',
      })}
      {c.lines('expected', 'Expected answers', { hint: `Optional. ${EXPECTED_HINT[type] ?? ''}` })}
      {c.select(
        'match',
        'Match',
        [
          ['any', 'Any expected value is answered'],
          ['all', 'All expected values are answered'],
        ],
        'any',
      )}
      <div className="field-row">
        {c.number('timeoutMs', 'Timeout (ms)', { hint: 'Default 5000 ms' })}
        {c.number('degradedAboveMs', 'Slow above (ms)', { hint: 'Default 3000 ms' })}
      </div>
    </>
  );
}
