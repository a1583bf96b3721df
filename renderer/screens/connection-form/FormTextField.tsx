import type { ReactNode } from 'react';
import { Field } from '../../components/Field';
import { SecretInput } from '../../components/SecretInput';
import type { FieldKey } from './connection-fields';
import { FIELD_LABEL, fieldId } from './connection-fields';
import type { ConnectionFormState } from './connection-form-model';
import type { FormBinding } from './form-binding';

type TextKey = {
  [K in keyof ConnectionFormState]: ConnectionFormState[K] extends string ? K : never;
}[keyof ConnectionFormState];

/** A text field of the connection form, labelled, described and marked invalid from the binding. */
export function FormTextField({
  form,
  field,
  value,
  hint,
  kind = 'text',
  placeholder,
  autoFocus = false,
}: {
  form: FormBinding;
  field: FieldKey;
  value: TextKey;
  hint?: ReactNode;
  kind?: 'text' | 'url' | 'secret' | 'number' | 'mono';
  placeholder?: string;
  autoFocus?: boolean;
}) {
  if (!form.visible.has(field)) return null;
  return (
    <Field
      id={fieldId(field)}
      label={FIELD_LABEL[field]}
      hint={hint}
      error={form.errors[field]}
      optional={!form.required.has(field)}
    >
      {(control) =>
        kind === 'secret' ? (
          <SecretInput
            control={control}
            value={form.state[value]}
            onChange={(v) => form.set(value, v)}
            autoFocus={autoFocus}
          />
        ) : (
          <input
            {...control}
            className={kind === 'url' || kind === 'mono' ? 'input input--mono' : 'input'}
            type={kind === 'url' ? 'url' : 'text'}
            inputMode={kind === 'number' ? 'numeric' : undefined}
            autoComplete="off"
            spellCheck={false}
            placeholder={placeholder}
            value={form.state[value]}
            onChange={(event) => form.set(value, event.target.value)}
            data-autofocus={autoFocus || undefined}
          />
        )
      }
    </Field>
  );
}
