import type { Dialect, PresetInfo } from '../../api/types';
import { Field } from '../../components/Field';
import { DIALECT_LABEL, DIALECTS } from '../../format/labels';
import { fieldId } from './connection-fields';
import type { FormBinding } from './form-binding';

/** The dialect, by its title, with the summary of what it does underneath. */
export function PresetPicker({ form, presets }: { form: FormBinding; presets: PresetInfo[] | null }) {
  const list: Array<Pick<PresetInfo, 'dialect' | 'title' | 'summary'>> =
    presets && presets.length > 0
      ? presets
      : DIALECTS.map((dialect) => ({ dialect, title: DIALECT_LABEL[dialect], summary: '' }));
  const current = list.find((preset) => preset.dialect === form.state.dialect);
  return (
    <Field
      id={fieldId('dialect')}
      label="Preset"
      hint={current?.summary || undefined}
      error={form.errors.dialect}
    >
      {(control) => (
        <select
          {...control}
          className="select"
          value={form.state.dialect}
          onChange={(event) => form.set('dialect', event.target.value as Dialect)}
        >
          {list.map((preset) => (
            <option key={preset.dialect} value={preset.dialect}>
              {preset.title}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
