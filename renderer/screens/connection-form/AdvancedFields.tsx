import type { FormBinding } from './form-binding';
import { MutualTlsFields } from './MutualTlsFields';
import { PolicyField } from './PolicyField';

/** The renewal policy, folded away: the defaults from Settings suit nearly every connection. */
export function AdvancedFields({
  form,
  open,
  onToggle,
}: {
  form: FormBinding;
  open: boolean;
  onToggle: (open: boolean) => void;
}) {
  const manual = form.state.dialect === 'manual';
  return (
    <details className="advanced" open={open} onToggle={(event) => onToggle(event.currentTarget.open)}>
      <summary>Advanced</summary>
      <div className="advanced-body">
        {!manual && (
          <div className="field-grid">
            <PolicyField
              form={form}
              field="policy.renewAtShare"
              value="renewAtPercent"
              hint="Renew once this much of the lifetime has passed."
            />
            <PolicyField
              form={form}
              field="policy.leadTimeMs"
              value="leadTimeMinutes"
              hint="And at the latest this long before expiry."
            />
            <PolicyField
              form={form}
              field="policy.jitterMs"
              value="jitterSeconds"
              hint="Up to this much earlier, at random."
            />
            <PolicyField
              form={form}
              field="policy.unknownLifetimeIntervalMs"
              value="unknownLifetimeMinutes"
              hint="When the partner gives no lifetime, renew this long after the last renewal."
            />
          </div>
        )}
        <PolicyField
          form={form}
          field="policy.reminderDays"
          value="reminderDays"
          hint={
            manual
              ? 'Days before expiry at which TokenTray reminds you, each once.'
              : 'Only used for tokens pasted by hand.'
          }
        />
        <MutualTlsFields form={form} />
        <label className="choice">
          <input
            type="checkbox"
            checked={form.state.enabled}
            onChange={(event) => form.set('enabled', event.target.checked)}
          />
          Enabled
        </label>
        <p className="field-hint">When off, this connection is paused: no renewals and no reminders.</p>
      </div>
    </details>
  );
}
