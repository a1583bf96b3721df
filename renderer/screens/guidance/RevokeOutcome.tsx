import type { RevokeResult } from '../../api/types';
import { Outcome } from '../../components/Outcome';
import { describeRevoke } from './revoke-text';

/** What revoking did, and anything the partner's side could not confirm. */
export function RevokeOutcome({ result }: { result: RevokeResult }) {
  return (
    <Outcome tone={result.problems.length > 0 ? 'warning' : 'ok'}>
      <p>{describeRevoke(result)}</p>
      {result.problems.length > 0 && (
        <ul className="notice-list">
          {result.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </Outcome>
  );
}
