import { CheckboxField } from '../../components/CheckboxField';
import type { SettingsFormBinding } from './settings-form-model';
import { SettingsTextField } from './SettingsTextField';

/** The renewal policy new connections start with, and the switch that pauses everything. */
export function RenewalSettings({ form }: { form: SettingsFormBinding }) {
  return (
    <section className="card">
      <h3>Renewal</h3>
      <p className="muted">
        New connections start with these; each connection can change them under Advanced.
      </p>
      <div className="field-grid">
        <SettingsTextField
          field="renewalPolicy.renewAtShare"
          value={form.state.renewAtPercent}
          onChange={(v) => form.set('renewAtPercent', v)}
          error={form.error('renewalPolicy.renewAtShare')}
          hint="Renew once this much of the lifetime has passed."
        />
        <SettingsTextField
          field="renewalPolicy.leadTimeMs"
          value={form.state.leadTimeMinutes}
          onChange={(v) => form.set('leadTimeMinutes', v)}
          error={form.error('renewalPolicy.leadTimeMs')}
          hint="And at the latest this long before expiry."
        />
        <SettingsTextField
          field="renewalPolicy.jitterMs"
          value={form.state.jitterSeconds}
          onChange={(v) => form.set('jitterSeconds', v)}
          error={form.error('renewalPolicy.jitterMs')}
          hint="Up to this much earlier, at random."
        />
        <SettingsTextField
          field="renewalPolicy.unknownLifetimeIntervalMs"
          value={form.state.unknownLifetimeMinutes}
          onChange={(v) => form.set('unknownLifetimeMinutes', v)}
          error={form.error('renewalPolicy.unknownLifetimeIntervalMs')}
          hint="When the partner gives no lifetime, renew this long after the last renewal."
        />
      </div>
      <CheckboxField
        id="settings-renewalsPaused"
        label="Pause all renewals"
        hint="Nothing renews while this is on, and tokens run out. The tray menu has the same switch."
        checked={form.state.renewalsPaused}
        onChange={(v) => form.set('renewalsPaused', v)}
      />
    </section>
  );
}
