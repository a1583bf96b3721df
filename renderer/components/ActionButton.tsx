import type { ReactNode } from 'react';

/**
 * A button that runs an action, one run at a time: while it runs the button says it is busy
 * (aria-disabled, so it keeps its focus and its place in the tab order) and a click does nothing.
 */
export function ActionButton({
  action,
  className = 'button',
  blocked = null,
  disabled = false,
  children,
}: {
  action: { pending: boolean; run: () => Promise<unknown> };
  className?: string;
  /** Why it cannot be used now (the profile's secrets are locked, say): disabled, and the reason on hover. */
  blocked?: string | null;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={className}
      aria-disabled={action.pending || undefined}
      disabled={disabled || blocked !== null}
      title={blocked ?? undefined}
      onClick={() => void (action.pending || action.run())}
    >
      {children}
    </button>
  );
}
