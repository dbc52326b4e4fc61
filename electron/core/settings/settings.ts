import { ApiError, issuesFromZod } from '../../../shared/errors';
import { Settings, type SettingsPatch } from '../../../shared/settings';

const KEY = 'settings';

interface RawSettingsStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

export interface SettingsService {
  /** Always complete: defaults fill anything never set. */
  get(): Settings;
  /** Merges section by section, validates the whole, stores it; returns the new settings. */
  update(patch: SettingsPatch): Settings;
  /** Called after every successful update (the scheduler, backups and alerts re-read). */
  onChange(listener: (s: Settings) => void): () => void;
}

/** The operator's settings kept as one JSON document in the `settings` table. */
export function createSettingsService(raw: RawSettingsStore): SettingsService {
  const listeners = new Set<(s: Settings) => void>();
  let cached: Settings | undefined;

  function stored(): Record<string, unknown> {
    const text = raw.get(KEY);
    if (text === undefined) return {};
    try {
      const v: unknown = JSON.parse(text);
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    } catch {
      return {}; // a damaged settings row must not stop the console: defaults apply
    }
  }

  function read(): Settings {
    const doc = stored();
    const parsed = Settings.safeParse(doc);
    if (parsed.success) return parsed.data;
    // Keep what is still valid section by section rather than dropping everything.
    const fallback: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(doc)) {
      if (Settings.safeParse({ [k]: v }).success) fallback[k] = v;
    }
    return Settings.parse(fallback);
  }

  return {
    get: () => (cached ??= read()),
    update(patch) {
      const current = stored();
      const merged: Record<string, unknown> = { ...current };
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) continue;
        const prev = current[k];
        merged[k] =
          v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object' && !Array.isArray(prev)
            ? { ...prev, ...v }
            : v;
      }
      const parsed = Settings.safeParse(merged);
      if (!parsed.success) {
        const issues = issuesFromZod(parsed.error);
        const first = issues[0];
        throw new ApiError(
          'invalid_input',
          `Invalid setting ${first?.path ?? ''}: ${first?.message ?? 'invalid'}`,
          issues,
        );
      }
      raw.set(KEY, JSON.stringify(parsed.data));
      cached = parsed.data;
      for (const l of listeners) l(parsed.data);
      return parsed.data;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
