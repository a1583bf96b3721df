import { useSnapshot } from '../../hooks/useSnapshot';

/**
 * In a shared workspace, whose a card's settings are: the workspace's apply to every member
 * (the team's renewal policy, renewals at once, pausing, the network), the rest stay on this
 * computer (`COMPUTER_SETTINGS` in the core's domain/settings.ts). A profile of its own needs no line.
 */
export function SettingsScope({ of }: { of: 'workspace' | 'computer' }) {
  const { snapshot } = useSnapshot();
  if (!snapshot?.workspace) return null;
  return (
    <p className="muted settings-scope">
      {of === 'workspace'
        ? "The workspace's: these apply to every member, and a change here changes them for everyone."
        : "This computer's own: other members keep their own choices."}
    </p>
  );
}
