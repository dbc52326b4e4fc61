import type { RendererKind } from '../types';
import { TimingPhases } from '../common/TimingPhases';
import { PageFields } from './Fields';

/** The page kind in the renderer: registered in ../index.ts. */
export const pageKind: RendererKind<'page'> = {
  label: 'Web page',
  breakdownTitle: 'Where the time goes',
  Fields: PageFields,
  Breakdown: TimingPhases,
  summary: (c) => c.url,
};
