import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import type { Settings } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Outcome } from '../../components/Outcome';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../hooks/useApi';
import { ComputerSettings } from './ComputerSettings';
import { DataKeySettings } from './DataKeySettings';
import { ImportExport } from './ImportExport';
import { NetworkSettings } from './NetworkSettings';
import { RenewalSettings } from './RenewalSettings';
import type { SettingsFormBinding, SettingsFormState } from './settings-form-model';
import {
  buildSettingsPatch,
  SETTINGS_FIELD_LABEL,
  settingsFieldId,
  settingsFieldOf,
  settingsFormState,
} from './settings-form-model';
import { ThemePicker } from './ThemePicker';
import { WorkspaceSettings } from './WorkspaceSettings';

/** The team's renewal and network settings, this computer's own, appearance, and import/export. */
export function SettingsScreen({
  settings,
  proxyPasswordStored,
  onThemePreview,
}: {
  settings: Settings;
  /** Whether a proxy password is stored (never the password). */
  proxyPasswordStored: boolean;
  onThemePreview: (theme: Settings['theme'] | null) => void;
}) {
  const api = useApi();
  const [state, setState] = useState<SettingsFormState>(() => settingsFormState(settings));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useAction(async (patch: Partial<Settings>, paused: boolean, proxyPassword: string) => {
    const saved = await api.updateSettings(patch);
    if (proxyPassword !== '') await api.setProxyPassword(proxyPassword);
    return saved.renewalsPaused === paused ? saved : api.setRenewalsPaused(paused);
  });

  // Changes made elsewhere (the tray's pause) show here, unless the person is editing.
  useEffect(() => {
    if (!dirty) setState(settingsFormState(settings));
  }, [settings, dirty]);

  const set = <K extends keyof SettingsFormState>(key: K, value: SettingsFormState[K]) => {
    setState((s) => ({ ...s, [key]: value }));
    setDirty(true);
    if (save.result) save.reset();
  };

  const showErrors = (found: Record<string, string>) => {
    setErrors(found);
    const first = Object.keys(found)
      .map(settingsFieldOf)
      .find((field) => field !== null);
    if (first) document.getElementById(settingsFieldId(first))?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (save.pending) return;
    const { patch, errors: found } = buildSettingsPatch(state, settings);
    if (Object.keys(found).length > 0) return showErrors(found);
    setErrors({});
    const settled = await save.run(patch, state.renewalsPaused, state.proxyPassword);
    if (settled.ok) {
      setState((s) => ({ ...s, proxyPassword: '' }));
      setDirty(false);
    } else {
      showErrors(settled.error.fieldErrors);
    }
  };

  const form: SettingsFormBinding = { state, set, error: (key) => errors[key] };
  const hostError = save.error && Object.keys(save.error.fieldErrors).length === 0 ? save.error : null;

  return (
    <div className="settings-screen">
      <h2 className="screen-title">Settings</h2>
      <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate autoComplete="off">
        <ErrorSummary
          errors={errors}
          labelOf={(key) => SETTINGS_FIELD_LABEL[settingsFieldOf(key) ?? ''] ?? key}
          idOf={(key) => {
            const field = settingsFieldOf(key);
            return field ? settingsFieldId(field) : null;
          }}
        />
        <RenewalSettings form={form} />
        <NetworkSettings form={form} proxyPasswordStored={proxyPasswordStored} />
        <ComputerSettings form={form} />
        <div className="form-actions">
          <button type="submit" className="button button--primary" aria-disabled={save.pending || undefined}>
            Save
          </button>
          {dirty && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setState(settingsFormState(settings));
                setDirty(false);
                setErrors({});
              }}
            >
              Discard changes
            </button>
          )}
          <div aria-live="polite">
            {save.pending && <Outcome tone="progress">Saving…</Outcome>}
            {save.result && !dirty && <Outcome tone="ok">Settings saved.</Outcome>}
          </div>
        </div>
        {hostError && <ErrorNotice error={hostError} />}
      </form>
      <ThemePicker theme={settings.theme} onPreview={onThemePreview} />
      <DataKeySettings />
      <WorkspaceSettings />
      <ImportExport />
    </div>
  );
}
