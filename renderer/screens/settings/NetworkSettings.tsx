import { CheckboxField } from '../../components/CheckboxField';
import { PemTextArea } from '../../components/PemTextArea';
import { Field } from '../../components/Field';
import type { SettingsFormBinding } from './settings-form-model';
import { SETTINGS_FIELD_LABEL, settingsFieldId } from './settings-form-model';
import { ProxyPasswordField } from './ProxyPasswordField';
import { SettingsScope } from './SettingsScope';
import { SettingsTextField } from './SettingsTextField';

/** How partner traffic leaves a company desktop: proxy, extra CA certificates, deadline. */
export function NetworkSettings({
  form,
  proxyPasswordStored,
}: {
  form: SettingsFormBinding;
  proxyPasswordStored: boolean;
}) {
  return (
    <section className="card" aria-labelledby="settings-network-title">
      <h3 id="settings-network-title">Network</h3>
      <SettingsScope of="workspace" />
      <SettingsTextField
        form={form}
        field="network.proxyUrl"
        value="proxyUrl"
        type="text"
        hint="Such as http://proxy.example.com:3128. Empty: HTTPS_PROXY, HTTP_PROXY and NO_PROXY apply."
      />
      <div className="field-grid">
        <SettingsTextField
          form={form}
          field="network.proxyUsername"
          value="proxyUsername"
          type="text"
          hint="Where the proxy asks for one."
        />
        <ProxyPasswordField form={form} stored={proxyPasswordStored} />
      </div>
      <CheckboxField
        id="settings-proxyLoopback"
        label="Send requests to this computer through the proxy too"
        hint="Off: localhost and 127.0.0.1 are reached directly."
        checked={form.state.proxyLoopback}
        onChange={(v) => form.set('proxyLoopback', v)}
      />
      <Field
        id={settingsFieldId('network.extraCaPem')}
        label={SETTINGS_FIELD_LABEL['network.extraCaPem']!}
        hint="Your company's certificate authority, where a proxy inspects TLS. Added to the usual ones."
        error={form.error('network.extraCaPem')}
      >
        {(control) => (
          <PemTextArea
            control={control}
            value={form.state.extraCaPem}
            onChange={(v) => form.set('extraCaPem', v)}
          />
        )}
      </Field>
      <SettingsTextField
        form={form}
        field="network.timeoutSeconds"
        value="timeoutSeconds"
        hint="For every partner that does not set its own."
      />
    </section>
  );
}
