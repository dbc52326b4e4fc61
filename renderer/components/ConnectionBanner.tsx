import type { ConnectionInfo } from '../api/connection';

/** Shown while the serve WebSocket is down; the transport reconnects on its own. */
export function ConnectionBanner({ connection }: { connection: ConnectionInfo }) {
  if (connection.state === 'open') return null;
  const text = connection.opens === 0 ? 'Connecting to Lookout…' : 'Connection to Lookout lost — reconnecting…';
  return (
    <div className="banner banner--warning" role="status">
      <span className="spinner" aria-hidden="true" />
      {text}
    </div>
  );
}

export function connectionLabel(connection: ConnectionInfo): string {
  if (connection.state === 'open') return 'Connected';
  return connection.opens === 0 ? 'Connecting…' : 'Reconnecting…';
}
