import { useState } from 'react';
import { REVOKE_AND_READD_STEPS } from '../../../main/core/domain/guidance';
import type { ConnectionView, PartnerBrief, RevokeResult } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Fingerprint } from '../../components/Fingerprint';
import { Outcome } from '../../components/Outcome';
import { formatFull } from '../../format/time';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../hooks/useApi';
import { ConnectionFormDialog } from '../connection-form/ConnectionFormDialog';
import { describeVerify } from '../../format/outcome-text';
import { FollowUpReason } from './FollowUpReason';
import { GuidanceStep } from './GuidanceStep';
import { RevokeAllDialog } from './RevokeAllDialog';
import { RevokeOutcome } from './RevokeOutcome';
import { SecretsButton } from '../../components/SecretsButton';

/**
 * What to do when a token fails to authenticate, as steps:
 * check with the partner, verify here, revoke all of the partner's tokens, re-add.
 */
export function GuidanceSteps({
  connection,
  partner,
}: {
  connection: ConnectionView;
  partner: PartnerBrief;
}) {
  const api = useApi();
  const verify = useAction(() => api.verifyToken(connection.id));
  const [dialog, setDialog] = useState<'revoke' | 'reAdd' | null>(null);
  const [revoked, setRevoked] = useState<RevokeResult | null>(null);
  const { followUp, token } = connection;
  const allRevoked = revoked !== null || followUp?.reason === 'revoked';
  const compared = token ?? connection.previousTokens[0] ?? null;
  const why = (followUp?.guidance ?? []).filter((line) => !REVOKE_AND_READD_STEPS.includes(line));
  const verifiedOk = verify.result?.ok === true;

  return (
    <section className="guidance">
      <h3>What to do</h3>
      <FollowUpReason
        followUp={followUp}
        reasons={why}
        message={
          followUp?.message ??
          (token
            ? 'The token has expired and TokenTray could not renew it.'
            : 'No token is stored for this connection.')
        }
      />
      <ol className="steps">
        <GuidanceStep
          number={1}
          title={`Check with ${partner.name} that their side uses the new token`}
          state={allRevoked ? 'done' : 'current'}
        >
          {compared ? (
            <p>
              Compare the fingerprint <Fingerprint value={compared.fingerprint} /> and the issue time{' '}
              <strong>{formatFull(compared.issuedAt)}</strong> with what they see.
            </p>
          ) : (
            <p className="muted">There is no token to compare.</p>
          )}
          {partner.contactEmail && (
            <p>
              Contact: <a href={`mailto:${partner.contactEmail}`}>{partner.contactEmail}</a>
            </p>
          )}
        </GuidanceStep>
        <GuidanceStep
          number={2}
          title="Verify the token here"
          state={allRevoked || verifiedOk ? 'done' : 'todo'}
        >
          {connection.verifyUrl ? (
            <p className="muted">
              TokenTray calls the verify URL with the token and reports what the partner says.
            </p>
          ) : (
            <p className="muted">This connection has no verify URL yet; add one with Edit connection.</p>
          )}
          <div className="step-actions">
            <ActionButton action={verify} disabled={!token}>
              Verify token
            </ActionButton>
          </div>
          <div aria-live="polite">
            {verify.pending && <Outcome tone="progress">Verifying…</Outcome>}
            {verify.result && (
              <Outcome tone={verify.result.ok ? 'ok' : 'error'}>
                {describeVerify(verify.result)}
                {verify.result.ok
                  ? ' The token works: ask the partner to check their side again (step 1).'
                  : ' Go on with step 3.'}
              </Outcome>
            )}
            {verify.error && <ErrorNotice error={verify.error} />}
          </div>
        </GuidanceStep>
        <GuidanceStep
          number={3}
          title={`If it still fails, revoke all tokens of ${partner.name}`}
          state={allRevoked ? 'done' : 'todo'}
        >
          <p className="muted">
            Revokes the tokens of its{' '}
            {partner.connections.length === 1 ? 'connection' : `${partner.connections.length} connections`} at
            the partner where it can, and deletes their stored secrets.
          </p>
          <div className="step-actions">
            <button type="button" className="button button--danger" onClick={() => setDialog('revoke')}>
              Revoke all tokens
            </button>
          </div>
          <div aria-live="polite">{revoked && <RevokeOutcome result={revoked} />}</div>
        </GuidanceStep>
        <GuidanceStep number={4} title="Re-add with new credentials" state={allRevoked ? 'current' : 'todo'}>
          <p className="muted">
            Enter the new credentials {partner.name} gives you. TokenTray stores them encrypted and starts
            this connection afresh.
          </p>
          <div className="step-actions">
            <SecretsButton
              className={allRevoked ? 'button button--primary' : 'button'}
              onClick={() => setDialog('reAdd')}
            >
              Re-add
            </SecretsButton>
          </div>
        </GuidanceStep>
      </ol>
      {dialog === 'revoke' && (
        <RevokeAllDialog partner={partner} onClose={() => setDialog(null)} onRevoked={setRevoked} />
      )}
      {dialog === 'reAdd' && (
        <ConnectionFormDialog mode="reAdd" connection={connection} onClose={() => setDialog(null)} />
      )}
    </section>
  );
}
