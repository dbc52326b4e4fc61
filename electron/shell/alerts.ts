import { Notification } from 'electron';
import type { Dispatch } from '../core/dispatch';
import type { EventBus } from '../core/events';
import type { StatusTray } from '../tray';

/**
 * OS notifications for the core's alerts (a click opens the incident), and the down count in the
 * window title and the tray. Returns the unsubscribe.
 */
export function wireDesktopAlerts(
  c: { bus: EventBus; dispatch: Dispatch },
  deps: { open(hash: string): void; setTitle(title: string): void; tray: StatusTray | undefined },
): () => void {
  const offAlert = c.bus.on('alert', (a) => {
    if (!Notification.isSupported()) return;
    const n = new Notification({ title: a.title, body: a.body, silent: !a.sound });
    // The alert links to its incident (hash route, see renderer/lib/route.ts).
    n.on('click', () => deps.open(a.incidentId === null ? '#/incidents' : `#/incidents?id=${a.incidentId}`));
    n.show();
  });
  const down = new Set<number>();
  const show = () => {
    deps.setTitle(down.size > 0 ? `Lookout — ${down.size} down` : 'Lookout');
    deps.tray?.setDown(down.size);
  };
  const offState = c.bus.on('state', (s) => {
    if (s.state === 'down') down.add(s.monitorId);
    else down.delete(s.monitorId);
    show();
  });
  // Monitors still down from before a restart (or in a database just switched to) have no new state event.
  const reload = () =>
    void c.dispatch('state.list', {}).then((r) => {
      if (!r.ok) return;
      down.clear();
      for (const s of r.result as { monitorId: number; state: string }[]) if (s.state === 'down') down.add(s.monitorId);
      show();
    });
  const offDb = c.bus.on('database', reload);
  reload();
  return () => {
    offAlert();
    offState();
    offDb();
  };
}
