import { describedBy, FieldNotes } from './FieldNotes';

/** Two or three radio choices under a legend; the error and hint describe the group. */
export function ChoiceGroup<V extends string>({
  id,
  legend,
  value,
  choices,
  hint,
  error,
  onChange,
}: {
  id: string;
  legend: string;
  value: V;
  choices: Array<{ value: V; label: string }>;
  hint?: string;
  error?: string;
  onChange: (value: V) => void;
}) {
  const described = describedBy(id, { hint, error });
  return (
    <fieldset className={error ? 'fieldset field--invalid' : 'fieldset'} aria-describedby={described}>
      <legend>{legend}</legend>
      <div className="choice-row">
        {choices.map((choice, index) => (
          <label key={choice.value} className="choice">
            <input
              type="radio"
              id={index === 0 ? id : undefined}
              name={id}
              checked={value === choice.value}
              aria-invalid={error ? true : undefined}
              onChange={() => onChange(choice.value)}
            />
            {choice.label}
          </label>
        ))}
      </div>
      <FieldNotes id={id} hint={hint} error={error} />
    </fieldset>
  );
}
