// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkNotice } from '../../../renderer/components/LinkNotice';

afterEach(cleanup);

describe('LinkNotice', () => {
  it('shows the one line a link to a missing target leaves, and drops it on dismiss', () => {
    window.location.hash = '#/?notice=x';
    render(
      <LinkNotice
        params={
          new URLSearchParams({
            notice: 'Incident 7 does not exist in this database (lookout://incident/7); showing the dashboard.',
          })
        }
      />,
    );
    expect(screen.getByRole('status').textContent).toContain('Incident 7 does not exist');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(window.location.hash).toBe('#/');
  });

  it('renders nothing without a notice', () => {
    const { container } = render(<LinkNotice params={new URLSearchParams()} />);
    expect(container.innerHTML).toBe('');
  });
});
