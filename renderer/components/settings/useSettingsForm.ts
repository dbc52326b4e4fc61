import { useId, useState, type FormEvent } from 'react';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import type { ApiError } from '../../../shared/errors';
import { useApiMutation } from '../../hooks/useApiQuery';
import { useSettings } from '../../hooks/useSettings';

export type SettingsDraft = { [K in keyof Settings]: Settings[K] };

export interface SettingsForm {
  settings: ReturnType<typeof useSettings>;
  draft: SettingsDraft | undefined;
  hostsText: string;
  zonesText: string;
  setHostsText: (s: string) => void;
  setZonesText: (s: string) => void;
  errors: Record<string, string>;
  formError: string | null;
  saved: string | null;
  busy: boolean;
  /** The control id of a settings path (`probing.retries`), where its issue is shown. */
  id: (path: string) => string;
  update: <S extends keyof SettingsDraft>(section: S, value: SettingsDraft[S]) => void;
  sub: <S extends keyof SettingsDraft>(section: S, key: string, value: unknown) => void;
  submit: (e: FormEvent) => Promise<void>;
  discard: () => void;
}

/**
 * The settings form's state: a draft copied from `settings.get`, saved whole with `settings.update`.
 * It does not re-validate: the contract's issues come back with the field's path and are put at
 * that field (or, without one on the page, in the form's error line).
 */
export function useSettingsForm(): SettingsForm {
  const settings = useSettings();
  const uid = useId();
  const save = useApiMutation('settings.update', { onError: (err) => showIssues(err) });
  const [draft, setDraft] = useState<SettingsDraft | undefined>(undefined);
  const [hostsText, setHostsText] = useState('');
  const [zonesText, setZonesText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const load = (s: Settings) => {
    setDraft(structuredClone(s));
    setHostsText(s.connectivity.referenceHosts.join('\n'));
    setZonesText(s.audienceZones.join('\n'));
  };
  // The draft starts as the saved settings once they arrive (set while rendering, not in an effect).
  if (settings.data && !draft) load(settings.data);

  const id = (path: string) => `${uid}-${path.replace(/\./g, '-')}`;

  function showIssues(apiErr: ApiError) {
    const byPath: Record<string, string> = {};
    const rest: string[] = [];
    for (const i of apiErr.issues ?? []) {
      // `connectivity.referenceHosts.1` is shown at the hosts box.
      const path = i.path
        .replace(/^(connectivity\.referenceHosts|audienceZones)\.\d+$/, '$1')
        .replace(/^(slo\.groups)\..*$/, '$1');
      if (document.getElementById(id(path))) byPath[path] ??= i.message;
      else rest.push(i.path ? `${i.path}: ${i.message}` : i.message);
    }
    setErrors(byPath);
    setFormError(rest.length ? rest.join('; ') : Object.keys(byPath).length ? null : apiErr.message);
    const first = Object.keys(byPath)[0];
    if (first) document.getElementById(id(first))?.focus();
  }

  return {
    settings,
    draft,
    hostsText,
    zonesText,
    setHostsText,
    setZonesText,
    errors,
    formError,
    saved,
    busy: save.busy,
    id,
    update(section, value) {
      setDraft((d) => (d ? { ...d, [section]: value } : d));
      setSaved(null);
    },
    sub(section, key, value) {
      setDraft((d) => (d ? { ...d, [section]: { ...(d[section] as object), [key]: value } } : d));
      setSaved(null);
    },
    async submit(e) {
      e.preventDefault();
      if (!draft || save.busy) return;
      setSaved(null);
      const patch: SettingsPatch = {
        ...draft,
        connectivity: { ...draft.connectivity, referenceHosts: hostsText.split(/[\s,]+/).filter(Boolean) },
        audienceZones: zonesText.split(/[\s,]+/).filter(Boolean),
      };
      const next = await save.run(patch);
      if (!next) return;
      setDraft(structuredClone(next));
      setErrors({});
      setFormError(null);
      setSaved('Settings saved.');
    },
    discard() {
      if (settings.data) load(settings.data);
      setErrors({});
      setFormError(null);
    },
  };
}
