import type { RendererKind } from '../types';
import { HlsFacts } from './Breakdown';
import { HlsFields } from './Fields';

/** The hls kind in the renderer: registered in ../index.ts. */
export const hlsKind: RendererKind<'hls'> = {
  label: 'Live stream (HLS)',
  breakdownTitle: 'Live stream',
  Fields: HlsFields,
  Breakdown: HlsFacts,
  summary: (c) => c.url,
};
