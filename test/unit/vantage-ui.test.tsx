// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { TransportProvider } from '../../renderer/api/context';
import { MonitorForm } from '../../renderer/components/MonitorForm';
import { VantageNote } from '../../renderer/components/vantage/VantageNote';
import { VantagePanel } from '../../renderer/components/vantage/VantagePanel';
import type { MonitorVantages, VantageStatus } from '../../shared/vantage';
import { FakeTransport, monitor } from './renderer/fake-transport';

// Components against the Transport double; what the core answers is tested in vantage-ingest and the e2e.
afterEach(cleanup);
const T = Date.UTC(2026, 10, 20, 12);
const regional: MonitorVantages = {
  monitorId: 4,
  vantages: [
    { vantage: 'local', status: 'up', ts: T, latencyMs: 40 },
    { vantage: 'eu-west', status: 'down', ts: T, latencyMs: null },
    { vantage: 'us-east', status: 'up', ts: T, latencyMs: 55, phases: { dns: 2, connect: 10, ttfb: 41, download: 1 } },
  ],
  summary: 'down in eu-west only',
  verdict: 'regional',
  problem: null,
};
const status: VantageStatus = {
  source: { configured: true, health: 'ok', lastReadAt: T, message: null, hasSecret: false },
  monitors: [regional],
};

describe('vantage views', () => {
  it('the dashboard row says "down in eu-west only" and nothing when every vantage agrees', () => {
    const { rerender } = render(<VantageNote view={regional} />);
    expect(screen.getByText('down in eu-west only').getAttribute('data-verdict')).toBe('regional');
    // Not twice: the row's newest result already names the region.
    rerender(<VantageNote view={regional} latestCode="regional" />);
    expect(screen.queryByText('down in eu-west only')).toBeNull();
    rerender(<VantageNote view={{ ...regional, verdict: 'up', summary: null }} />);
    expect(screen.queryByText(/down in/)).toBeNull();
    rerender(
      <VantageNote
        view={{
          ...regional,
          problem: { code: 'vantage_no_series', message: 'The selector matches no series in Prometheus' },
        }}
      />,
    );
    expect(screen.getByText(/matches no series/)).toBeTruthy();
  });

  it('the monitor page draws a strip per vantage and lists each vantage with its status', async () => {
    const point = (t: number, down: number, degraded = 0) => ({
      t,
      up: down || degraded ? 0 : 2,
      degraded,
      down,
      avg: 40,
    });
    const t = new FakeTransport({
      'vantage.status': () => status,
      'vantage.series': () => ({
        monitorId: 4,
        bucketMs: 60_000,
        lines: [
          { vantage: 'local', points: [point(T - 120_000, 0), point(T - 60_000, 0, 1)] },
          { vantage: 'eu-west', points: [point(T - 120_000, 0), point(T - 60_000, 2)] },
          { vantage: 'us-east', points: [point(T - 120_000, 0), point(T - 60_000, 0)] },
        ],
      }),
    });
    const { container } = render(
      <TransportProvider transport={t as never}>
        <VantagePanel monitorId={4} from={T - 180_000} to={T} />
      </TransportProvider>,
    );
    await waitFor(() => expect(container.querySelectorAll('figure.vantage-strip')).toHaveLength(3));
    expect(screen.getByRole('img', { name: 'eu-west: 1 periods down, 1 up' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'This console: 0 periods down, 1 degraded, 1 up' })).toBeTruthy();
    expect(container.querySelector('[data-vantage="eu-west"][data-status="down"]')).toBeTruthy();
    // The region's newest HTTP phases, under its status; a region without them shows none.
    expect(container.querySelector('li[data-vantage="us-east"] .vantage-phases')?.textContent).toBe(
      'DNS 2 ms · Connect 10 ms · First byte 41 ms · Download 1 ms',
    );
    expect(container.querySelector('li[data-vantage="eu-west"] .vantage-phases')).toBeNull();
    expect(screen.getByText('down in eu-west only')).toBeTruthy();
    expect(t.callsOf('vantage.series')[0]).toMatchObject({ monitorId: 4, from: T - 180_000, to: T });
  });

  it('editing a monitor keeps its vantage option, and the selector can be changed', async () => {
    const m = monitor(4, 'Stream', 'Live streaming', {
      vantage: { selector: 'probe_success{instance="https://s/"}', regionLabel: 'region', quorum: null },
    });
    const t = new FakeTransport({ 'monitors.update': ({ monitor: d }) => ({ ...m, ...(d as object) }) });
    render(
      <TransportProvider transport={t as never}>
        <MonitorForm monitor={m} />
      </TransportProvider>,
    );
    const box = screen.getByLabelText<HTMLInputElement>('PromQL selector');
    expect(box.value).toBe('probe_success{instance="https://s/"}');
    fireEvent.change(box, { target: { value: 'probe_success{instance="https://s/live"}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(t.callsOf('monitors.update')).toHaveLength(1));
    expect((t.callsOf('monitors.update')[0] as { monitor: { vantage: unknown } }).monitor.vantage).toEqual({
      selector: 'probe_success{instance="https://s/live"}',
      regionLabel: 'region',
      quorum: null,
    });
  });
});
