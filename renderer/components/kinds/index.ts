import type { ComponentType } from 'react';
import type { ProbeKind } from '../../../shared/monitor';
import { DnsFields } from './dns';
import { HlsFields } from './hls';
import { HttpFields } from './http';
import { PageFields } from './page';
import { SubmitFields } from './submit';
import { TcpFields } from './tcp';
import { TlsFields } from './tls';
import type { KindFieldsProps } from './types';

/**
 * kind → its form fields. A kind without an entry gets GenericFields (main settings as inputs, the
 * rest as JSON), so every kind the contract knows can still be created and edited.
 */
export const KIND_FIELDS: Partial<Record<ProbeKind, ComponentType<KindFieldsProps>>> = {
  http: HttpFields,
  page: PageFields,
  tcp: TcpFields,
  dns: DnsFields,
  tls: TlsFields,
  hls: HlsFields,
  submit: SubmitFields,
};

export const KIND_LABELS: Record<ProbeKind, string> = {
  http: 'HTTP(S) endpoint',
  page: 'Web page',
  tcp: 'TCP port',
  dns: 'DNS record',
  tls: 'TLS certificate',
  hls: 'Live stream (HLS)',
  submit: 'Task submission',
};
