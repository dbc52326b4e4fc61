import type { RendererKind } from '../types';
import { SubmitSteps } from './Breakdown';
import { SubmitFields } from './Fields';

/** The submit kind in the renderer: registered in ../index.ts. */
export const submitKind: RendererKind<'submit'> = {
  label: 'Task submission',
  breakdownTitle: 'Submission steps',
  Fields: SubmitFields,
  Breakdown: SubmitSteps,
  // Several steps, several URLs: no one line says which is the target, so the row shows none.
  summary: () => '',
};
