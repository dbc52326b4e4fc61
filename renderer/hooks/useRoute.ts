import { useSyncExternalStore } from 'react';
import { parseRoute, type Route } from '../lib/route';

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}
const snapshot = () => window.location.hash;

/** The current hash route; re-renders on every hash change (links, back/forward, navigate()). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, snapshot, snapshot);
  return parseRoute(hash);
}
