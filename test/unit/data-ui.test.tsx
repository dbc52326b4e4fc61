// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { TransportProvider } from '../../renderer/api/context';
import { StorageProblemBanner } from '../../renderer/components/StorageProblem';
import { DataPage } from '../../renderer/pages/Data';
import type { DataStatus } from '../../shared/data';
import { ApiError } from '../../shared/errors';
import { FakeTransport } from './renderer/fake-transport';

afterEach(cleanup);

const status = (over: Partial<DataStatus> = {}): DataStatus => ({
  path: '/data/lookout.db',
  readOnly: false,
  mainPath: '/data/lookout.db',
  bytes: 5 * 1024 * 1024,
  walBytes: 0,
  results: 123_456,
  retentionDays: 30,
  backupDir: '/data/backups',
  lastBackup: null,
  lastVerification: null,
  secondBackupDir: null,
  storage: null,
  opening: null,
  ...over,
});
const backups = {
  dir: '/data/backups',
  backups: [{ path: '/data/backups/lookout-auto-20260101T000000Z.db', bytes: 4096, at: Date.UTC(2026, 0, 1) }],
};

function renderPage(t: FakeTransport, ui = <DataPage />) {
  return render(<TransportProvider transport={t as never}>{ui}</TransportProvider>);
}

describe('Data page', () => {
  it('shows the database, backs up now and restores a backup after confirmation', async () => {
    const t = new FakeTransport({
      'data.status': () => status(),
      'data.backups.list': () => backups,
      'data.backup': () => ({ path: '/data/backups/lookout-20260102-000000.db', bytes: 8192, at: 1 }),
      'data.restore': ({ path }) => ({ restoredFrom: path, keptAside: '/data/lookout.db.before-restore-x' }),
    });
    renderPage(t);
    expect(await screen.findByText('/data/lookout.db')).toBeTruthy();
    expect(screen.getByText('123,456')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    expect(await screen.findByText(/Saved \/data\/backups\/lookout-20260102-000000\.db/)).toBeTruthy();
    expect(t.callsOf('data.backup')).toEqual([{}]);

    fireEvent.click(screen.getByRole('button', { name: `Restore ${backups.backups[0]!.path}` }));
    expect(t.callsOf('data.restore')).toEqual([]); // asks first
    fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(t.callsOf('data.restore')).toEqual([{ path: backups.backups[0]!.path }]));
  });

  it('opening a file that is not a Lookout database shows the reason at the field', async () => {
    const t = new FakeTransport({
      'data.status': () => status(),
      'data.backups.list': () => backups,
      'data.review': ({ path }) => {
        throw new ApiError('conflict', `${path} is an SQLite database but not a Lookout one; it was left untouched.`);
      },
    });
    renderPage(t);
    fireEvent.change(await screen.findByLabelText('Database file'), { target: { value: '/tmp/notes.db' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open for review' }));
    expect(
      await screen.findByText('/tmp/notes.db is an SQLite database but not a Lookout one; it was left untouched.'),
    ).toBeTruthy();
  });

  it('after a corrupt file was set aside it says so and offers start fresh and restore', async () => {
    const t = new FakeTransport({
      'data.status': () =>
        status({
          opening: {
            kind: 'corrupt',
            path: '/data/lookout.db',
            message: '/data/lookout.db is damaged',
            setAside: ['/data/lookout.db.corrupt-20260101T000000Z'],
          },
        }),
      'data.backups.list': () => backups,
      'data.startFresh': () => ({ path: '/data/lookout.db', setAside: ['/data/lookout.db.corrupt-20260101T000000Z'] }),
    });
    renderPage(t);
    expect(await screen.findByText(/because it is damaged/)).toBeTruthy();
    expect(screen.getByText('/data/lookout.db.corrupt-20260101T000000Z')).toBeTruthy();
    expect(await screen.findByRole('button', { name: `Restore ${backups.backups[0]!.path}` })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start fresh' }));
    await waitFor(() => expect(t.callsOf('data.startFresh')).toHaveLength(1));
  });
});

describe('storage problem banner', () => {
  it('appears when writing fails, says how many results are held, then reports the recovery', async () => {
    const t = new FakeTransport({ 'data.status': () => status() });
    renderPage(t, <StorageProblemBanner />);
    await waitFor(() => expect(t.callsOf('data.status')).toHaveLength(1));
    expect(screen.queryByRole('alert')).toBeNull();
    const base = {
      what: 'writing probe results to /data/lookout.db',
      message: 'database or disk is full',
      since: Date.UTC(2026, 0, 1),
      dropped: 0,
    };
    act(() => t.emit('storage', { ...base, state: 'failing', held: 1500, recoveredAt: null }));
    expect(screen.getByRole('alert').textContent).toMatch(/database or disk is full.*1,500 results are held in memory/);
    act(() => t.emit('storage', { ...base, state: 'recovered', held: 0, recoveredAt: Date.UTC(2026, 0, 1, 0, 5) }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status').textContent).toMatch(/No results were lost/);
  });
});
