import type { RendererKind } from '../types';
import { TimingPhases } from '../common/TimingPhases';
import { HttpFields } from './Fields';

/** The http kind in the renderer: registered in ../index.ts. */
export const httpKind: RendererKind<'http'> = {
  label: 'HTTP(S) endpoint',
  breakdownTitle: 'Where the time goes',
  Fields: HttpFields,
  Breakdown: TimingPhases,
  summary: (c) => c.url,
};
