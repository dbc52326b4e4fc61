import { DateTime } from 'luxon';
import { ACCOUNTING_POLICY, type Accounting } from '../../../shared/accounting';
import {
  formatBudgetUsed,
  formatDuration,
  formatTarget,
  formatUptime,
  uptimeSentence,
} from '../../../shared/dashboard';
import {
  REPORT_TARGETS,
  type ReportDay,
  type ReportGroup,
  type ReportMonitor,
  type ServiceReport,
} from '../../../shared/report';

/**
 * The report as one self-contained HTML file: inline CSS and SVG, no scripts, fonts or images
 * from elsewhere, so it opens anywhere, archives as is and prints (or becomes the PDF) unchanged.
 */

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = formatUptime;
const dur = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));
const ms = (v: number | null) => (v === null ? '—' : `${Math.round(v).toLocaleString('en-US')} ms`);
const signed = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}%`);
const share = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);

/** "3 Jun 2025 14:05" in the report's zone; one Intl formatter per zone (luxon per call costs ~20 µs, thousands of times). */
const formatters = new Map<string, Intl.DateTimeFormat>();
function when(t: number, zone: string): string {
  let f = formatters.get(zone);
  if (!f)
    formatters.set(
      zone,
      (f = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })),
    );
  return f.format(t).replace(',', '');
}

/** The longest incidents listed per group; the rest are counted (all of them are in the data object and the JSON export). */
const INCIDENTS_LISTED = 100;

/** Calendar colour of a day's uptime against the target: green at or above it, then amber, red. */
function dayColour(u: Accounting, target: number): string {
  if (u.ratio === null) return '#e5e7eb';
  if (u.ratio >= target) return u.degradedMs > 0 ? '#86efac' : '#22c55e';
  if (u.ratio >= 1 - 3 * (1 - target)) return '#f59e0b';
  return '#dc2626';
}

/** A wall calendar: weeks as rows, Monday first, each day numbered and coloured by its uptime. */
function wallCalendar(days: readonly ReportDay[], target: number, zone: string, label: string): string {
  if (days.length === 0) return '';
  const cell = 22;
  const head = 14;
  const first = DateTime.fromISO(days[0]!.date, { zone });
  const offset = first.weekday - 1;
  const weeks = Math.ceil((days.length + offset) / 7);
  const w = 7 * cell;
  const h = head + weeks * cell;
  const names = ['M', 'T', 'W', 'T', 'F', 'S', 'S']
    .map(
      (n, i) =>
        `<text x="${i * cell + cell / 2 - 1}" y="10" text-anchor="middle" font-size="9" fill="#6b7280">${n}</text>`,
    )
    .join('');
  const cells = days
    .map((d, i) => {
      const k = i + offset;
      const x = (k % 7) * cell;
      const y = head + Math.floor(k / 7) * cell;
      const day = Number(d.date.slice(8));
      const title = `${d.date}: ${d.uptime.ratio === null ? 'not measured' : `${pct(d.uptime.ratio)}, ${dur(d.uptime.downMs)} down`}`;
      const monthMark =
        day === 1
          ? `<text x="${x + 2}" y="${y + 7}" font-size="6" fill="#111827">${esc(DateTime.fromISO(d.date).toFormat('LLL'))}</text>`
          : '';
      return `<g><title>${esc(title)}</title><rect x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" rx="3" fill="${dayColour(d.uptime, target)}"/>${monthMark}<text x="${x + cell / 2 - 1}" y="${y + cell / 2 + 3}" text-anchor="middle" font-size="9" fill="#111827">${day}</text></g>`;
    })
    .join('');
  return `<svg class="cal" role="img" aria-label="${esc(label)}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" xmlns="http://www.w3.org/2000/svg">${names}${cells}</svg>`;
}

/**
 * One small cell per day in weeks (columns) of seven, Monday at the top: compact, for every monitor.
 * One path per colour rather than an element per day, so 200 monitors x 90 days stay light to lay out and print.
 */
function calendar(days: readonly ReportDay[], target: number, zone: string, label: string): string {
  if (days.length === 0) return '';
  const cell = 10;
  const gap = 2;
  const offset = DateTime.fromISO(days[0]!.date, { zone }).weekday - 1;
  const weeks = Math.ceil((days.length + offset) / 7);
  const w = weeks * (cell + gap);
  const h = 7 * (cell + gap);
  const byColour = new Map<string, string[]>();
  days.forEach((d, i) => {
    const k = i + offset;
    const colour = dayColour(d.uptime, target);
    let p = byColour.get(colour);
    if (!p) byColour.set(colour, (p = []));
    p.push(`M${Math.floor(k / 7) * (cell + gap)} ${(k % 7) * (cell + gap)}h${cell}v${cell}h-${cell}z`);
  });
  const below = days.filter((d) => d.uptime.ratio !== null && d.uptime.ratio < target).map((d) => d.date);
  const paths = [...byColour].map(([c, p]) => `<path fill="${c}" d="${p.join('')}"/>`).join('');
  const title = below.length ? `below target on ${below.join(', ')}` : 'at or above target every measured day';
  return `<svg class="cal" role="img" aria-label="${esc(`${label}: ${title}`)}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${paths}</svg>`;
}

function uptimeCell(u: Accounting, target: number): string {
  const ok = u.ratio === null ? '' : u.ratio >= target ? ' class="ok"' : ' class="bad"';
  return `<td${ok}>${pct(u.ratio)}</td>`;
}

function groupSummary(groups: readonly ReportGroup[]): string {
  const rows = groups
    .map(
      (g) =>
        `<tr><th scope="row">${esc(g.group)}</th>${uptimeCell(g.uptime, g.target)}<td>${formatTarget(g.target)}</td><td>${dur(g.uptime.downMs)}</td><td>${formatBudgetUsed(g.budget)}</td><td>${dur(g.uptime.degradedMs)}</td><td>${dur(g.uptime.maintenanceMs)}</td><td>${dur(g.uptime.pausedMs)}</td><td>${dur(g.uptime.gapMs)}</td><td>${g.incidents}</td><td>${dur(g.mttaMs)}</td><td>${dur(g.mttrMs)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>Service group</th><th>Uptime</th><th>Target</th><th>Downtime</th><th>Budget used</th><th>Degraded</th><th>Maintenance excluded</th><th>Paused</th><th>Console offline</th><th>Incidents</th><th>MTTA</th><th>MTTR</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function monitorTable(ms_: readonly ReportMonitor[]): string {
  const rows = ms_
    .map((m) => {
      const l = m.latency;
      const target = REPORT_TARGETS.responseChange;
      const cls = (c: number | null) => (c === null ? '' : c <= target ? ' class="ok"' : '');
      return `<tr><th scope="row">${esc(m.name)}</th>${uptimeCell(m.uptime, m.target)}<td>${formatTarget(m.target)}</td><td>${dur(m.uptime.downMs)}</td><td>${formatBudgetUsed(m.budget)}</td><td>${dur(m.uptime.degradedMs)}</td><td>${share(l.shareOverSlow)}</td><td>${ms(l.p50)}</td><td${cls(l.p50Change)}>${signed(l.p50Change)}</td><td>${ms(l.p95)}</td><td${cls(l.p95Change)}>${signed(l.p95Change)}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>Monitor</th><th>Uptime</th><th>Target</th><th>Downtime</th><th>Budget used</th><th>Degraded</th><th>Over ${REPORT_TARGETS.slowMs / 1000} s</th><th>p50</th><th>vs before</th><th>p95</th><th>vs before</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function pageLoads(ms_: readonly ReportMonitor[]): string {
  const pages = ms_.filter((m) => m.pageLoad !== null);
  if (pages.length === 0) return '';
  const rows = pages
    .map(
      (m) =>
        `<tr><th scope="row">${esc(m.name)}</th><td>${ms(m.pageLoad!.avg)}</td><td${m.pageLoad!.meetsTarget === false ? ' class="bad"' : m.pageLoad!.meetsTarget ? ' class="ok"' : ''}>${ms(m.pageLoad!.p95)}</td></tr>`,
    )
    .join('');
  return `<h4>Page load (target ${REPORT_TARGETS.pageLoadMs / 1000} s)</h4><table><thead><tr><th>Page</th><th>Average</th><th>p95</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function incidentTable(ms_: readonly ReportMonitor[], zone: string): string {
  const all = ms_.flatMap((m) => m.incidents.map((i) => ({ ...i, monitor: m.name })));
  if (all.length === 0) return '<p class="muted">No incidents in this range.</p>';
  const list =
    all.length <= INCIDENTS_LISTED
      ? all
      : [...all].sort((a, b) => b.durationMs - a.durationMs).slice(0, INCIDENTS_LISTED);
  list.sort((a, b) => a.startedAt - b.startedAt);
  const more = all.length - list.length;
  const rows = list
    .map(
      (i) =>
        `<tr><td>${esc(when(i.startedAt, zone))}</td><td>${esc(i.monitor)}</td><td>${dur(i.durationMs)}${i.endedAt === null ? ' (open)' : ''}</td><td>${esc(i.firstError ?? '—')}</td><td>${dur(i.ttaMs)}</td><td>${dur(i.ttrMs)}</td></tr>`,
    )
    .join('');
  const note =
    more > 0
      ? `<p class="muted">The ${list.length} longest of ${all.length} incidents; ${more} shorter ones are counted in MTTA / MTTR and listed in the JSON export.</p>`
      : '';
  return `${note}<table class="incidents"><thead><tr><th>Start</th><th>Monitor</th><th>Duration</th><th>First error</th><th>To acknowledge</th><th>To resolve</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Each window once (monitors sharing a window share its line), with its minutes and whom it covered. */
function maintenanceList(ms_: readonly ReportMonitor[], zone: string): string {
  const windows = new Map<string, { start: number; end: number; minutes: number; names: string[] }>();
  for (const m of ms_) {
    for (const w of m.maintenance) {
      const key = `${w.start}-${w.end}`;
      let e = windows.get(key);
      if (!e) windows.set(key, (e = { ...w, names: [] }));
      e.names.push(m.name);
    }
  }
  if (windows.size === 0) return '<p class="muted">No planned maintenance in this range.</p>';
  const who = (names: string[]) =>
    names.length === ms_.length && ms_.length > 1
      ? `all ${names.length} monitors`
      : names.length > 5
        ? `${names.length} monitors`
        : names.join(', ');
  const items = [...windows.values()]
    .sort((x, y) => x.start - y.start)
    .map(
      (w) =>
        `<li>${esc(when(w.start, zone))} – ${esc(when(w.end, zone))}, ${Math.round(w.minutes)} min: ${esc(who(w.names))}</li>`,
    );
  return `<ul class="maint">${items.join('')}</ul>`;
}

const CSS = `
body{font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;margin:24px;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 6px;border-bottom:2px solid #111827;padding-bottom:2px}h3{font-size:14px;margin:16px 0 4px}h4{font-size:13px;margin:12px 0 4px}
table{border-collapse:collapse;width:100%;margin:6px 0 10px;font-variant-numeric:tabular-nums}th,td{border-bottom:1px solid #e5e7eb;padding:3px 6px;text-align:right}th:first-child,td:first-child{text-align:left}table.incidents td,table.incidents th{text-align:left}thead th{background:#f3f4f6;font-weight:600}
td.ok{color:#166534}td.bad{color:#b91c1c;font-weight:600}.muted{color:#6b7280}.note{background:#fffbeb;border-left:3px solid #f59e0b;padding:4px 8px;margin:4px 0}
.cal{display:block;margin:4px 0 8px}dl.policy{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:12px}dl.policy dt{font-weight:600}dl.policy dd{margin:0}
.legend span{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 10px;vertical-align:-1px}
section.group{break-before:page}section.group:first-of-type{break-before:auto}table,svg,li{break-inside:avoid}
@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}}
@page{size:A4;margin:14mm}
`;

function deploySection(r: ServiceReport): string {
  const { services, regressions } = r.deploys;
  if (services.length === 0) return '<h2>Deploys</h2><p class="muted">No deploys were recorded in this range.</p>';
  const rows = services
    .map(
      (s) =>
        `<tr><th scope="row">${esc(s.group)}</th><td>${s.deploys}</td><td${s.regressions > 0 ? ' class="bad"' : ''}>${s.regressions}</td></tr>`,
    )
    .join('');
  const list =
    regressions.length === 0
      ? '<p class="muted">No deploy was followed by a regression.</p>'
      : `<ul>${regressions.map((d) => `<li>${esc(when(d.at, r.zone))} · ${esc(d.group ?? 'monitors')} ${esc(d.version)}${d.note ? ` — ${esc(d.note)}` : ''}</li>`).join('')}</ul>`;
  return `<h2>Deploys</h2><table><thead><tr><th>Service</th><th>Deploys</th><th>Regressions</th></tr></thead><tbody>${rows}</tbody></table><h3>Regressions after a deploy</h3>${list}`;
}

export function reportHtml(r: ServiceReport): string {
  const head = `<header><h1>${esc(r.title)}</h1><p class="muted">${esc(when(r.from, r.zone))} – ${esc(when(r.to, r.zone))} ${esc(r.zone)}${r.toDate ? ' (to date)' : ''} · generated ${esc(when(r.generatedAt, r.zone))}${r.historyFrom !== null ? ` · history from ${esc(when(r.historyFrom, r.zone))}` : ''}</p>${r.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('')}</header>`;
  const policy = `<details open><summary><strong>How uptime is computed</strong></summary><dl class="policy">${ACCOUNTING_POLICY.map((p) => `<dt>${esc(p.term)}</dt><dd>${esc(p.text)}</dd>`).join('')}</dl></details>`;
  const legend = `<p class="legend muted">Calendar:<span style="background:#22c55e"></span>at or above target<span style="background:#86efac"></span>with degraded time<span style="background:#f59e0b"></span>below target<span style="background:#dc2626"></span>well below<span style="background:#e5e7eb"></span>not measured</p>`;
  if (r.empty) {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(r.title)}</title><style>${CSS}</style></head><body>${head}<p><strong>No data in this range.</strong> Nothing was measured between these dates, so no figures are given.</p>${policy}</body></html>`;
  }
  const groups = r.groups
    .map((g) => {
      const ms_ = r.monitors.filter((m) => m.group === g.group);
      return `<section class="group"><h2>${esc(g.group)}</h2><p>${esc(uptimeSentence(g.uptime))}; target ${formatTarget(g.target)}${g.meetsTarget === false ? ' — <strong class="bad">below target</strong>' : g.meetsTarget ? ' — met' : ''}. ${g.monitorIds.length > 1 ? ` Down while any of its ${g.monitorIds.length} monitors is down.` : ''}</p>${wallCalendar(g.days, g.target, r.zone, `${g.group}: uptime by day`)}${legend}<h3>Monitors</h3>${monitorTable(ms_)}<p class="muted">Server response: p50 / p95 against the previous ${formatDuration(r.to - r.from)}; target ${signed(REPORT_TARGETS.responseChange)}. “Over ${REPORT_TARGETS.slowMs / 1000} s”: share of answers slower than that (estimated from the latency histogram).</p>${pageLoads(ms_)}<h3>Incidents</h3>${incidentTable(ms_, r.zone)}<p>MTTA ${dur(g.mttaMs)} · MTTR ${dur(g.mttrMs)}</p><h3>Planned maintenance excluded</h3>${maintenanceList(ms_, r.zone)}<h3>Uptime by day, per monitor</h3>${ms_.map((m) => `<h4>${esc(m.name)} — ${pct(m.uptime.ratio)}</h4>${calendar(m.days, m.target, r.zone, `${m.name}: uptime by day`)}`).join('')}</section>`;
    })
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(r.title)}</title><style>${CSS}</style></head><body>${head}<h2>Summary</h2>${groupSummary(r.groups)}${deploySection(r)}${policy}${groups}</body></html>`;
}
