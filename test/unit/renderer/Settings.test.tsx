// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../../shared/errors';
import { Settings } from '../../../shared/settings';
import { TransportProvider } from '../../../renderer/api/context';
import { App } from '../../../renderer/App';
import { FakeTransport, dashboardOf } from './fake-transport';

afterEach(cleanup);
beforeEach(() => {
  window.location.hash = '#/settings';
});

describe('Settings page', () => {
  it('loads, saves a patch, applies the theme, and shows a field error by path', async () => {
    let current = Settings.parse({});
    const t = new FakeTransport({
      'app.info': () => ({ version: '1', mode: 'serve', dbPath: 'x', readOnly: false, firstRun: false, demo: false }),
      'monitors.list': () => [],
      'results.latest': () => [],
      'dashboard.get': () => dashboardOf([]),
      'settings.get': () => current,
      'settings.update': (patch) => {
        const p = patch as { probing?: { retries?: unknown } };
        if (p.probing?.retries === 50)
          throw new ApiError('invalid_input', 'Invalid', [
            { path: 'probing.retries', message: 'Too big: expected number to be <=10' },
          ]);
        current = Settings.parse({ ...current, ...patch });
        return current;
      },
    });
    render(
      <TransportProvider transport={t}>
        <App />
      </TransportProvider>,
    );
    const theme = await screen.findByLabelText<HTMLSelectElement>('Theme');
    expect(theme.value).toBe('system');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Reference hosts').value).toBe('1.1.1.1:443\n8.8.8.8:443');

    fireEvent.change(screen.getByLabelText('Retries'), { target: { value: '50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const retries = screen.getByLabelText('Retries');
    await waitFor(() => expect(retries.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(retries.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe(
      'Too big: expected number to be <=10',
    );

    fireEvent.change(retries, { target: { value: '3' } });
    fireEvent.change(theme, { target: { value: 'dark' } });
    fireEvent.change(screen.getByLabelText('Reference hosts'), { target: { value: '9.9.9.9:53\n1.1.1.1:443' } });
    fireEvent.change(screen.getByLabelText('Live streaming'), { target: { value: '0.999' } });
    // Notice templates' contact details and audience zones.
    fireEvent.change(screen.getByLabelText('Contact email'), { target: { value: 'ops@example.org' } });
    fireEvent.change(screen.getByLabelText('Audience time zones'), {
      target: { value: 'Europe/London\nAmerica/New_York' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    const sent = t.callsOf('settings.update').at(-1) as Record<string, { [k: string]: unknown }>;
    expect(sent.probing).toMatchObject({ retries: 3 });
    expect(sent.connectivity).toMatchObject({ referenceHosts: ['9.9.9.9:53', '1.1.1.1:443'] });
    expect(sent.slo).toMatchObject({ groups: { 'Live streaming': 0.999 } });
    expect(sent.theme).toBe('dark');
    expect(sent.contact).toMatchObject({ email: 'ops@example.org', team: 'Platform operations' });
    expect(sent.audienceZones).toEqual(['Europe/London', 'America/New_York']);
    // The theme applies as soon as the core confirms it (the settings event carries it to every window).
    t.emit('settings', current);
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
  });
});
