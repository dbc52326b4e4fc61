import type { RendererKind } from '../types';
import { DetailFacts } from '../common/DetailFacts';
import { TlsFields } from './Fields';

/** The tls kind in the renderer: registered in ../index.ts. */
export const tlsKind: RendererKind<'tls'> = {
  label: 'TLS certificate',
  breakdownTitle: 'Where the time goes',
  Fields: TlsFields,
  Breakdown: DetailFacts,
  summary: (c) => c.host,
};
