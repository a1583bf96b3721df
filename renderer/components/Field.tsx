import type { ReactNode } from 'react';
import { describedBy, FieldNotes } from './FieldNotes';

/** What a form control needs to be labelled and described; spread onto the input. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * A label, the control, a hint and an error. The label holds only the field's
 * name, so "Client secret" is the control's whole accessible name; the hint,
 * "optional" and the error are its description.
 */
export function Field({
  id,
  label,
  hint,
  error,
  optional = false,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const described = describedBy(id, { optional, hint, error });
  return (
    <div className={['field', error ? 'field--invalid' : '', className ?? ''].join(' ').trim()}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {optional && (
          <span id={`${id}-optional`} className="field-optional">
            optional
          </span>
        )}
      </div>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': described,
      })}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
