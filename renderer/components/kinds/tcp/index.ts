import type { RendererKind } from '../types';
import { DetailFacts } from '../common/DetailFacts';
import { TcpFields } from './Fields';

/** The tcp kind in the renderer: registered in ../index.ts. */
export const tcpKind: RendererKind<'tcp'> = {
  label: 'TCP port',
  breakdownTitle: 'Where the time goes',
  Fields: TcpFields,
  Breakdown: DetailFacts,
  summary: (c) => c.host,
};
