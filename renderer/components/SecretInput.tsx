import { useState } from 'react';
import type { ControlProps } from './Field';

/**
 * A secret being typed: hidden by default, never offered to autofill, revealed
 * only while the person asks. This is the one place a secret is ever shown.
 */
export function SecretInput({
  control,
  value,
  onChange,
  autoFocus = false,
  disabled = false,
}: {
  control: ControlProps;
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
  /** Nothing secret can be stored now (the hint says why). */
  disabled?: boolean;
}) {
  const [revealed, setRevealed] = useState(false);
  return (
    <div className="secret-input">
      <input
        {...control}
        className="input input--mono"
        type={revealed ? 'text' : 'password'}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        data-autofocus={autoFocus || undefined}
      />
      <button
        type="button"
        className="button button--quiet"
        aria-pressed={revealed}
        aria-controls={control.id}
        onClick={() => setRevealed((r) => !r)}
      >
        {revealed ? 'Hide' : 'Show'}
      </button>
    </div>
  );
}
