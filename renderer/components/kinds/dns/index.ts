import type { RendererKind } from '../types';
import { DetailFacts } from '../common/DetailFacts';
import { DnsFields } from './Fields';

/** The dns kind in the renderer: registered in ../index.ts. */
export const dnsKind: RendererKind<'dns'> = {
  label: 'DNS record',
  breakdownTitle: 'Where the time goes',
  Fields: DnsFields,
  Breakdown: DetailFacts,
  // Not a target one can open, but what the row is about: the name, its record type and, when not
  // the system's resolvers, the server asked ("live.example.com AAAA @ 1.1.1.1"); search finds it too.
  summary: (c) => `${c.name} ${c.type}${c.server ? ` @ ${c.server}` : ''}`,
};
