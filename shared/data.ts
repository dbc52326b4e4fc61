import { z } from 'zod';

/**
 * Types of the data domain (database status, backups, restore, review, open and write problems),
 * used by the Api contract and both sides. Times are ms since epoch.
 */

/**
 * Why the database could not be opened. `corrupt` and `foreign` files were copied aside
 * (`setAside`) before anything else happened; the original is left exactly as it was.
 */
export const OpenProblem = z.object({
  kind: z.enum(['corrupt', 'foreign', 'newer']),
  path: z.string(),
  message: z.string(),
  /** Copies made of the file (and its -wal / -shm), or empty when nothing was copied. */
  setAside: z.array(z.string()),
});
export type OpenProblem = z.infer<typeof OpenProblem>;

/** Writing results failed (disk full, read-only file system…); results are held in memory meanwhile. */
export const StorageProblem = z.object({
  state: z.enum(['failing', 'recovered']),
  /** What failed, in words: "writing probe results to /path/lookout.db". */
  what: z.string(),
  message: z.string(),
  /** Results waiting in memory (retried), and results dropped because the bound was reached. */
  held: z.int().nonnegative(),
  dropped: z.int().nonnegative(),
  since: z.number(),
  recoveredAt: z.number().nullable(),
});
export type StorageProblem = z.infer<typeof StorageProblem>;

export const BackupFile = z.object({ path: z.string(), bytes: z.int().nonnegative(), at: z.number() });
export type BackupFile = z.infer<typeof BackupFile>;

export const DataStatus = z.object({
  path: z.string(),
  readOnly: z.boolean(),
  /** The database the console normally uses (differs from `path` while reviewing another file). */
  mainPath: z.string(),
  bytes: z.int().nonnegative(),
  walBytes: z.int().nonnegative(),
  /** Raw results stored (estimate: exact for small databases). */
  results: z.int().nonnegative(),
  retentionDays: z.int(),
  backupDir: z.string(),
  lastBackup: BackupFile.nullable(),
  storage: StorageProblem.nullable(),
  /** Set when the database could not be opened: the UI offers start fresh / restore a backup. */
  opening: OpenProblem.nullable(),
});
export type DataStatus = z.infer<typeof DataStatus>;

/** Sent when the console switched database (restore, review, start fresh): clients reload. */
export const DatabaseSwitched = z.object({
  reason: z.enum(['restored', 'review', 'fresh', 'main']),
  path: z.string(),
  readOnly: z.boolean(),
});
export type DatabaseSwitched = z.infer<typeof DatabaseSwitched>;

/** Absolute path of a file on the machine running the core. */
export const FilePath = z.string().trim().min(1, 'Enter a file path').max(4096);
