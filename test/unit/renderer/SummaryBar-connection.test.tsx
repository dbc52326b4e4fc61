// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SummaryBar } from '../../../renderer/components/SummaryBar';

afterEach(cleanup);
const counts = { down: 0, degraded: 0, up: 3, unknown: 0, pending: 0, maintenance: 0 } as never;

describe('the header while the page is not connected to Lookout', () => {
  it('never shows "Console online" (green) while disconnected', () => {
    render(<SummaryBar counts={counts} online={null} />);
    const status = screen.getByText(/Console status unknown/).closest('[role="status"]')!;
    expect(status.getAttribute('data-online')).toBe('unknown');
    expect(status.className).not.toContain('console-online--yes');
    expect(screen.queryByText(/Console online/)).toBeNull();
  });

  it('shows online when connected and the console can see out', () => {
    render(<SummaryBar counts={counts} online={true} />);
    expect(screen.getByText(/Console online/).closest('[role="status"]')!.className).toContain('console-online--yes');
  });
});
