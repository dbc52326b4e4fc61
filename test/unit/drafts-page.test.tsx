// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { DraftSource, WindowContext } from '../../shared/drafts';
import { Settings } from '../../shared/settings';
import { createDraftsHandlers } from '../../electron/core/drafts/service';
import { openStore, type Store } from '../../electron/core/store';
import { createDraftStore } from '../../electron/core/store/drafts';
import { TransportProvider } from '../../renderer/api/context';
import { DraftNoticeButton } from '../../renderer/components/drafts/DraftNoticeButton';
import { parseDraftsHash } from '../../renderer/components/drafts/hash';
import { Drafts } from '../../renderer/pages/Drafts';
import { FakeTransport, type Handlers } from './renderer/fake-transport';
import { tempDir } from './store-helpers';
import { tableDbOf } from '../../electron/core/store/connection';

const WINDOW: WindowContext = {
  title: 'Database upgrade',
  description: '',
  start: Date.UTC(2026, 6, 5, 0, 0),
  end: Date.UTC(2026, 6, 5, 2, 0),
  durationMin: 120,
  zone: 'Africa/Johannesburg',
  recurrenceText: '',
  services: ['Live streaming'],
  monitors: ['Ingest'],
};
const SOURCE: DraftSource = { kind: 'window', windowId: 1 };

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let transport: FakeTransport;

/** The real drafts core behind the test transport: the page sees what the console would answer. */
beforeEach(() => {
  tmp = tempDir();
  store = openStore({ path: tmp.file('page.db') });
  const settings = Settings.parse({ audienceZones: ['Europe/London'] });
  const svc = createDraftsHandlers({
    store: createDraftStore(tableDbOf(store), () => Date.UTC(2026, 6, 1)),
    settings: { get: () => settings },
    now: () => Date.UTC(2026, 6, 1),
    resolveSource: (s) => (s.kind === 'window' && s.windowId === 1 ? WINDOW : undefined),
    sourceVersion: (s) => (s.kind === 'window' && s.windowId === 1 ? 1 : undefined),
  });
  const handlers: Handlers = {
    'app.info': () => ({
      version: 't',
      mode: 'serve',
      dbPath: '/tmp/x',
      readOnly: false,
      firstRun: false,
      demo: false,
    }),
    'templates.list': () => svc['templates.list']({}),
    'drafts.preview': (i) => svc['drafts.preview'](i),
    'drafts.list': (i) => svc['drafts.list'](i),
    'drafts.variables': () => svc['drafts.variables']({}),
  };
  transport = new FakeTransport(handlers);
});
afterEach(() => {
  cleanup();
  store.close();
  tmp.cleanup();
});

function renderPage() {
  return render(
    <TransportProvider transport={transport}>
      <Drafts source={SOURCE} />
    </TransportProvider>,
  );
}

const limits = (channel: string) => screen.getByRole('status', { name: `${channel} limits` });
const preview = (channel: string) => screen.getByRole('region', { name: `${channel} preview` });

describe('Drafts page: live preview and limits', () => {
  it('shows the email subject length, then the SMS encoding and segments as the operator types', async () => {
    renderPage();
    await waitFor(() => expect(limits('email').textContent).toMatch(/^Subject \d+ \/ 78 characters$/));
    expect(
      within(preview('Email')).getByText(/The platform will undergo scheduled maintenance on Sunday 5 July 2026/),
    ).toBeTruthy();

    fireEvent.click(screen.getByRole('tab', { name: 'SMS' }));
    await waitFor(() => expect(limits('sms').textContent).toMatch(/^GSM-7 · 1 segment · \d+ \/ 160 septets$/));

    const sms = screen.getByLabelText('SMS text');
    fireEvent.change(sms, { target: { value: 'Maintenance tonight 🔧 {{ window.start | date: "HH:mm" }}’' } });
    await waitFor(() =>
      expect(limits('sms').textContent).toBe('UCS-2 · 1 segment · 29 / 70 units · UCS-2 forced by 🔧 ’'),
    );
    const marks = preview('SMS').querySelectorAll('mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['🔧', '’']);

    fireEvent.change(sms, { target: { value: 'x'.repeat(161) } });
    await waitFor(() => expect(limits('sms').textContent).toBe('GSM-7 · 2 segments · 161 / 306 septets'));
  });

  it('shows an unknown variable at the field with line and column and keeps the last good preview', async () => {
    renderPage();
    fireEvent.click(await screen.findByRole('tab', { name: 'Chat' }));
    const chat = await screen.findByLabelText('Chat (Markdown)');
    fireEvent.change(chat, { target: { value: 'Good {{ window.title }}' } });
    await waitFor(() => expect(preview('Chat').textContent).toContain('Good Database upgrade'));

    fireEvent.change(chat, { target: { value: 'Good {{ window.title }}\nBad {{ window.titel }}' } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Line 2, column 8: Unknown variable "window.titel"');
    expect(preview('Chat').textContent).toContain('Good Database upgrade');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Save template' }).disabled).toBe(true);
  });

  it('warns when the banner goes over 140 characters', async () => {
    renderPage();
    fireEvent.click(await screen.findByRole('tab', { name: 'Banner' }));
    fireEvent.change(await screen.findByLabelText('Banner (one line)'), { target: { value: 'y'.repeat(141) } });
    await waitFor(() => expect(limits('banner').textContent).toBe('Banner 141 / 140 characters: over 140'));
  });
});

describe('DraftNoticeButton', () => {
  it('hands the source to onOpen, or navigates to the Drafts address that the page reads', async () => {
    const opened: DraftSource[] = [];
    const source: DraftSource = { kind: 'window', windowId: 12, occurrenceStart: 1_783_216_800_000 };
    render(<DraftNoticeButton source={source} onOpen={(s) => opened.push(s)} />);
    fireEvent.click(screen.getByRole('button', { name: /Draft notice/ }));
    expect(opened).toEqual([source]);
    cleanup();

    render(<DraftNoticeButton source={{ kind: 'incident', incidentId: 7 }} />);
    await act(() => fireEvent.click(screen.getByRole('button', { name: /Draft notice/ })));
    expect(parseDraftsHash(window.location.hash)).toEqual({ kind: 'incident', incidentId: 7 });
    expect(parseDraftsHash('#/drafts/window/12@1783216800000')).toEqual(source);
    expect(parseDraftsHash('#/dashboard')).toBeUndefined();
  });
});
