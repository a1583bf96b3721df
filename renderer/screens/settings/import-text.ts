import type { ImportResult } from '../../api/types';

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** What an import did, in a sentence or two. */
export function describeImport(result: ImportResult): string {
  const added = `Added ${count(result.partnersAdded, 'partner')} and ${count(result.connectionsAdded, 'connection')}.`;
  const restored =
    result.connectionsRestored > 0
      ? ` Restored the secrets of ${count(result.connectionsRestored, 'connection')} that had none: ${result.connectionsRestored === 1 ? 'it renews' : 'they renew'} again.`
      : '';
  const credentials =
    result.needCredentials > 0
      ? ` ${result.needCredentials} need${result.needCredentials === 1 ? 's' : ''} credentials: select each and use Re-add.`
      : '';
  const skipped = result.skipped.length > 0 ? ` ${result.skipped.length} skipped.` : '';
  return `${added}${restored}${credentials}${skipped}`;
}
