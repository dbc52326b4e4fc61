// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShellInfo } from '../../../shared/shell';
import { TransportProvider } from '../../../renderer/api/context';
import { ShellFieldset } from '../../../renderer/components/settings/ShellFieldset';
import { FakeTransport } from './fake-transport';

afterEach(cleanup);

const desktop = (over: Partial<ShellInfo> = {}): ShellInfo => ({
  secrets: { protection: 'os-keychain', note: null },
  startAtLogin: { supported: true, enabled: false },
  serveToken: { supported: false },
  metricsUrl: null,
  ...over,
});

describe('Settings › This computer', () => {
  it('says when secrets fall back to the key file, and why (no keyring: basic_text)', async () => {
    const note =
      "No keyring (GNOME Keyring, KWallet) is running, so Electron's safeStorage would use its basic_text backend with a constant key; secrets are sealed with the owner-only key file beside the database instead.";
    const t = new FakeTransport({ 'shell.info': () => desktop({ secrets: { protection: 'key-file', note } }) });
    render(
      <TransportProvider transport={t}>
        <ShellFieldset />
      </TransportProvider>,
    );
    const line = await screen.findByTestId('secrets-protection');
    expect(line.textContent).toContain('an owner-only key file beside the database');
    expect(line.textContent).toContain('basic_text');
  });

  it('turns start at login on through the contract', async () => {
    let enabled = false;
    const t = new FakeTransport({
      'shell.info': () => desktop(),
      'shell.setStartAtLogin': ({ enabled: on }) => (
        (enabled = on),
        desktop({ startAtLogin: { supported: true, enabled } })
      ),
    });
    render(
      <TransportProvider transport={t}>
        <ShellFieldset />
      </TransportProvider>,
    );
    const box = await screen.findByLabelText<HTMLInputElement>('Start Lookout when I log in');
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    await waitFor(() =>
      expect(screen.getByLabelText<HTMLInputElement>('Start Lookout when I log in').checked).toBe(true),
    );
    expect(t.callsOf('shell.setStartAtLogin')).toEqual([{ enabled: true }]);
  });

  it('serve mode offers to rotate the access token and no login item', async () => {
    const t = new FakeTransport({
      'shell.info': () =>
        desktop({
          startAtLogin: { supported: false, enabled: false },
          serveToken: { supported: true },
          secrets: { protection: 'key-file', note: null },
        }),
    });
    render(
      <TransportProvider transport={t}>
        <ShellFieldset />
      </TransportProvider>,
    );
    expect(await screen.findByRole('button', { name: 'Rotate access token' })).toBeTruthy();
    expect(screen.queryByLabelText('Start Lookout when I log in')).toBeNull();
  });
});
