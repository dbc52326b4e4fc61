import type { RendererKind } from '../types';
import { SubmitSteps } from './Breakdown';
import { SubmitFields } from './Fields';

/** The submit kind in the renderer: registered in ../index.ts. */
export const submitKind: RendererKind<'submit'> = {
  label: 'Task submission',
  breakdownTitle: 'Submission steps',
  Fields: SubmitFields,
  Breakdown: SubmitSteps,
  // Several steps, several URLs: the row names the hosts they go to and how many steps there are
  // ("api.example.com · 3 steps"), not one URL as if it were the target.
  summary: (c) => {
    const hosts = [...new Set(c.steps.map((s) => hostOf(s.url)))];
    return `${hosts.join(', ')} · ${c.steps.length} ${c.steps.length === 1 ? 'step' : 'steps'}`;
  },
};

/** A step URL's host, or the URL as written when a variable stands where the host is. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
