// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../../shared/errors';
import type { Monitor } from '../../../shared/monitor';
import { TransportProvider } from '../../../renderer/api/context';
import { MonitorForm } from '../../../renderer/components/MonitorForm';
import { FakeTransport, monitor } from './fake-transport';

afterEach(cleanup);

function setup(transport: FakeTransport, edit?: Monitor) {
  render(
    <TransportProvider transport={transport}>
      <MonitorForm monitor={edit} />
    </TransportProvider>,
  );
  return {
    name: screen.getByLabelText<HTMLInputElement>('Name'),
    kind: screen.getByLabelText<HTMLSelectElement>('Kind'),
    group: screen.getByLabelText<HTMLSelectElement>('Group'),
    interval: screen.getByLabelText<HTMLInputElement>('Interval (s)'),
    slo: screen.getByLabelText<HTMLSelectElement>('SLO target'),
    url: () => screen.getByLabelText<HTMLInputElement>('URL', { exact: true }),
    submit: screen.getByRole('button', { name: edit ? 'Save changes' : 'Add monitor' }),
  };
}

const describedAlert = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .find((e) => e?.getAttribute('role') === 'alert')?.textContent;

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
    fireEvent.change(f.url(), { target: { value: 'ftp://nope' } });
    fireEvent.change(f.group, { target: { value: 'Live streaming' } });
    fireEvent.change(f.interval, { target: { value: '30' } });
    // Targets read as set, as the dashboard and the report print them.
    expect(Array.from(f.slo.options, (o) => o.textContent)).toEqual([
      'Group default',
      '99%',
      '99.5%',
      '99.9%',
      '99.95%',
      '99.99%',
    ]);
    fireEvent.change(f.slo, { target: { value: '0.999' } });
    fireEvent.click(f.submit);

    await waitFor(() => expect(f.url().getAttribute('aria-invalid')).toBe('true'));
    expect(describedAlert(f.url())).toBe('Must be an http:// or https:// URL');
    expect(f.name.getAttribute('aria-invalid')).toBeNull();
    // Focus moves to the first invalid kind field on the render after the errors show.
    await waitFor(() => expect(document.activeElement).toBe(f.url()));
    // The form sent what was typed; validation is the contract's job.
    expect(t.callsOf('monitors.create')[0]).toMatchObject({
      name: 'Homepage',
      group: 'Live streaming',
      intervalSec: 30,
      sloTarget: 0.999,
      kind: 'http',
      config: { url: 'ftp://nope' },
    });

    fail = false;
    fireEvent.change(f.url(), { target: { value: 'https://example.test/' } });
    fireEvent.click(f.submit);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Added “Homepage”'));
    expect(f.url().getAttribute('aria-invalid')).toBeNull();
    expect(f.name.value).toBe('');
  });

  it('routes monitor fields and config paths to their fields, the rest to a form-level alert', async () => {
    const t = new FakeTransport({
      'monitors.create': () => {
        throw new ApiError('invalid_input', 'Invalid input', [
          { path: 'name', message: 'Give the monitor a name' },
          { path: 'intervalSec', message: 'At least 5 seconds' },
          { path: 'config.degradedAboveMs', message: 'Too small: expected number to be >=1' },
          { path: 'tags', message: 'Something else' },
        ]);
      },
    });
    const f = setup(t);
    fireEvent.change(f.interval, { target: { value: '2' } });
    fireEvent.click(f.submit);
    await screen.findAllByRole('alert');
    expect(describedAlert(f.name)).toBe('Give the monitor a name');
    expect(describedAlert(f.interval)).toBe('At least 5 seconds');
    expect(describedAlert(screen.getByLabelText('Degraded above (ms)'))).toBe('Too small: expected number to be >=1');
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain('tags: Something else');
    expect(document.activeElement).toBe(f.name);
  });

  it('creates any kind: the kind selector swaps in that kind’s fields', async () => {
    const t = new FakeTransport({ 'monitors.create': (i) => monitor(3, String((i as { name: string }).name)) });
    const f = setup(t);
    fireEvent.change(f.kind, { target: { value: 'tcp' } });
    const group = screen.getByRole('group', { name: 'TCP port settings' });
    expect(within(group).queryByLabelText('URL', { exact: true })).toBeNull();
    fireEvent.change(f.name, { target: { value: 'Database' } });
    fireEvent.change(within(group).getByLabelText(/Host/), { target: { value: 'db.internal' } });
    fireEvent.change(within(group).getByLabelText(/Port/), { target: { value: '5432' } });
    fireEvent.click(f.submit);
    await waitFor(() => expect(t.callsOf('monitors.create')).toHaveLength(1));
    expect(t.callsOf('monitors.create')[0]).toMatchObject({
      name: 'Database',
      kind: 'tcp',
      config: { host: 'db.internal', port: 5432 },
    });
  });

  it('edits an existing monitor with monitors.update, and shows its errors at the field', async () => {
    const existing = monitor(5, 'Homepage', 'Web', { sloTarget: 0.995, intervalSec: 30 });
    let fail = true;
    const t = new FakeTransport({
      'monitors.update': (i) => {
        if (fail)
          throw new ApiError('invalid_input', 'Invalid', [
            { path: 'monitor.retries', message: 'Too big: expected number to be <=10' },
          ]);
        return { ...existing, name: (i as { monitor: { name: string } }).monitor.name };
      },
    });
    const f = setup(t, existing);
    expect(f.name.value).toBe('Homepage');
    expect(f.interval.value).toBe('30');
    expect(f.slo.value).toBe('0.995');
    expect(f.url().value).toBe('https://example.test/5');
    fireEvent.change(screen.getByLabelText('Retries'), { target: { value: '50' } });
    fireEvent.click(f.submit);
    await waitFor(() =>
      expect(describedAlert(screen.getByLabelText('Retries'))).toBe('Too big: expected number to be <=10'),
    );
    fail = false;
    fireEvent.change(screen.getByLabelText('Retries'), { target: { value: '3' } });
    fireEvent.change(f.name, { target: { value: 'Home' } });
    fireEvent.click(f.submit);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Saved “Home”'));
    expect(t.callsOf('monitors.update')[1]).toMatchObject({
      id: 5,
      monitor: { name: 'Home', retries: 3, intervalSec: 30, sloTarget: 0.995, kind: 'http' },
    });
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
