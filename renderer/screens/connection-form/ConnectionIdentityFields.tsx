import type { PartnerBrief, PresetInfo } from '../../api/types';
import { Field } from '../../components/Field';
import { fieldId } from './connection-fields';
import type { FormBinding } from './form-binding';
import { FormTextField } from './FormTextField';
import { PresetPicker } from './PresetPicker';

/** Whose connection it is, what people call it, and which dialect it speaks. */
export function ConnectionIdentityFields({
  form,
  presets,
  partners,
}: {
  form: FormBinding;
  presets: PresetInfo[] | null;
  partners: PartnerBrief[];
}) {
  const sorted = [...partners].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <Field id={fieldId('partnerId')} label="Partner" error={form.errors.partnerId}>
        {(control) => (
          <select
            {...control}
            className="select"
            value={form.state.partnerId}
            onChange={(event) => form.set('partnerId', event.target.value)}
          >
            {form.state.partnerId === '' && <option value="">Choose a partner…</option>}
            {sorted.map((partner) => (
              <option key={partner.id} value={partner.id}>
                {partner.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormTextField
        form={form}
        field="label"
        value="label"
        autoFocus={form.mode === 'add'}
        hint="What you call this token source, such as “Orders API (production)”."
      />
      <PresetPicker form={form} presets={presets} />
    </>
  );
}
