import { CheckboxField } from '../../components/CheckboxField';
import type { SettingsFormBinding } from './settings-form-model';
import { SettingsTextField } from './SettingsTextField';

/** What TokenTray does on this computer: login, clipboard, how many renewals at once. */
export function ComputerSettings({ form }: { form: SettingsFormBinding }) {
  return (
    <section className="card">
      <h3>This computer</h3>
      <CheckboxField
        id="settings-launchAtLogin"
        label="Launch at login"
        hint="Start TokenTray in the tray when you log in (desktop app)."
        checked={form.state.launchAtLogin}
        onChange={(v) => form.set('launchAtLogin', v)}
      />
      <div className="field-grid">
        <SettingsTextField
          form={form}
          field="clipboardClearSeconds"
          value="clipboardClearSeconds"
          hint="A copied token is wiped from the clipboard after this long."
        />
        <SettingsTextField form={form} field="concurrency.global" value="concurrencyGlobal" />
        <SettingsTextField
          form={form}
          field="concurrency.perHost"
          value="concurrencyPerHost"
          hint="So that no partner is flooded."
        />
      </div>
    </section>
  );
}
