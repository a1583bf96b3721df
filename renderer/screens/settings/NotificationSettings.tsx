import { CheckboxField } from '../../components/CheckboxField';
import { NotificationDelivery } from '../../presence/NotificationDelivery';
import type { SettingsFormBinding } from './settings-form-model';
import { SettingsTextField } from './SettingsTextField';

/** When this computer notifies, and when it keeps quiet (the reminder days are the renewal policy's). */
export function NotificationSettings({ form }: { form: SettingsFormBinding }) {
  return (
    <div role="group" aria-labelledby="settings-notifications-title">
      <h4 id="settings-notifications-title">Notifications</h4>
      <NotificationDelivery />
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
        <SettingsTextField form={form} field="quietHours.start" value="quietStart" type="time" />
        <SettingsTextField form={form} field="quietHours.end" value="quietEnd" type="time" />
      </div>
    </div>
  );
}
