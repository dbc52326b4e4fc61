import { z } from 'zod';
import { Settings } from '../../../../shared/settings';
import { createSettingsService } from '../../settings/settings';
import { strictDeep } from '../strict';
import type { SettingsStore } from '../../store/settings';
import type { SectionDef } from './types';

/**
 * `settings:` is the whole settings document (what it leaves out takes the default), except the
 * SLO targets of service groups, which `groups:` holds. Absent = settings left as they are.
 */
const sloObject = (Settings.shape.slo.def.innerType as z.ZodObject).omit({ groups: true });
const FileSettings = strictDeep(Settings.extend({ slo: sloObject.prefault({}) }));
type FileSettings = z.output<typeof FileSettings>;

const SETTINGS_KEY = 'settings';
const readSettings = (raw: SettingsStore) => createSettingsService(raw).get();

/** Writes the document with `slo.groups` replaced (validated as the console validates it). */
export function writeSettings(raw: SettingsStore, next: { slo: object }, groups: Record<string, number>): void {
  const doc = Settings.parse({ ...next, slo: { ...next.slo, groups } });
  raw.set(SETTINGS_KEY, JSON.stringify(doc));
}

export const settingsSection: SectionDef<FileSettings> = {
  key: 'settings',
  label: 'settings',
  schema: FileSettings,
  unlisted: false,
  items: (s) => [{ key: 'settings', name: 'settings', value: s }],
  read({ t }) {
    const s = readSettings(t.settings);
    const { groups: _groups, ...slo } = s.slo;
    return [{ key: 'settings', name: 'settings', value: FileSettings.parse({ ...s, slo }) }];
  },
  toFile: (items) => items[0]?.value,
  write(ops, { t }) {
    const item = ops.create[0] ?? ops.change[0]?.item;
    if (item) writeSettings(t.settings, item.value as FileSettings, readSettings(t.settings).slo.groups);
    return new Map();
  },
};

const GroupFile = z.strictObject({ sloTarget: z.number().min(0.5, 'At least 50%').max(0.99999, 'At most 99.999%') });
const GroupsFile = z.record(z.string().trim().min(1).max(60), GroupFile);
type GroupsFile = z.output<typeof GroupsFile>;

/** Service groups and their SLO targets (settings.slo.groups); a monitor names its group. */
export const groupsSection: SectionDef<GroupsFile> = {
  key: 'groups',
  label: 'group',
  schema: GroupsFile,
  unlisted: true,
  items: (g) => Object.entries(g).map(([name, v]) => ({ key: name, name, value: v })),
  read: ({ t }) =>
    Object.entries(readSettings(t.settings).slo.groups).map(([name, sloTarget]) => ({
      key: name,
      name,
      value: { sloTarget },
    })),
  toFile: (items) => Object.fromEntries(items.map((i) => [i.key, i.value])),
  write(ops, { t }) {
    const s = readSettings(t.settings);
    const groups = { ...s.slo.groups };
    for (const item of [...ops.create, ...ops.change.map((c) => c.item)])
      groups[item.key] = (item.value as { sloTarget: number }).sloTarget;
    for (const item of ops.remove) delete groups[item.key];
    writeSettings(t.settings, s, groups);
    return new Map();
  },
};
