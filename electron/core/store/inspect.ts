import Database from 'better-sqlite3';
import { readable } from './db';

/** What the data domain asks of a Lookout file that is not the session's database. */
export interface FileLook {
  applicationId(): number;
  userVersion(): number;
  /** `ok`, or up to `max` problems joined with `; `. */
  integrityCheck(max: number): string;
  resultCount(): number;
}

/**
 * Opens another file (a backup copy, a restore candidate) read-only, hands `fn` a narrow look at
 * it, and closes it again, also when `fn` throws. Errors opening or reading it propagate.
 * `nativeBinding` is the open store's addon build (the desktop shell's is built for Electron's ABI).
 */
export function lookAtFile<T>(file: string, nativeBinding: string | undefined, fn: (look: FileLook) => T): T {
  const connection = new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding === undefined ? {} : { nativeBinding }),
  });
  const db = readable(connection);
  try {
    return fn({
      applicationId: () => db.pragma('application_id', { simple: true }) as number,
      userVersion: () => db.pragma('user_version', { simple: true }) as number,
      integrityCheck: (max) =>
        (db.pragma(`integrity_check(${Math.max(1, Math.floor(max))})`) as { integrity_check: string }[])
          .map((r) => r.integrity_check)
          .join('; '),
      resultCount: () => db.prepare<[], number>('SELECT count(*) FROM results').pluck().get()!,
    });
  } finally {
    connection.close();
  }
}
