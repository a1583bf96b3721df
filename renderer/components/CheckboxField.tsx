import { useId } from 'react';
import { describedBy, FieldNotes } from './FieldNotes';

/** A checkbox with its label beside it and an optional hint that describes it. */
export function CheckboxField({
  label,
  hint,
  checked,
  onChange,
  id,
}: {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  id?: string;
}) {
  const fallback = useId();
  const inputId = id ?? fallback;
  return (
    <div className="field field--checkbox">
      <input
        id={inputId}
        type="checkbox"
        checked={checked}
        aria-describedby={describedBy(inputId, { hint })}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={inputId}>{label}</label>
      <FieldNotes id={inputId} hint={hint} />
    </div>
  );
}
