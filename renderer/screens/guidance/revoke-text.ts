import type { RevokeResult } from '../../api/types';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What revoking did, in one sentence. */
export function describeRevoke(result: RevokeResult): string {
  const local = `Revoked: the secrets of ${plural(result.connections, 'connection')} were deleted`;
  const remote =
    result.revokedAtPartner > 0
      ? `, and the partner confirmed ${plural(result.revokedAtPartner, 'token')}`
      : '';
  const problems =
    result.problems.length > 0 ? ` ${plural(result.problems.length, 'problem')} at the partner.` : '';
  return `${local}${remote}.${problems}`;
}
