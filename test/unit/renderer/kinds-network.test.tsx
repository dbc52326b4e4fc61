// @vitest-environment jsdom
import { useState, type ComponentType } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { DnsFields } from '../../../renderer/components/kinds/dns/Fields';
import { PageFields } from '../../../renderer/components/kinds/page/Fields';
import { TcpFields } from '../../../renderer/components/kinds/tcp/Fields';
import { TlsFields } from '../../../renderer/components/kinds/tls/Fields';
import type { KindFieldsProps } from '../../../renderer/components/kinds/types';
import { DnsConfig } from '../../../shared/probes/dns';
import { createTestCa } from '../../support/test-ca';
import { PageConfig } from '../../../shared/probes/page';
import { TcpConfig } from '../../../shared/probes/tcp';
import { TlsConfig } from '../../../shared/probes/tls';

afterEach(cleanup);

/** Renders a kind's fields the way the monitor form does: it owns the config, the fields edit it. */
function setup(
  Fields: ComponentType<KindFieldsProps>,
  initial: Record<string, unknown> = {},
  errors: Record<string, string> = {},
) {
  const seen: { config: Record<string, unknown> } = { config: initial };
  function Harness() {
    const [config, setConfig] = useState(initial);
    seen.config = config;
    return <Fields config={config} onChange={setConfig} errors={errors} idPrefix="m1" />;
  }
  render(<Harness />);
  const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
  return { seen, type };
}

describe('network kind fields', () => {
  it('TCP: what is typed is a valid config, numbers as numbers', () => {
    const { seen, type } = setup(TcpFields);
    type('Host', 'db.internal');
    type('Port', '5432');
    type('Timeout (ms)', '2000');
    expect(seen.config).toEqual({ host: 'db.internal', port: 5432, timeoutMs: 2000 });
    expect(TcpConfig.safeParse(seen.config).success).toBe(true);
    type('Timeout (ms)', '');
    expect(seen.config).not.toHaveProperty('timeoutMs');
  });

  it('TCP: shows the contract error under the field it names', () => {
    setup(TcpFields, { host: 'db', port: 'abc' }, { port: 'Enter a port number' });
    const port = screen.getByLabelText('Port');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Enter a port number');
    expect(port.getAttribute('aria-invalid')).toBe('true');
    expect(port.getAttribute('aria-describedby')).toContain(alert.id);
    expect(port.parentElement?.contains(alert)).toBe(true);
    expect((port as HTMLInputElement).value).toBe('abc');
  });

  it('DNS: record type, server and expected answers (one per line) make a valid config', () => {
    const { seen, type } = setup(DnsFields);
    // Not "Name": the monitor's own name field is "Name" in the same form.
    type('Host name to resolve', 'example.com');
    type('Record type', 'MX');
    type('DNS server', '10.0.0.53:5353');
    type('Expected answers', '10 mx1.example.com\nmx2.example.com\n');
    type('Match', 'all');
    expect(seen.config).toEqual({
      name: 'example.com',
      type: 'MX',
      server: '10.0.0.53:5353',
      expected: ['10 mx1.example.com', 'mx2.example.com', ''],
      match: 'all',
    });
    expect(DnsConfig.parse(seen.config).expected).toEqual(['10 mx1.example.com', 'mx2.example.com']);
    expect(screen.getByText(/Mail hosts, optionally with preference/)).toBeTruthy();
  });

  it('DNS: an error about one expected value shows under the expected answers', () => {
    setup(DnsFields, { name: 'example.com', expected: ['x'.repeat(300)] }, { 'expected.0': 'Too long' });
    expect(screen.getByLabelText('Expected answers').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('Too long');
  });

  it('TLS: thresholds, minimum protocol and a CA; "Any" protocol leaves the key out', () => {
    const { seen, type } = setup(TlsFields);
    type('Host', 'api.example.com');
    type('Warn below (days left)', '21');
    type('Fail below (days left)', '7');
    type('Minimum protocol', 'TLSv1.2');
    // A real certificate: the schema decodes the PEM and refuses garbage between the lines.
    type('Extra trusted CA (PEM)', createTestCa().certPem);
    expect(seen.config).toMatchObject({ host: 'api.example.com', warnDays: 21, failDays: 7, minProtocol: 'TLSv1.2' });
    expect(TlsConfig.safeParse(seen.config).success).toBe(true);
    type('Minimum protocol', '');
    expect(seen.config).not.toHaveProperty('minProtocol');
  });

  it('Page: URL and thresholds make a valid config', () => {
    const { seen, type } = setup(PageFields);
    type('Page URL', 'https://www.example.com/');
    type('Slow above (ms)', '2500');
    expect(seen.config).toEqual({ url: 'https://www.example.com/', degradedAboveMs: 2500 });
    expect(PageConfig.safeParse(seen.config).success).toBe(true);
  });
});
