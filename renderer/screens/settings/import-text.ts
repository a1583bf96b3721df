import type { ImportResult } from '../../api/types';

/** What an import did, in a sentence or two. */
export function describeImport(result: ImportResult): string {
  const added = `Added ${result.partnersAdded} partner${result.partnersAdded === 1 ? '' : 's'} and ${result.connectionsAdded} connection${result.connectionsAdded === 1 ? '' : 's'}.`;
  const credentials =
    result.needCredentials > 0
      ? ` ${result.needCredentials} need${result.needCredentials === 1 ? 's' : ''} credentials: select each and use Re-add.`
      : '';
  const skipped = result.skipped.length > 0 ? ` ${result.skipped.length} skipped.` : '';
  return `${added}${credentials}${skipped}`;
}
