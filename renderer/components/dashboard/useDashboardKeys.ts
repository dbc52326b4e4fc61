import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { AcknowledgeState } from '../../hooks/useAcknowledge';
import { useHotkeys } from '../../hooks/useHotkeys';
import type { DashboardItem, ListOptions } from '../../lib/dashboard';
import { navigate, routeHref } from '../../lib/route';

interface Args {
  /** The rows in the order shown. */
  order: readonly DashboardItem[];
  options: ListOptions;
  onOptions: (o: ListOptions) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  ack: AcknowledgeState;
  /** Remembers which monitor an incident belongs to, for the acknowledgement's notice. */
  names: Map<number, string>;
  setNotice: (s: string) => void;
}

/** The dashboard's keys: `/` search, j / k select, Enter opens, a acknowledges, Escape leaves the search. */
export function useDashboardKeys({ order, options, onOptions, searchRef, ack, names, setNotice }: Args) {
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const open = useCallback((id: number) => navigate(routeHref('monitor', { id })), []);

  // Keys can arrive faster than React renders: the ref is the selection as of the last key, so
  // j j k moves from where the previous key left it and the focused row is always the selected one.
  const selectedRef = useRef<number | null>(selectedId);
  useEffect(() => {
    selectedRef.current = selectedId;
  }, [selectedId]);
  const move = (delta: number) => {
    if (order.length === 0) return;
    const at = order.findIndex((i) => i.monitor.id === selectedRef.current);
    const next = at === -1 ? (delta > 0 ? 0 : order.length - 1) : Math.min(order.length - 1, Math.max(0, at + delta));
    const id = order[next]!.monitor.id;
    selectedRef.current = id;
    setSelectedId(id);
    // Keep keyboard focus on the selected row so Enter / screen readers follow along: at once when
    // the row is on screen (an Enter right after must open this row, not the previously focused
    // one), and again after the render for a virtualized row that was not there yet.
    const focusSelected = () =>
      document.querySelector<HTMLElement>(`[data-monitor-id="${selectedRef.current}"]`)?.focus();
    focusSelected();
    requestAnimationFrame(focusSelected);
  };

  async function acknowledge() {
    const item = order.find((i) => i.monitor.id === selectedId);
    if (!item) return setNotice('Select a monitor first (j / k).');
    if (item.incidentId === null) return setNotice(`${item.monitor.name} has no open incident to acknowledge.`);
    names.set(item.incidentId, item.monitor.name);
    await ack.acknowledge([item.incidentId]);
  }

  useHotkeys({
    '/': () => searchRef.current?.focus(),
    j: () => move(1),
    k: () => move(-1),
    Enter: () => selectedId !== null && open(selectedId),
    a: () => void acknowledge(),
    // Escape clears the search and leaves the box, so j / k move again instead of typing.
    Escape: (e) => {
      if (e.target === searchRef.current && options.query) onOptions({ ...options, query: '' });
      searchRef.current?.blur();
    },
  });

  // A selection that was filtered away is dropped (while rendering, so no frame shows it).
  if (selectedId !== null && !order.some((i) => i.monitor.id === selectedId)) setSelectedId(null);

  return { selectedId, open };
}
