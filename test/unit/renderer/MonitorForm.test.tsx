// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../../shared/errors';
import { TransportProvider } from '../../../renderer/api/context';
import { MonitorForm } from '../../../renderer/components/MonitorForm';
import { FakeTransport, monitor } from './fake-transport';

afterEach(cleanup);

function setup(transport: FakeTransport) {
  render(
    <TransportProvider transport={transport}>
      <MonitorForm />
    </TransportProvider>,
  );
  return {
    name: screen.getByLabelText('Name') as HTMLInputElement,
    url: screen.getByLabelText('URL') as HTMLInputElement,
    group: screen.getByLabelText('Group') as HTMLSelectElement,
    interval: screen.getByLabelText('Interval (s)') as HTMLInputElement,
    slow: screen.getByLabelText('Slow above (ms)') as HTMLInputElement,
    submit: screen.getByRole('button', { name: 'Add monitor' }),
  };
}

describe('MonitorForm', () => {
  it('shows the contract error under the URL field, then clears it on success', async () => {
    const urlIssue = { path: 'config.url', message: 'Must be an http:// or https:// URL' };
    let fail = true;
    const t = new FakeTransport({
      'monitors.create': (input) => {
        if (fail) throw new ApiError('invalid_input', 'Invalid input for monitors.create at config.url', [urlIssue]);
        return monitor(7, String((input as { name: string }).name));
      },
    });
    const f = setup(t);

    fireEvent.change(f.name, { target: { value: 'Homepage' } });
    fireEvent.change(f.url, { target: { value: 'ftp://nope' } });
    fireEvent.change(f.group, { target: { value: 'Live streaming' } });
    fireEvent.change(f.interval, { target: { value: '30' } });
    fireEvent.click(f.submit);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Must be an http:// or https:// URL');
    expect(f.url.getAttribute('aria-invalid')).toBe('true');
    expect(f.url.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    // It sits right under the URL field, not elsewhere.
    expect(f.url.parentElement?.contains(alert)).toBe(true);
    expect(f.name.getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(f.url);
    // The form sent what was typed; validation is the contract's job.
    expect(t.callsOf('monitors.create')[0]).toEqual({
      name: 'Homepage',
      group: 'Live streaming',
      intervalSec: 30,
      kind: 'http',
      config: { url: 'ftp://nope', degradedAboveMs: undefined },
    });

    fail = false;
    fireEvent.change(f.url, { target: { value: 'https://example.test/' } });
    fireEvent.click(f.submit);

    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(f.url.getAttribute('aria-invalid')).toBeNull();
    expect(f.name.value).toBe('');
    expect(f.url.value).toBe('');
    expect(f.interval.value).toBe('');
    expect(screen.getByRole('status').textContent).toContain('Added “Homepage”');
  });

  it('maps each issue path to its field and the rest to a form-level alert', async () => {
    const t = new FakeTransport({
      'monitors.create': () => {
        throw new ApiError('invalid_input', 'Invalid input', [
          { path: 'name', message: 'Give the monitor a name' },
          { path: 'intervalSec', message: 'At least 5 seconds' },
          { path: 'config.degradedAboveMs', message: 'Too small: expected number to be >=1' },
          { path: 'config.timeoutMs', message: 'Something else' },
        ]);
      },
    });
    const f = setup(t);
    fireEvent.change(f.interval, { target: { value: '2' } });
    fireEvent.change(f.slow, { target: { value: '0' } });
    fireEvent.click(f.submit);

    await screen.findAllByRole('alert');
    const describedText = (el: HTMLElement) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id))
        .find((e) => e?.getAttribute('role') === 'alert')?.textContent;
    expect(describedText(f.name)).toBe('Give the monitor a name');
    expect(describedText(f.interval)).toBe('At least 5 seconds');
    expect(describedText(f.slow)).toBe('Too small: expected number to be >=1');
    expect(f.url.getAttribute('aria-invalid')).toBeNull();
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts).toContain('config.timeoutMs: Something else');
    expect(t.callsOf('monitors.create')[0]).toMatchObject({ intervalSec: 2, config: { degradedAboveMs: 0 } });
    expect(document.activeElement).toBe(f.name);
  });

  it('shows non-validation errors at form level', async () => {
    const t = new FakeTransport({
      'monitors.create': () => {
        throw new ApiError('read_only', 'This database is open read-only');
      },
    });
    const f = setup(t);
    fireEvent.click(f.submit);
    expect((await screen.findByRole('alert')).textContent).toBe('This database is open read-only');
  });
});
