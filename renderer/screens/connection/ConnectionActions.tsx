import { useState } from 'react';
import type { ConnectionView, PartnerBrief } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Outcome } from '../../components/Outcome';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../hooks/useApi';
import { useCopyToken } from '../../hooks/useCopyToken';
import { CopyNotice } from './CopyNotice';
import { HistoryDialog } from './HistoryDialog';
import { describeVerify } from '../../format/outcome-text';
import { PasteTokenDialog } from './PasteTokenDialog';
import { RenewOutcomeMessage } from './RenewOutcomeMessage';
import { describeShared } from './share-message';
import { ShareDialog } from './ShareDialog';
import { canSignIn } from '../guidance/sign-in-facts';
import { SignInAction } from '../../components/SignInAction';
import { SecretsButton } from '../../components/SecretsButton';

type DialogName = 'paste' | 'share' | 'history';
type Done = { action: 'renew' | 'copy' | 'verify' } | { action: 'note'; tone: 'ok' | 'info'; text: string };

/** The things a person does with a connection, each with its progress and outcome beside the buttons. */
export function ConnectionActions({
  connection,
  partner,
  guidanceShown,
  refused,
  onReportProblem,
}: {
  connection: ConnectionView;
  partner: PartnerBrief;
  guidanceShown: boolean;
  /** The partner refused the stored credentials: renewing would only resend them, so it is not the main button. */
  refused: boolean;
  onReportProblem: () => void;
}) {
  const api = useApi();
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [last, setLast] = useState<Done | null>(null);
  const renew = useAction(() => api.renewNow(connection.id));
  const verify = useAction(() => api.verifyToken(connection.id));
  const copy = useCopyToken();
  const manual = connection.dialect === 'manual';
  const hasToken = connection.token !== null;
  // The guidance offers Sign in again when the credentials were refused.
  const signIn = canSignIn(connection) && !refused;
  const renewIsMain = !refused && !(signIn && !hasToken);

  // Outcomes appear in a polite live region below the buttons: read out as they are shown.
  const onRenew = () => {
    if (renew.pending) return;
    setLast({ action: 'renew' });
    void renew.run();
  };
  const onCopy = () => {
    setLast({ action: 'copy' });
    void copy.run(connection.id);
  };
  const onVerify = () => {
    setLast({ action: 'verify' });
    void verify.run();
  };
  const note = (tone: 'ok' | 'info', text: string) => setLast({ action: 'note', tone, text });

  return (
    <section className="actions" aria-label="Actions">
      <div className="action-bar">
        {manual ? (
          <SecretsButton className="button button--primary" onClick={() => setDialog('paste')}>
            Paste new token
          </SecretsButton>
        ) : (
          <SecretsButton
            className={renewIsMain ? 'button button--primary' : 'button'}
            busy={renew.pending}
            onClick={onRenew}
          >
            Renew now
          </SecretsButton>
        )}
        {signIn && (
          <SignInAction
            connectionId={connection.id}
            label={hasToken ? 'Sign in again' : 'Sign in'}
            primary={!hasToken}
          />
        )}
        <button type="button" className="button" disabled={!hasToken} onClick={onCopy}>
          Copy token
        </button>
        <button type="button" className="button" disabled={!hasToken} onClick={() => setDialog('share')}>
          Share with partner
        </button>
        {!guidanceShown && (
          <button type="button" className="button" onClick={onVerify}>
            Verify token
          </button>
        )}
        <button type="button" className="button" onClick={() => setDialog('history')}>
          History
        </button>
        {!guidanceShown && (
          <button type="button" className="button button--quiet" onClick={onReportProblem}>
            The partner reports a problem
          </button>
        )}
      </div>
      <div className="action-results" aria-live="polite">
        {last?.action === 'renew' && renew.pending && <Outcome tone="progress">Renewing…</Outcome>}
        {last?.action === 'renew' && renew.result && <RenewOutcomeMessage outcome={renew.result} />}
        {last?.action === 'renew' && renew.error && <ErrorNotice error={renew.error} />}
        {last?.action === 'copy' && copy.pending && <Outcome tone="progress">Copying…</Outcome>}
        {last?.action === 'copy' && copy.result && (
          <CopyNotice
            fingerprint={copy.result.fingerprint}
            copiedAt={copy.result.at}
            clearAfterSeconds={copy.result.clearAfterSeconds}
          />
        )}
        {last?.action === 'copy' && copy.error && <ErrorNotice error={copy.error} />}
        {last?.action === 'verify' && verify.pending && <Outcome tone="progress">Verifying…</Outcome>}
        {last?.action === 'verify' && verify.result && (
          <Outcome tone={verify.result.ok ? 'ok' : 'error'}>{describeVerify(verify.result)}</Outcome>
        )}
        {last?.action === 'verify' && verify.error && <ErrorNotice error={verify.error} />}
        {last?.action === 'note' && <Outcome tone={last.tone}>{last.text}</Outcome>}
      </div>
      {dialog === 'paste' && (
        <PasteTokenDialog
          connection={connection}
          onClose={() => setDialog(null)}
          onSaved={() =>
            note(
              'ok',
              'New token saved. It is marked New; the previous one is marked Renewed and works until it expires.',
            )
          }
        />
      )}
      {dialog === 'share' && (
        <ShareDialog
          connection={connection}
          partner={partner}
          onClose={() => setDialog(null)}
          onShared={(shared) => note('ok', describeShared(shared, partner.contactEmail))}
        />
      )}
      {dialog === 'history' && <HistoryDialog connection={connection} onClose={() => setDialog(null)} />}
    </section>
  );
}
