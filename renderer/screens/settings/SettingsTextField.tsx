import { Field } from '../../components/Field';
import { SETTINGS_FIELD_LABEL, settingsFieldId } from './settings-form-model';

/** One typed setting, labelled from the settings field table. */
export function SettingsTextField({
  field,
  value,
  onChange,
  error,
  hint,
  type = 'text',
}: {
  field: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  type?: 'text' | 'time';
}) {
  return (
    <Field id={settingsFieldId(field)} label={SETTINGS_FIELD_LABEL[field] ?? field} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          className={type === 'time' ? 'input input--time' : 'input input--short'}
          type={type}
          inputMode={type === 'text' ? 'decimal' : undefined}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
