import type { ReactNode } from 'react';
import type { ConnectionView } from '../../api/types';
import { formatFull } from '../../format/time';

/** Why a connection needs a person: the sentence, the reasons behind it, and the HTTP status and time. */
export function FollowUpReason({
  followUp,
  message,
  reasons,
}: {
  followUp: ConnectionView['followUp'];
  message: ReactNode;
  reasons: readonly string[];
}) {
  return (
    <div className="guidance-reason">
      <p className="guidance-message">{message}</p>
      {reasons.length > 0 && (
        <ul className="notice-list">
          {reasons.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {followUp && (
        <p className="muted">
          {followUp.httpStatus ? `HTTP ${followUp.httpStatus} · ` : ''}
          {formatFull(followUp.at)}
        </p>
      )}
    </div>
  );
}
