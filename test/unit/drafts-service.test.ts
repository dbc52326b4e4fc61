import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  INCIDENT_STEPS,
  MAINTENANCE_STEPS,
  TEMPLATE_PARTS,
  type DraftSource,
  type IncidentContext,
  type WindowContext,
} from '../../shared/drafts';
import { formatUptime, truncatedPercent } from '../../shared/dashboard';
import { ApiError } from '../../shared/errors';
import { Settings } from '../../shared/settings';
import { DEFAULT_TEMPLATES } from '../../electron/core/drafts/defaults';
import { SAMPLE_CONTEXTS } from '../../electron/core/drafts/samples';
import { createDraftsHandlers } from '../../electron/core/drafts/service';
import { openStore, type Store } from '../../electron/core/store';
import { createDraftStore } from '../../electron/core/store/drafts';
import { tempDir } from './store-helpers';
import { tableDbOf } from '../../electron/core/store/connection';

/** Windows and incidents as the other modules would hand them over: plain data with a version. */
function fixture() {
  const windows = new Map<number, { ctx: WindowContext; version: number }>();
  const incidents = new Map<number, IncidentContext>();
  windows.set(1, {
    version: 1,
    ctx: {
      title: 'Database upgrade',
      description: 'Primary database moves to new hardware.',
      start: Date.UTC(2026, 6, 5, 0, 0),
      end: Date.UTC(2026, 6, 5, 2, 30),
      durationMin: 150,
      zone: 'Africa/Johannesburg',
      recurrenceText: 'every Sunday at 02:00',
      services: ['Live streaming', 'Task submissions', 'Web'],
      monitors: ['Ingest', 'Submit API'],
    },
  });
  // The incident the template editor previews with: an ongoing 47-minute outage of the Submit API.
  incidents.set(7, { ...SAMPLE_CONTEXTS.incident.incident, services: [...SAMPLE_CONTEXTS.incident.incident.services] });
  return {
    windows,
    incidents,
    resolveSource: (s: DraftSource) =>
      s.kind === 'window' ? windows.get(s.windowId)?.ctx : incidents.get(s.incidentId),
    sourceVersion: (s: DraftSource) =>
      s.kind === 'window' ? windows.get(s.windowId)?.version : incidents.has(s.incidentId) ? 1 : undefined,
  };
}

const W: DraftSource = { kind: 'window', windowId: 1 };
const INC: DraftSource = { kind: 'incident', incidentId: 7 };

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let data: ReturnType<typeof fixture>;
let settings: Settings;
let now: number;

function service() {
  return createDraftsHandlers({
    store: createDraftStore(tableDbOf(store), () => now),
    settings: { get: () => settings },
    now: () => now,
    resolveSource: data.resolveSource,
    sourceVersion: data.sourceVersion,
  });
}

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

beforeEach(() => {
  tmp = tempDir();
  store = openStore({ path: tmp.file('drafts.db') });
  data = fixture();
  settings = Settings.parse({
    audienceZones: ['Europe/London', 'America/New_York'],
    contact: { team: 'Platform operations', email: 'ops@example.com' },
  });
  now = Date.UTC(2026, 6, 1, 8);
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

describe('default templates', () => {
  it('every maintenance step renders for a window, and every incident step for an incident, in every part', () => {
    const svc = service();
    for (const [steps, source] of [
      [MAINTENANCE_STEPS, W],
      [INCIDENT_STEPS, INC],
    ] as const) {
      for (const step of steps) {
        const p = svc['drafts.preview']({ step, source });
        expect(p.issues, step).toEqual([]);
        for (const part of TEMPLATE_PARTS) {
          expect(p.rendered[part], `${step}.${part}`).toBeTruthy();
          expect(p.rendered[part], `${step}.${part}`).not.toMatch(/\{\{|\{%|undefined|NaN/);
        }
        expect(p.limits.sms.encoding, `${step} SMS stays GSM-7`).toBe('GSM-7');
        expect(p.limits.banner.tooLong, `${step} banner`).toBe(false);
      }
    }
  });

  it('a resolved notice states uptime as the dashboard shows it, never rounded up to 100%', () => {
    // 99.996% over the last 24 h: the dashboard row says 99.99%; `round: 2` on the raw 99.996 said 100%.
    const ratio = 0.99996;
    data.incidents.set(7, { ...data.incidents.get(7)!, uptime: truncatedPercent(ratio) });
    const p = service()['drafts.preview']({ step: 'resolved', source: INC });
    expect(p.rendered.chat).toContain(`Uptime now ${formatUptime(ratio)}.`);
    expect([0.98996, 0.57, 1, 0, null].map((r) => truncatedPercent(r))).toEqual([98.99, 57, 100, 0, null]);
  });

  it("announce carries the platform's wording with date, times, zones and services", () => {
    const p = service()['drafts.preview']({ step: 'announce', source: W });
    expect(p.rendered.body).toContain(
      'The platform will undergo scheduled maintenance on Sunday 5 July 2026 between 02:00 and 04:30 SAST, and may experience brief interruptions in service.',
    );
    expect(p.rendered.body).toContain(
      'Local times: 02:00 SAST / 01:00 BST / 20:00 EDT (Saturday) to 04:30 SAST / 03:30 BST / 22:30 EDT (Saturday).',
    );
    expect(p.rendered.body).toContain('Affected: Live streaming, Task submissions, and Web.');
    expect(p.rendered.body).toContain('Expected duration: 2 hours 30 minutes.');
    expect(p.rendered.body).toContain('This maintenance repeats every Sunday at 02:00.');
    expect(p.rendered.body).toContain('Questions? Contact Platform operations at ops@example.com.');
    expect(p.rendered.subject).toBe('Scheduled maintenance: Database upgrade on Sun 5 Jul');
  });
});

describe('filters', () => {
  it('date takes a format and a zone; zones states the day change', () => {
    const svc = service();
    const p = svc['drafts.preview']({
      step: 'announce',
      source: W,
      channel: 'chat',
      parts: {
        chat: '{{ window.start | date: "dddd d MMMM, HH:mm", "Africa/Johannesburg" }}|{{ window.start | date: "HH:mm", "America/New_York" }}|{{ window.start | zones }}',
      },
    });
    expect(p.rendered.chat).toBe('Sunday 5 July, 02:00|20:00|02:00 SAST / 01:00 BST / 20:00 EDT (Saturday)');
  });

  it('renders a window at 01:30 Europe/London on the day clocks go forward (29 March 2026) in BST and its audience zones', () => {
    // 01:30 local does not exist that day (01:00 GMT → 02:00 BST): it lands at 02:30 BST = 01:30 UTC.
    const start = DateTime.fromISO('2026-03-29T01:30', { zone: 'Europe/London' }).toMillis();
    expect(start).toBe(Date.UTC(2026, 2, 29, 1, 30));
    data.windows.set(2, {
      version: 1,
      ctx: { ...data.windows.get(1)!.ctx, zone: 'Europe/London', start, end: start + 3_600_000, durationMin: 60 },
    });
    settings = Settings.parse({ audienceZones: ['Africa/Johannesburg', 'America/New_York'] });
    const before = DateTime.fromISO('2026-03-29T00:30', { zone: 'Europe/London' }).toMillis();
    data.windows.set(3, {
      version: 1,
      ctx: {
        ...data.windows.get(1)!.ctx,
        zone: 'Europe/London',
        start: before,
        end: before + 3_600_000,
        durationMin: 60,
      },
    });
    const chat = '{{ window.start | zones }} | {{ window.start | date: "d MMM HH:mm ZZZZ" }}';
    const after = service()['drafts.preview']({
      step: 'announce',
      source: { kind: 'window', windowId: 2 },
      channel: 'chat',
      parts: { chat },
    });
    expect(after.rendered.chat).toBe('02:30 BST / 03:30 SAST / 21:30 EDT (Saturday) | 29 Mar 02:30 BST');
    const earlier = service()['drafts.preview']({
      step: 'announce',
      source: { kind: 'window', windowId: 3 },
      channel: 'chat',
      parts: { chat },
    });
    expect(earlier.rendered.chat).toBe('00:30 GMT / 02:30 SAST / 20:30 EDT (Saturday) | 29 Mar 00:30 GMT');
  });

  it('tells the two 01:30s apart on the day clocks go back (25 October 2026)', () => {
    const first = Date.UTC(2026, 9, 25, 0, 30);
    const second = Date.UTC(2026, 9, 25, 1, 30);
    for (const [id, start] of [
      [4, first],
      [5, second],
    ] as const) {
      data.windows.set(id, {
        version: 1,
        ctx: { ...data.windows.get(1)!.ctx, zone: 'Europe/London', start, end: start + 3_600_000, durationMin: 60 },
      });
    }
    settings = Settings.parse({ audienceZones: ['Africa/Johannesburg'] });
    const chat = '{{ window.start | zones }}';
    const render = (windowId: number) =>
      service()['drafts.preview']({
        step: 'announce',
        source: { kind: 'window', windowId },
        channel: 'chat',
        parts: { chat },
      }).rendered.chat;
    expect(render(4)).toBe('01:30 BST / 02:30 SAST');
    expect(render(5)).toBe('01:30 GMT / 03:30 SAST');
  });

  it('duration and list read as words', () => {
    const p = service()['drafts.preview']({
      step: 'investigating',
      source: INC,
      channel: 'sms',
      parts: {
        sms: '{{ incident.durationMs | duration }}; {{ 1500 | duration: "min" }}; {{ incident.services | list }}; {{ services | list: "or" }}',
      },
    });
    expect(p.rendered.sms).toBe('47 minutes; 1 day 1 hour; Task submissions; Task submissions');
  });
});

describe('Liquid locals', () => {
  it('loops, assignments and list helpers are not mistaken for unknown variables', () => {
    const chat =
      '{% assign t = window.title | upcase %}{{ t }}:{% for s in services %} {{ forloop.index }}.{{ s }}{% endfor %} ({{ services.size }}, {{ window.services.first }})';
    const p = service()['drafts.preview']({ step: 'announce', source: W, channel: 'chat', parts: { chat } });
    expect(p.issues).toEqual([]);
    expect(p.rendered.chat).toBe('DATABASE UPGRADE: 1.Live streaming 2.Task submissions 3.Web (3, Live streaming)');
  });
});

describe('template errors', () => {
  it('an unknown variable is reported with part, line, column and name, and refused on save', () => {
    const svc = service();
    const body = 'Hello,\n\nWe start at {{ window.strat | date }}.';
    const p = svc['drafts.preview']({ step: 'announce', source: W, parts: { body } });
    expect(p.issues).toEqual([
      expect.objectContaining({ part: 'body', kind: 'unknown_variable', line: 3, column: 16, name: 'window.strat' }),
    ]);
    expect(p.rendered.body).toBeUndefined();
    expect(p.rendered.subject).toBeTruthy();

    const err = thrown(() =>
      svc['templates.save']({ step: 'announce', parts: { ...DEFAULT_TEMPLATES.announce, body } }),
    );
    expect(err.code).toBe('template_error');
    expect(err.message).toContain('Unknown variable "window.strat" (body, line 3, column 16)');
    expect(err.issues).toEqual([{ path: 'parts.body', message: expect.stringContaining('line 3, column 16') }]);
    expect(svc['templates.get']({ step: 'announce' }).version).toBe(0);
  });

  it('catches an unknown variable inside a branch the render does not take', () => {
    const p = service()['drafts.preview']({
      step: 'announce',
      source: W,
      channel: 'sms',
      parts: { sms: 'x\n{% if false %}{{ incident.monitor }}{% endif %}' },
    });
    expect(p.issues[0]).toMatchObject({ kind: 'unknown_variable', name: 'incident.monitor', line: 2 });
  });

  it('an unknown filter and a syntax error name what and where', () => {
    const svc = service();
    const f = svc['drafts.preview']({
      step: 'announce',
      source: W,
      channel: 'banner',
      parts: { banner: 'At {{ window.start | dat: "HH:mm" }}' },
    });
    expect(f.issues[0]).toMatchObject({ part: 'banner', kind: 'unknown_filter', name: 'dat', line: 1, column: 4 });
    const s = svc['drafts.preview']({
      step: 'announce',
      source: W,
      channel: 'email',
      parts: { subject: 'ok', body: 'line\n{% if window.title %}open' },
    });
    expect(s.issues[0]).toMatchObject({ part: 'body', kind: 'syntax', line: 2 });
    expect(s.rendered.subject).toBe('ok');
  });

  it('a zone the date filter does not know is a render error with its position', () => {
    const p = service()['drafts.preview']({
      step: 'announce',
      source: W,
      channel: 'chat',
      parts: { chat: '{{ window.start | date: "HH:mm", "Mars/Olympus" }}' },
    });
    expect(p.issues[0]).toMatchObject({ part: 'chat', kind: 'render', line: 1 });
    expect(p.issues[0]!.message).toContain('Mars/Olympus');
  });
});

describe('versions', () => {
  it('every save is a new version, drafts remember theirs, and reset restores the default as a new version', () => {
    const svc = service();
    const first = svc['drafts.create']({ step: 'announce', source: W });
    expect(first.templateVersion).toBe(0);

    const edited = { ...DEFAULT_TEMPLATES.announce, sms: 'Maintenance {{ window.start | date: "d MMM HH:mm" }}' };
    expect(svc['templates.save']({ step: 'announce', parts: edited })).toMatchObject({ version: 1, isDefault: false });
    now += 1000;
    expect(svc['templates.save']({ step: 'announce', parts: { ...edited, banner: 'Banner' } }).version).toBe(2);
    const second = svc['drafts.create']({ step: 'announce', source: W });
    expect(second).toMatchObject({ templateVersion: 2, content: { sms: 'Maintenance 5 Jul 02:00', banner: 'Banner' } });

    const reset = svc['templates.reset']({ step: 'announce' });
    expect(reset).toMatchObject({ version: 3, isDefault: true, parts: DEFAULT_TEMPLATES.announce });
    const detail = svc['templates.get']({ step: 'announce' });
    expect(detail.versions.map((v) => v.version)).toEqual([3, 2, 1, 0]);
    expect(svc['templates.get']({ step: 'announce', version: 1 }).parts.sms).toBe(edited.sms);
    expect(svc['drafts.get']({ id: first.id }).templateVersion).toBe(0);
    expect(svc['templates.list']({}).find((t) => t.step === 'reminder')).toMatchObject({ version: 0, isDefault: true });
  });

  it('keeps templates and drafts in the database across reopen', () => {
    const svc = service();
    svc['templates.save']({ step: 'resolved', parts: { ...DEFAULT_TEMPLATES.resolved, sms: 'All good' } });
    const d = svc['drafts.create']({ step: 'resolved', source: INC });
    store.close();
    store = openStore({ path: tmp.file('drafts.db') });
    const again = service();
    expect(again['templates.get']({ step: 'resolved' })).toMatchObject({ version: 1, parts: { sms: 'All good' } });
    expect(again['drafts.list']({ source: INC }).map((x) => x.id)).toEqual([d.id]);
  });
});

describe('drafts', () => {
  it('is edited by hand, marked outdated when its window moves, and re-rendered from the new times', () => {
    const svc = service();
    const d = svc['drafts.create']({ step: 'announce', source: W });
    expect(d).toMatchObject({
      outdated: false,
      edited: false,
      sourceMissing: false,
      audienceZones: ['Europe/London', 'America/New_York'],
    });
    expect(d.context).toMatchObject({ kind: 'window', window: { title: 'Database upgrade' } });

    const hand = svc['drafts.update']({ id: d.id, content: { sms: 'Short and sweet' } });
    expect(hand).toMatchObject({ edited: true, content: { sms: 'Short and sweet' }, limits: { sms: { segments: 1 } } });
    expect(hand.content.body).toBe(d.content.body);

    // The window moves a day later.
    const w = data.windows.get(1)!;
    data.windows.set(1, {
      version: 2,
      ctx: { ...w.ctx, start: w.ctx.start + 86_400_000, end: w.ctx.end + 86_400_000 },
    });
    expect(svc['drafts.get']({ id: d.id }).outdated).toBe(true);
    expect(svc['drafts.list']({ source: W })[0]!.outdated).toBe(true);

    const fresh = svc['drafts.rerender']({ id: d.id });
    expect(fresh).toMatchObject({ outdated: false, edited: false });
    expect(fresh.content.body).toContain('Monday 6 July 2026 between 02:00 and 04:30 SAST');

    data.windows.delete(1);
    expect(svc['drafts.get']({ id: d.id })).toMatchObject({ sourceMissing: true, outdated: false });
  });

  it('is listed per source, exported as .eml / .md / .txt, and deleted', () => {
    const svc = service();
    const a = svc['drafts.create']({ step: 'announce', source: W });
    const b = svc['drafts.create']({ step: 'investigating', source: INC });
    expect(svc['drafts.list']({ source: W }).map((x) => x.id)).toEqual([a.id]);
    expect(svc['drafts.list']({ source: INC }).map((x) => x.id)).toEqual([b.id]);

    const eml = svc['drafts.export']({ id: a.id, format: 'eml' });
    expect(eml).toMatchObject({ filename: 'database-upgrade-announce.eml', mimeType: 'message/rfc822' });
    expect(eml.content).toContain('Subject: Scheduled maintenance: Database upgrade on Sun 5 Jul\r\n');
    expect(svc['drafts.export']({ id: a.id, format: 'md' }).content).toContain(
      '**Scheduled maintenance: Database upgrade**',
    );
    expect(svc['drafts.export']({ id: b.id, format: 'txt', channel: 'sms' })).toMatchObject({
      filename: 'submit-api-investigating-sms.txt',
      content: `${b.content.sms}\n`,
    });

    svc['drafts.delete']({ id: a.id });
    expect(thrown(() => svc['drafts.get']({ id: a.id })).code).toBe('not_found');
  });

  it('refuses a step of the other kind, a missing source and a bad audience zone with clear errors', () => {
    const svc = service();
    expect(thrown(() => svc['drafts.create']({ step: 'resolved', source: W })).code).toBe('invalid_input');
    expect(
      thrown(() => svc['drafts.create']({ step: 'announce', source: { kind: 'window', windowId: 99 } })).message,
    ).toBe('Maintenance window 99 does not exist');
    const bad = thrown(() => svc['drafts.preview']({ step: 'announce', source: W, audienceZones: ['Europe/Lndon'] }));
    expect(bad).toMatchObject({ code: 'invalid_input', issues: [{ path: 'audienceZones.0' }] });
  });
});
