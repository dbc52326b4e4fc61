// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MonitorList, VIRTUALIZE_ABOVE } from '../../../renderer/components/MonitorList';
import { arrange, buildItems, DEFAULT_LIST_OPTIONS } from '../../../renderer/lib/dashboard';
import { dashboardOf, monitor, polyfillResizeObserver, result } from './fake-transport';
import type { Monitor } from '../../../shared/monitor';
import type { ProbeResult } from '../../../shared/result';

afterEach(cleanup);

// jsdom does no layout: give the virtual scroller a viewport so it renders a window of rows.
const originals = {
  clientHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
  offsetHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight'),
};
beforeAll(() => {
  polyfillResizeObserver();
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('monitor-scroll') ? 600 : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('monitor-scroll__item') ? 60 : 0;
    },
  });
});
afterAll(() => {
  for (const [k, d] of Object.entries(originals)) if (d) Object.defineProperty(HTMLElement.prototype, k, d);
});

function groups(monitors: Monitor[], latest: ProbeResult[] = []) {
  const d = dashboardOf(monitors);
  return arrange(
    buildItems(monitors, new Map(d.rows.map((r) => [r.monitorId, r])), new Map(latest.map((r) => [r.monitorId, r]))),
    DEFAULT_LIST_OPTIONS,
  );
}

describe('MonitorList', () => {
  it('renders a plain grouped list for a few monitors and reports which one to open', () => {
    const opened: number[] = [];
    render(
      <MonitorList
        groups={groups(
          [monitor(1, 'Zeta', 'Custom'), monitor(2, 'Alpha', 'Infrastructure'), monitor(3, 'Beta', 'Live streaming')],
          [result(2, { status: 'degraded', latencyMs: 3500, message: 'Slower than 3 s' })],
        )}
        selectedId={3}
        onOpen={(id) => opened.push(id)}
      />,
    );
    // Worst first across groups: the degraded monitor's group leads; the others keep the fixed order.
    expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual([
      'Infrastructure (1)',
      'Live streaming (1)',
      'Custom (1)',
    ]);
    const alpha = screen.getByRole('button', { name: /Alpha/ });
    expect(within(alpha).getByText('Degraded')).toBeTruthy();
    expect(alpha.textContent).toContain('3,500 ms');
    expect(alpha.textContent).toContain('Slower than 3 s');
    expect(screen.getByRole('button', { name: /Beta/ }).getAttribute('aria-current')).toBe('true');
    fireEvent.click(alpha);
    expect(opened).toEqual([2]);
  });

  it('virtualizes a thousand monitors: only a window of rows is in the DOM', () => {
    const many = Array.from({ length: 1000 }, (_, i) => monitor(i + 1, `Monitor ${String(i + 1).padStart(4, '0')}`));
    expect(many.length).toBeGreaterThan(VIRTUALIZE_ABOVE);
    render(<MonitorList groups={groups(many)} selectedId={null} onOpen={() => {}} />);
    const rows = screen.getAllByRole('button');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(screen.getByRole('heading', { name: 'Web (1000)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Monitor 0001/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Monitor 1000/ })).toBeNull();
  });
});
