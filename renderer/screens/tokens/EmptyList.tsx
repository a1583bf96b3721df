import { EmptyState } from '../../components/EmptyState';

/** What the list says when there is nothing to show, and how to get something there. */
export function EmptyList({ hasPartners }: { hasPartners: boolean }) {
  if (!hasPartners) {
    return (
      <EmptyState title="No partners yet">
        <p>
          Start with <strong>Add partner</strong> at the top, then add a connection for each token the partner
          issues. TokenTray keeps the secrets encrypted, with their key in your system keychain, and renews
          them before they expire.
        </p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="Nothing matches">
      <p>No connection matches the search and filters. Clear them to see every connection.</p>
    </EmptyState>
  );
}
