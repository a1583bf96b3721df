import { CheckboxField } from '../../components/CheckboxField';
import type { SettingsFormBinding } from './settings-form-model';
import { SettingsScope } from './SettingsScope';
import { SettingsTextField } from './SettingsTextField';

/**
 * The renewal policy new connections start with (its reminder days included), how many renewals
 * run at once, and the switch that pauses everything: in a workspace, the team's.
 */
export function RenewalSettings({ form }: { form: SettingsFormBinding }) {
  return (
    <section className="card" aria-labelledby="settings-renewal-title">
      <h3 id="settings-renewal-title">Renewal</h3>
      <SettingsScope of="workspace" />
      <p className="muted">
        New connections start with these; each connection can change them under Advanced.
      </p>
      <div className="field-grid">
        <SettingsTextField
          form={form}
          field="renewalPolicy.renewAtShare"
          value="renewAtPercent"
          hint="Renew once this much of the lifetime has passed."
        />
        <SettingsTextField
          form={form}
          field="renewalPolicy.leadTimeMs"
          value="leadTimeMinutes"
          hint="And at the latest this long before expiry."
        />
        <SettingsTextField
          form={form}
          field="renewalPolicy.jitterMs"
          value="jitterSeconds"
          hint="Up to this much earlier, at random."
        />
        <SettingsTextField
          form={form}
          field="renewalPolicy.unknownLifetimeIntervalMs"
          value="unknownLifetimeMinutes"
          hint="When the partner gives no lifetime, renew this long after the last renewal."
        />
      </div>
      <SettingsTextField
        form={form}
        field="reminderDays"
        value="reminderDays"
        hint="Days before a pasted token expires at which its reminder comes, each once per token."
      />
      <div className="field-grid">
        <SettingsTextField form={form} field="concurrency.global" value="concurrencyGlobal" />
        <SettingsTextField
          form={form}
          field="concurrency.perHost"
          value="concurrencyPerHost"
          hint="So that no partner is flooded."
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
