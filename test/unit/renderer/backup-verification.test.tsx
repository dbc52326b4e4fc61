// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { BackupVerificationLine } from '../../../renderer/components/data/BackupVerificationLine';

afterEach(cleanup);

describe('Data page: the last backup check', () => {
  const at = new Date(2026, 11, 1, 3, 0).getTime();

  it('says "last backup verified 03:00, 1.2 M results"', () => {
    render(
      <BackupVerificationLine
        secondDir={null}
        verification={{
          at,
          ok: true,
          sourceResults: 1_204_113,
          copies: [{ path: '/b/lookout-auto.db', ok: true, results: 1_204_113, message: 'verified' }],
        }}
      />,
    );
    expect(screen.getByText(/Last backup verified/).textContent).toBe('Last backup verified 03:00, 1.2 M results.');
  });

  it('says what failed', () => {
    render(
      <BackupVerificationLine
        secondDir="/mnt/share"
        verification={{
          at,
          ok: false,
          sourceResults: 10,
          copies: [
            { path: '/b/x.db', ok: true, results: 10, message: 'verified' },
            { path: '/mnt/share', ok: false, results: null, message: 'Copying to /mnt/share failed: EACCES' },
          ],
        }}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe(
      'Last backup check failed at 03:00: Copying to /mnt/share failed: EACCES',
    );
  });
});
