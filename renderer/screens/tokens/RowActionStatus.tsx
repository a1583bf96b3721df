import { ErrorNotice } from '../../components/ErrorNotice';
import { Outcome } from '../../components/Outcome';
import { CopyNotice } from '../connection/CopyNotice';
import { RenewOutcomeMessage } from '../connection/RenewOutcomeMessage';
import { describeShared } from '../connection/share-message';
import type { RowActions } from './useRowActions';

/** The outcome of the last copy, renewal or share started from the list, naming the connection. */
export function RowActionStatus({ actions }: { actions: RowActions }) {
  const { last, copy, renew } = actions;
  let content = null;
  if (last?.action === 'copy') {
    if (copy.pending) content = <Outcome tone="progress">Copying…</Outcome>;
    else if (copy.result)
      content = (
        <CopyNotice
          fingerprint={copy.result.fingerprint}
          copiedAt={copy.result.at}
          clearAfterSeconds={copy.result.clearAfterSeconds}
        />
      );
    else if (copy.error) content = <ErrorNotice error={copy.error} />;
  } else if (last?.action === 'renew') {
    if (renew.pending) content = <Outcome tone="progress">Renewing…</Outcome>;
    else if (renew.result) content = <RenewOutcomeMessage outcome={renew.result} />;
    else if (renew.error) content = <ErrorNotice error={renew.error} />;
  } else if (last?.action === 'shared') {
    content = <Outcome tone="ok">{describeShared(last.shared, last.target.partner.contactEmail)}</Outcome>;
  }
  return (
    <div className="row-action-status" aria-live="polite">
      {last && content && (
        <div className="row-action-status-inner">
          <p className="row-action-status-label">{last.target.connection.label}</p>
          {content}
        </div>
      )}
    </div>
  );
}
