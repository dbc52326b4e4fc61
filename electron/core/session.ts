// The types the session wiring shares: app.ts starts a session, database/host.ts runs one at a
// time on the current database, and the data handlers ask the host to switch it. They live here so
// none of those modules imports another for its types (an import cycle the lint forbids).
import type { AppInfo } from '../../shared/api';
import type { DatabaseSwitched, OpenProblem } from '../../shared/data';
import type { Clock } from './clock';
import type { Dispatch } from './dispatch';
import type { EventBus } from './events';
import type { PageLoader } from './probes/context';
import type { PdfPrinter } from './report/pdf';
import type { SecretBox } from './secrets/box';
import type { ShellHooks } from './shell';
import type { Store } from './store';

export interface CoreOptions {
  dbPath: string;
  mode: AppInfo['mode'];
  version: string;
  /** Review mode: open an existing database read-only; nothing is probed or written. */
  readOnly?: boolean;
  /** Load the demo workspace now if this database has never had it. */
  demo?: boolean;
  clock?: Clock;
  log?: (line: string) => void;
  /** Real browser for `page` probes; the Electron shell passes its own, else headless Chromium (playwright-core). */
  pageLoader?: PageLoader;
  /** Seals probe secrets: the shell passes the OS keychain; default an owner-only key file beside the database. */
  secrets?: SecretBox;
  /** better-sqlite3 addon built for Electron's ABI (electron/native/); default the Node build in node_modules. */
  nativeBinding?: string;
  /** Prints report PDFs: the shell passes one on webContents.printToPDF; default Chromium via playwright-core (report/pdf.ts). */
  printPdf?: PdfPrinter;
  /** What only the shell can do: login items, serve token, why secrets use the key file (core/shell.ts). */
  shell?: ShellHooks;
  /** Tests: the smallest Prometheus query step, in s (default the source's interval). */
  vantageStepFloorSec?: number;
  /** Development and tests: check every answer against its output schema (dispatch.ts); off by default. */
  checkOutputs?: boolean;
  /** Tests: runs when a session has started everything, before it is handed out; a throw fails the start. */
  onSessionStarted?: (store: Store) => void | Promise<void>;
}

export interface Core {
  dispatch: Dispatch;
  bus: EventBus;
  store: Store;
  close(): Promise<void>;
}

/** Which database the core runs on. */
export interface Target {
  path: string;
  readOnly: boolean;
}

/**
 * What the data service needs from whoever runs the core: switching the database under it
 * (restore, review, start fresh) without the shells noticing, since they hold on to one
 * dispatch and one bus for the life of the process.
 */
export interface DataHost {
  readonly bus: EventBus;
  /** The database the console was started on (the one `data.reviewEnd` returns to). */
  readonly main: Target;
  /** The better-sqlite3 addon the core opens databases with (CoreOptions.nativeBinding). */
  readonly nativeBinding: string | undefined;
  current(): Target;
  /** Why the current database could not be opened, if it could not. */
  problem(): OpenProblem | undefined;
  /**
   * Closes the running core, runs `prepare` (file swaps happen here, with nothing open), opens
   * `target`. If that fails, the previous database is opened again and the error is rethrown.
   */
  reopen(target: Target, reason: DatabaseSwitched['reason'], prepare?: () => void): Promise<void>;
}

export type StartSession = (opts: CoreOptions, host: DataHost) => Promise<Core>;
