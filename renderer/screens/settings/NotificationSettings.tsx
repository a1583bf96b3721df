import { CheckboxField } from '../../components/CheckboxField';
import { NotificationDelivery } from '../../presence/NotificationDelivery';
import type { SettingsFormBinding } from './settings-form-model';
import { SettingsTextField } from './SettingsTextField';

/** When TokenTray reminds and notifies, and when it keeps quiet. */
export function NotificationSettings({ form }: { form: SettingsFormBinding }) {
  return (
    <section className="card">
      <h3>Notifications</h3>
      <NotificationDelivery />
      <SettingsTextField
        field="reminderDays"
        value={form.state.reminderDays}
        onChange={(v) => form.set('reminderDays', v)}
        error={form.error('reminderDays')}
        hint="Days before a pasted token expires at which you are reminded, each once per token."
      />
      <CheckboxField
        id="settings-notifyOnNeedsAction"
        label="Notify when a connection needs action"
        checked={form.state.notifyOnNeedsAction}
        onChange={(v) => form.set('notifyOnNeedsAction', v)}
      />
      <CheckboxField
        id="settings-quietHours"
        label="Quiet hours"
        hint="No desktop notifications between these times; they wait until the end."
        checked={form.state.quietEnabled}
        onChange={(v) => form.set('quietEnabled', v)}
      />
      <div className="field-grid field-grid--narrow">
        <SettingsTextField
          field="quietHours.start"
          type="time"
          value={form.state.quietStart}
          onChange={(v) => form.set('quietStart', v)}
          error={form.error('quietHours.start')}
        />
        <SettingsTextField
          field="quietHours.end"
          type="time"
          value={form.state.quietEnd}
          onChange={(v) => form.set('quietEnd', v)}
          error={form.error('quietHours.end')}
        />
      </div>
    </section>
  );
}
