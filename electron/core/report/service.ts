import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Service } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { SettingsService } from '../settings/settings';
import { createLedger, type MaintenanceIntervals } from '../slo/ledger';
import type { Store } from '../store';
import { reportCsv } from './csv';
import { deployFrequency } from '../deploys/report';
import { buildReport, type ReportSources } from './data';
import { createHistoryExport } from './history';
import { reportHtml } from './html';
import { createPlaywrightPrinter, type PdfPrinter } from './pdf';

export interface ReportDeps {
  store: Store;
  settings: SettingsService;
  clock: Clock;
  bus: EventBus;
  maintenanceIntervals?: MaintenanceIntervals;
  /** The desktop shell's printer (webContents.printToPDF); default Chromium through playwright-core. */
  printPdf?: PdfPrinter;
}

type Methods = 'report.get' | 'report.export' | 'history.export';

const slug = (s: string) =>
  s
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase() || 'report';

/** The quarterly service report and history exports; figures from the console's own accounting. */
export function reportSources({
  store,
  settings,
  clock,
  maintenanceIntervals,
}: Omit<ReportDeps, 'bus' | 'printPdf'>): ReportSources {
  const incidents = store.tables.incidents;
  return {
    now: () => clock.now(),
    settings: () => settings.get(),
    monitors: () => store.monitors.list(),
    ledger: createLedger(store.tables.accounting, maintenanceIntervals),
    incidents: (monitorId, from, to) => incidents.overlapping(monitorId, from, to, clock.now()),
    latency: store.tables.latencyDetail,
    deploys: (from, to) => {
      const f = deployFrequency(store.tables.deploys, from, to);
      return {
        services: f.services,
        regressions: f.regressions.map((x) => ({
          id: x.id,
          at: x.at,
          group: x.group,
          version: x.version,
          note: x.note,
        })),
      };
    },
  };
}

export function createReportHandlers(deps: ReportDeps): Pick<Service, Methods> {
  const { store, clock, bus } = deps;
  const sources = reportSources(deps);
  const history = createHistoryExport(store.tables.history);
  let printer = deps.printPdf;
  const progress = (job: 'report' | 'history') => (p: { done: number; total: number; stage: string }) =>
    bus.emit('reportProgress', { ...p, stage: `${job}: ${p.stage}` });
  return {
    'report.get': async (q) => {
      return buildReport(sources, q, progress('report'));
    },
    'report.export': async ({ query, format }) => {
      const r = await buildReport(sources, query, progress('report'));
      const name = slug(r.title);
      if (format === 'csv')
        return { filename: `${name}.csv`, mimeType: 'text/csv', encoding: 'utf8' as const, content: reportCsv(r) };
      const html = reportHtml(r);
      if (format === 'html')
        return { filename: `${name}.html`, mimeType: 'text/html', encoding: 'utf8' as const, content: html };
      printer ??= createPlaywrightPrinter();
      try {
        const pdf = await printer(html);
        return {
          filename: `${name}.pdf`,
          mimeType: 'application/pdf',
          encoding: 'base64' as const,
          content: Buffer.from(pdf).toString('base64'),
        };
      } catch (err) {
        throw new ApiError(
          'internal',
          `The PDF could not be printed: ${err instanceof Error ? err.message : String(err)}. The HTML report prints the same pages from a browser.`,
        );
      }
    },
    'history.export': async ({ format, monitorId, from, to, path: asked }) => {
      const now = clock.now();
      if (from >= now)
        throw new ApiError('invalid_input', 'The range starts in the future: there is no history there yet', [
          { path: 'from', message: 'Starts in the future' },
        ]);
      const m = monitorId === undefined ? undefined : store.monitors.get(monitorId);
      if (monitorId !== undefined && !m) throw new ApiError('not_found', `Monitor ${monitorId} does not exist`);
      const end = Math.min(to, now + 1);
      const dir = path.join(path.dirname(store.path), 'exports');
      const file = asked
        ? path.resolve(asked)
        : path.join(
            dir,
            `lookout-${m ? slug(m.name) : 'all'}-${new Date(from).toISOString().slice(0, 10)}-${new Date(end).toISOString().slice(0, 10)}.${format}`,
          );
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        const written =
          format === 'csv'
            ? await history.csv(file, m!.id, from, end, progress('history'))
            : await history.json(file, from, end, progress('history'));
        return { path: file, ...written };
      } catch (err) {
        if (err instanceof ApiError) throw err;
        throw new ApiError(
          'invalid_input',
          `Could not write ${file}: ${err instanceof Error ? err.message : String(err)}`,
          [{ path: 'path', message: 'Not writable' }],
        );
      }
    },
  };
}
