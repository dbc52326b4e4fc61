import { METHOD_NAMES, type Service } from '../../../shared/api';
import type { OpenProblem } from '../../../shared/data';
import { ApiError } from '../../../shared/errors';
import { Settings } from '../../../shared/settings';
import type { Core, CoreOptions, DataHost, StartSession, Target } from '../session';
import { systemClock } from '../clock';
import { createDispatcher, type Dispatch } from '../dispatch';
import { createEventBus } from '../events';
import { DatabaseOpenError, type Store } from '../store';
import { combineHandlers, type Handlers } from '../handlers';
import { copyAside } from './files';
import { createDataHandlers } from './service';

/**
 * Runs the core on one database at a time and presents the shells with a Core whose dispatch and
 * bus never change. A writable database that cannot be opened (corrupt, foreign, newer) does not
 * stop the console: it is copied aside (never modified) and the core runs without a store, answering
 * `app.info` and `data.*` so the UI can offer to start fresh or restore a backup.
 */
export async function startCoreHost(opts: CoreOptions, startSession: StartSession): Promise<Core> {
  const bus = createEventBus();
  const clock = opts.clock ?? systemClock;
  const main: Target = { path: opts.dbPath, readOnly: opts.readOnly ?? false };
  let target = main;
  let session: Core | undefined;
  let problem: OpenProblem | undefined;
  let fallback: Dispatch | undefined;
  let ready: Promise<void> = Promise.resolve();

  const host: DataHost = {
    bus,
    main,
    nativeBinding: opts.nativeBinding,
    current: () => target,
    problem: () => problem,
    async reopen(next, reason, prepare) {
      let release!: () => void;
      const prev = ready;
      ready = new Promise<void>((r) => (release = r));
      await prev;
      const before = target;
      try {
        await closeSession();
        try {
          prepare?.();
          await open(next);
        } catch (err) {
          await open(before).catch((e: unknown) =>
            opts.log?.(`Reopening ${before.path} failed: ${e instanceof Error ? e.message : String(e)}`),
          );
          throw err;
        }
        bus.emit('database', { reason, path: next.path, readOnly: next.readOnly });
      } finally {
        release();
      }
    },
  };

  async function closeSession(): Promise<void> {
    const s = session;
    session = undefined;
    fallback = undefined;
    problem = undefined;
    await s?.close();
  }

  async function open(next: Target): Promise<void> {
    try {
      session = await startSession({ ...opts, dbPath: next.path, readOnly: next.readOnly }, host);
      target = next;
    } catch (err) {
      // Review of a bad file is just refused; only the database the console writes to gets the
      // start-fresh / restore screen (it is the one the operator cannot simply close).
      if (!(err instanceof DatabaseOpenError) || next.readOnly) throw err;
      const setAside = err.kind === 'newer' ? [] : await copyAside(next.path, err.kind, clock.now());
      problem = { kind: err.kind, path: next.path, message: err.message, setAside };
      target = next;
      fallback = createDispatcher(problemService(), (method, e) => opts.log?.(`${method} failed: ${String(e)}`));
      opts.log?.(`${err.message}${setAside.length ? ` A copy was set aside as ${setAside[0]}.` : ''}`);
    }
  }

  /** Without a store: app.info and data.* work, everything else says why it cannot. */
  function problemService(): Service {
    const refuse = () => {
      throw new ApiError(
        'conflict',
        `${problem?.path ?? opts.dbPath} could not be opened: ${problem?.message ?? ''} Start fresh or restore a backup first.`,
      );
    };
    const answered = combineHandlers({
      data: createDataHandlers({ host, store: undefined, settings: () => Settings.parse({}), clock }),
      app: {
        'app.info': () => ({
          version: opts.version,
          mode: opts.mode,
          dbPath: target.path,
          readOnly: target.readOnly,
          firstRun: false,
          demo: false,
        }),
      } satisfies Handlers<'app.info'>,
    });
    // Every other method refuses: the spread is meant to let the answered ones win here.
    const refused = Object.fromEntries(METHOD_NAMES.map((m) => [m, refuse])) as unknown as Service;
    return { ...refused, ...answered };
  }

  await open(main);

  return {
    bus,
    async dispatch(method, input) {
      await ready;
      const d = session?.dispatch ?? fallback;
      if (!d) return { ok: false, error: { code: 'internal', message: 'The core is restarting; try again.' } };
      return d(method, input);
    },
    get store(): Store {
      if (!session) throw new ApiError('conflict', problem?.message ?? 'No database is open.');
      return session.store;
    },
    async close() {
      await ready;
      await closeSession();
    },
  };
}

export type { DataHost, StartSession, Target } from '../session';
