import type { Store } from '../store';

/** The operator's answer to the demo offer ('loaded' or 'declined'); unset on a fresh database. */
export const DEMO_DECIDED_KEY = 'demo.decided';

/** A fresh, writable database nobody has answered the offer for: the welcome screen offers the demo. */
export function isFirstRun(store: Store): boolean {
  return !store.readOnly && store.settings.get(DEMO_DECIDED_KEY) === undefined && store.monitors.list().length === 0;
}

export function demoLoaded(store: Store): boolean {
  return store.settings.get(DEMO_DECIDED_KEY) === 'loaded';
}

export function decideDemo(store: Store, answer: 'loaded' | 'declined'): void {
  store.settings.set(DEMO_DECIDED_KEY, answer);
}

/** An operator who adds a monitor of their own has answered the offer, unless they had already. */
export function settleDemoOffer(store: Store): void {
  if (store.settings.get(DEMO_DECIDED_KEY) === undefined) decideDemo(store, 'declined');
}
