import { Field } from '../../components/Field';
import type { SettingsFormBinding, SettingsFormState } from './settings-form-model';
import { SETTINGS_FIELD_LABEL, settingsFieldId } from './settings-form-model';

type TextKey = {
  [K in keyof SettingsFormState]: SettingsFormState[K] extends string ? K : never;
}[keyof SettingsFormState];

/**
 * One typed setting, labelled from the settings field table and bound to the form: `field` is
 * the key the host names in `fieldErrors`, `value` the form's text. A number is short and
 * typed as text (the form reads it), a free text is neither spell-checked nor completed.
 */
export function SettingsTextField({
  form,
  field,
  value,
  hint,
  type = 'number',
}: {
  form: SettingsFormBinding;
  field: string;
  value: TextKey;
  hint?: string;
  type?: 'number' | 'time' | 'text';
}) {
  const free = type === 'text';
  const label = SETTINGS_FIELD_LABEL[field] ?? field;
  return (
    <Field id={settingsFieldId(field)} label={label} hint={hint} error={form.error(field)}>
      {(control) => (
        <input
          {...control}
          className={free ? 'input' : type === 'time' ? 'input input--time' : 'input input--short'}
          type={type === 'time' ? 'time' : 'text'}
          inputMode={type === 'number' ? 'decimal' : undefined}
          autoComplete={free ? 'off' : undefined}
          spellCheck={free ? false : undefined}
          value={form.state[value]}
          onChange={(event) => form.set(value, event.target.value)}
        />
      )}
    </Field>
  );
}
