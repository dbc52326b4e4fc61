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

/** One copy of a scheduled backup as checked after writing it (opened read-only, integrity_check, results counted). */
export const BackupCheck = z.object({
  path: z.string(),
  ok: z.boolean(),
  /** Results in the copy, when it could be read. */
  results: z.int().nonnegative().nullable(),
  /** "verified: 1,204,113 results, integrity ok" or what failed. */
  message: z.string(),
});
export type BackupCheck = z.infer<typeof BackupCheck>;

/** The last scheduled backup's verification: every copy (backup folder, second folder). */
export const BackupVerification = z.object({
  at: z.number(),
  ok: z.boolean(),
  /** Results in the source database at the backup's moment. */
  sourceResults: z.int().nonnegative(),
  copies: z.array(BackupCheck),
});
export type BackupVerification = z.infer<typeof BackupVerification>;

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
  /** The last scheduled backup's check; null before the first one. */
  lastVerification: BackupVerification.nullable().default(null),
  /** The optional second folder every scheduled backup is also copied to. */
  secondBackupDir: z.string().nullable().default(null),
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
