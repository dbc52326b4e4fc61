import { assertWritable, type Db } from './db';

export interface SettingsStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

export function createSettings(db: Db, readOnly: boolean): SettingsStore {
  const getStmt = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const setStmt = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    get: (key) => getStmt.get(key),
    set(key, value) {
      assertWritable(readOnly, `change the setting ${key}`);
      setStmt.run(key, value);
    },
  };
}
