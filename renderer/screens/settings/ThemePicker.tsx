import { useState } from 'react';
import type { Settings } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../hooks/useApi';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { SettingsScope } from './SettingsScope';

type Theme = Settings['theme'];

/** Light, dark or the system's: applied the moment it is chosen, and saved at once. */
export function ThemePicker({
  theme,
  onPreview,
}: {
  theme: Theme;
  onPreview: (theme: Theme | null) => void;
}) {
  const api = useApi();
  const [chosen, setChosen] = useState<Theme | null>(null);
  const save = useAction((next: Theme) => api.updateSettings({ theme: next }));
  const choose = async (next: Theme) => {
    setChosen(next);
    onPreview(next);
    const settled = await save.run(next);
    // Once saved, the snapshot carries it; if not, the window goes back to the saved theme.
    onPreview(null);
    if (!settled.ok) setChosen(null);
  };
  return (
    <section className="card" aria-labelledby="settings-appearance-title">
      <h3 id="settings-appearance-title">Appearance</h3>
      <SettingsScope of="computer" />
      <ChoiceGroup
        id="settings-theme"
        legend="Theme"
        value={chosen ?? theme}
        choices={[
          { value: 'system', label: 'System' },
          { value: 'light', label: 'Light' },
          { value: 'dark', label: 'Dark' },
        ]}
        hint="Applied at once. System follows your operating system's light or dark setting."
        onChange={(next) => void choose(next)}
      />
      {save.error && <ErrorNotice error={save.error} />}
    </section>
  );
}
