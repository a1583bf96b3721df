import type { ReactNode } from 'react';
import { Field } from '../../components/Field';
import type { FieldKey } from './connection-fields';
import { FIELD_LABEL, fieldId } from './connection-fields';
import type { FormBinding } from './form-binding';

/** A number (or list of numbers) of the renewal policy, typed as text and checked on save. */
export function PolicyField({
  form,
  field,
  value,
  hint,
}: {
  form: FormBinding;
  field: FieldKey;
  value: 'renewAtPercent' | 'leadTimeMinutes' | 'jitterSeconds' | 'unknownLifetimeMinutes' | 'reminderDays';
  hint: ReactNode;
}) {
  return (
    <Field id={fieldId(field)} label={FIELD_LABEL[field]} hint={hint} error={form.errors[field]}>
      {(control) => (
        <input
          {...control}
          className="input"
          inputMode={value === 'reminderDays' ? 'text' : 'decimal'}
          value={form.state[value]}
          onChange={(event) => form.set(value, event.target.value)}
        />
      )}
    </Field>
  );
}
