import { useEffect, useState } from 'react';
import type { Alert } from '../../shared/alerts';
import { useAppInfo } from '../hooks/useAppInfo';
import { useEvent } from '../hooks/useEvent';
import { useStates } from '../hooks/useStates';
import { navigate, routeHref } from '../lib/route';
import { NotificationArea } from './alerts/NotificationArea';

function incidentHref(a: Alert): string {
  return a.incidentId === null ? routeHref('incidents') : routeHref('incidents', { params: { id: a.incidentId } });
}

/** A short two-tone chime; generated, so no audio file has to pass the CSP. */
function chime(): void {
  const Ctx = window.AudioContext as typeof AudioContext | undefined;
  if (!Ctx) return;
  const ctx = new Ctx();
  [880, 660].forEach((freq, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = freq;
    gain.gain.value = 0.08;
    osc.connect(gain).connect(ctx.destination);
    osc.start(ctx.currentTime + i * 0.18);
    osc.stop(ctx.currentTime + i * 0.18 + 0.15);
  });
  setTimeout(() => void ctx.close(), 1000);
}

/**
 * Shows the core's alerts: in the page through the compact notification area (fed by the alert
 * log), and in serve mode as browser notifications once the operator allows them (the desktop shell shows OS ones itself).
 * Keeps the tab title on "N down".
 */
export function AlertNotifier() {
  const info = useAppInfo();
  const serve = info.data?.mode === 'serve';
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>(() =>
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  );
  const states = useStates();
  const down = [...states.data.values()].filter((s) => s.state === 'down').length;

  useEffect(() => {
    document.title = down > 0 ? `Lookout — ${down} down` : 'Lookout';
  }, [down]);

  useEvent('alert', (a) => {
    if (!serve) return;
    if (a.sound) chime();
    if (permission !== 'granted') return;
    const n = new Notification(a.title, { body: a.body, tag: a.id });
    n.onclick = () => {
      window.focus();
      navigate(incidentHref(a));
    };
  });

  async function ask(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  }

  return (
    <section className="alerts" aria-label="Alerts">
      {serve && permission === 'default' && (
        <p className="banner">
          Lookout can show a notification when a monitor goes down.{' '}
          <button type="button" className="btn btn--small" onClick={() => void ask()}>
            Allow notifications
          </button>
        </p>
      )}
      <NotificationArea />
    </section>
  );
}
