import type { ControlProps } from './Field';

/** A text area for PEM certificates: monospaced, several lines, never spell-checked. */
export function PemTextArea({
  control,
  value,
  onChange,
}: {
  control: ControlProps;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <textarea
      {...control}
      className="input textarea input--mono"
      rows={4}
      spellCheck={false}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
