import { Field } from '../../components/Field';
import { PemTextArea } from '../../components/PemTextArea';
import { FIELD_LABEL, fieldId } from './connection-fields';
import { FormTextField } from './FormTextField';
import type { FormBinding } from './form-binding';

/** Mutual TLS: the client certificate the partner issued and its private key, stored encrypted as every secret is. */
export function MutualTlsFields({ form }: { form: FormBinding }) {
  const field = 'settings.clientCertificatePem';
  if (!form.visible.has(field)) return null;
  return (
    <>
      <Field
        id={fieldId(field)}
        label={FIELD_LABEL[field]}
        optional
        hint="Only for partners that require mutual TLS (banks and payment partners often do)."
        error={form.errors[field]}
      >
        {(control) => (
          <PemTextArea
            control={control}
            value={form.state.clientCertificatePem}
            onChange={(v) => form.set('clientCertificatePem', v)}
          />
        )}
      </Field>
      <FormTextField
        form={form}
        field="secrets.clientKey"
        value="clientKey"
        kind="secret"
        hint={
          form.mode === 'edit'
            ? 'Stored encrypted. Leave empty to keep the stored one.'
            : 'Stored encrypted, never shown again. An unencrypted PEM key.'
        }
      />
    </>
  );
}
