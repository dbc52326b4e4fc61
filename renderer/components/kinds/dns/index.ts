import type { RendererKind } from '../types';
import { DetailFacts } from '../common/DetailFacts';
import { DnsFields } from './Fields';

/** The dns kind in the renderer: registered in ../index.ts. */
export const dnsKind: RendererKind<'dns'> = {
  label: 'DNS record',
  breakdownTitle: 'Where the time goes',
  Fields: DnsFields,
  Breakdown: DetailFacts,
  // A name to resolve is not a target one can open; the dashboard row shows none.
  summary: () => '',
};
