import type { ReactNode } from 'react';

interface Notes {
  /** Says "optional" beside the label (only Field shows it). */
  optional?: boolean;
  hint?: ReactNode;
  error?: string;
}

/** The ids of a control's notes, for its aria-describedby: they name the elements FieldNotes and Field render. */
export function describedBy(id: string, { optional, hint, error }: Notes): string | undefined {
  return (
    [optional && `${id}-optional`, hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') ||
    undefined
  );
}

/** The hint and the error under a control, each with the id `describedBy` names. */
export function FieldNotes({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </>
  );
}
