import type { ReadableDB, WritableDB } from './db';
import { joined, type TableDb } from './parts';

export interface SettingsReads {
  get(key: string): string | undefined;
}
export interface SettingsWrites {
  set(key: string, value: string): void;
}
export type SettingsStore = SettingsReads & SettingsWrites;

export function createSettingsReads(db: ReadableDB): SettingsReads {
  const getStmt = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  return { get: (key) => getStmt.get(key) };
}

export function createSettingsWrites(db: WritableDB): SettingsWrites {
  const setStmt = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    set(key, value) {
      setStmt.run(key, value);
    },
  };
}

export function createSettings(db: TableDb): SettingsStore {
  return joined(createSettingsReads(db.read), db.write && createSettingsWrites(db.write), 'change a setting');
}
