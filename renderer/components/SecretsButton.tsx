import type { ReactNode } from 'react';
import { useSecretsBlocked } from '../hooks/useSecretsBlocked';

/** A button for something that needs the profile's secrets: disabled while they are locked, with the reason on hover. */
export function SecretsButton({
  className = 'button',
  busy = false,
  onClick,
  children,
}: {
  className?: string;
  /** Its action runs: it says so (aria-disabled) and keeps its focus. */
  busy?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  const blocked = useSecretsBlocked();
  return (
    <button
      type="button"
      className={className}
      aria-disabled={busy || undefined}
      disabled={blocked !== null}
      title={blocked ?? undefined}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
