import { useState } from 'react';
import type { ShellInfo } from '../../../shared/shell';
import { useTransport } from '../../api/context';
import { asApiError } from '../../hooks/useApiQuery';
import { useShellInfo } from '../../hooks/useShellInfo';

/**
 * What the shell around the console does on this machine: how probe secrets are protected (and
 * why the key file, when it is), start at login (desktop), and rotating serve mode's access token.
 */
export function ShellFieldset() {
  const transport = useTransport();
  const info = useShellInfo();
  const [shown, setShown] = useState<ShellInfo | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [rotated, setRotated] = useState<string | null>(null);
  const data = shown ?? info.data;
  if (!data) return null;

  const setLogin = async (enabled: boolean) => {
    setError(null);
    try {
      setShown(await transport.invoke('shell.setStartAtLogin', { enabled }));
    } catch (err) {
      setError(asApiError(err).message);
    }
  };
  const rotate = async () => {
    setError(null);
    try {
      const { url } = await transport.invoke('shell.rotateToken', {});
      setRotated(url);
      // This tab's old token no longer works: move it to the new URL (the others must be reopened).
      window.location.replace(url);
    } catch (err) {
      setError(asApiError(err).message);
    }
  };

  return (
    <fieldset className="card" aria-label="This computer">
      <legend>This computer</legend>
      <p data-testid="secrets-protection">
        Probe secrets are sealed with{' '}
        {data.secrets.protection === 'os-keychain' ? 'the OS keychain' : 'an owner-only key file beside the database'}.
        {data.secrets.note && <> {data.secrets.note}</>}
      </p>
      {data.startAtLogin.supported && (
        <label>
          <input
            type="checkbox"
            checked={data.startAtLogin.enabled}
            onChange={(e) => void setLogin(e.target.checked)}
          />{' '}
          Start Lookout when I log in
        </label>
      )}
      {data.serveToken.supported && (
        <p>
          The access token is kept for this database, so open tabs reconnect after a restart.{' '}
          <button type="button" className="btn btn--small" onClick={() => void rotate()}>
            Rotate access token
          </button>
          {rotated && <span role="status"> New URL: {rotated}</span>}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
