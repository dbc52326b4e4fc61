// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MonitorList, VIRTUALIZE_ABOVE } from '../../../renderer/components/MonitorList';
import { monitor, polyfillResizeObserver, result } from './fake-transport';

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

describe('MonitorList', () => {
  it('renders a plain grouped list for a few monitors and reports selection', () => {
    const picked: number[] = [];
    render(
      <MonitorList
        monitors={[monitor(1, 'Zeta', 'Custom'), monitor(2, 'Alpha', 'Infrastructure'), monitor(3, 'Beta', 'Live streaming')]}
        latest={new Map([[2, result(2, { status: 'degraded', latencyMs: 3500, message: 'Slower than 3 s' })]])}
        selectedId={3}
        onSelect={(id) => picked.push(id)}
      />,
    );
    expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual([
      'Live streaming (1)',
      'Infrastructure (1)',
      'Custom (1)',
    ]);
    const alpha = screen.getByRole('button', { name: /Alpha/ });
    expect(within(alpha).getByText('Degraded')).toBeTruthy();
    expect(alpha.textContent).toContain('3,500 ms');
    expect(alpha.textContent).toContain('Slower than 3 s');
    expect(screen.getByRole('button', { name: /Beta/ }).getAttribute('aria-current')).toBe('true');
    fireEvent.click(alpha);
    expect(picked).toEqual([2]);
  });

  it('virtualizes hundreds of monitors: only a window of rows is in the DOM', () => {
    const many = Array.from({ length: 500 }, (_, i) => monitor(i + 1, `Monitor ${String(i + 1).padStart(3, '0')}`));
    expect(many.length).toBeGreaterThan(VIRTUALIZE_ABOVE);
    render(<MonitorList monitors={many} latest={new Map()} selectedId={null} onSelect={() => {}} />);
    const rows = screen.getAllByRole('button');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(screen.getByRole('heading', { name: 'Web (500)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Monitor 001/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Monitor 500/ })).toBeNull();
  });
});
