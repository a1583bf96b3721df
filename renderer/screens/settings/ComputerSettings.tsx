import { CheckboxField } from '../../components/CheckboxField';
import { NotificationSettings } from './NotificationSettings';
import type { SettingsFormBinding } from './settings-form-model';
import { SettingsScope } from './SettingsScope';
import { SettingsTextField } from './SettingsTextField';

/**
 * What TokenTray does on this computer: login, the clipboard, notifications. In a workspace each
 * member keeps their own (the core's `COMPUTER_SETTINGS`); nothing here is the team's.
 */
export function ComputerSettings({ form }: { form: SettingsFormBinding }) {
  return (
    <section className="card" aria-labelledby="settings-computer-title">
      <h3 id="settings-computer-title">This computer</h3>
      <SettingsScope of="computer" />
      <CheckboxField
        id="settings-launchAtLogin"
        label="Launch at login"
        hint="Start TokenTray in the tray when you log in (desktop app)."
        checked={form.state.launchAtLogin}
        onChange={(v) => form.set('launchAtLogin', v)}
      />
      <SettingsTextField
        form={form}
        field="clipboardClearSeconds"
        value="clipboardClearSeconds"
        hint="A copied token is wiped from the clipboard after this long."
      />
      <NotificationSettings form={form} />
    </section>
  );
}
