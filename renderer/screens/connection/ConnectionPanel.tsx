import { useState } from 'react';
import type { ConnectionView, PartnerBrief } from '../../api/types';
import { StatusBadge } from '../../components/StatusBadge';
import { DIALECT_LABEL } from '../../format/labels';
import { usePresets } from '../../hooks/usePresets';
import { ClockGuidanceSteps } from '../guidance/ClockGuidanceSteps';
import { GuidanceSteps } from '../guidance/GuidanceSteps';
import { NewTokensSteps } from '../guidance/NewTokensSteps';
import { ConnectionActions } from './ConnectionActions';
import { ConnectionSettings } from './ConnectionSettings';
import { NetworkCheck } from './NetworkCheck';
import { PartnerSummary } from './PartnerSummary';
import { PreviousTokens } from './PreviousTokens';
import { RenewalDetails } from './RenewalDetails';
import { canSignIn, credentialsMissing, needsNewCredentials } from '../guidance/sign-in-facts';
import { TokenDetails } from './TokenDetails';

/** Everything about one connection: what to do now first, then its token, renewals, settings, partner. */
export function ConnectionPanel({
  connection,
  partner,
}: {
  connection: ConnectionView;
  partner: PartnerBrief;
}) {
  const presets = usePresets();
  const presetTitle =
    presets?.find((preset) => preset.dialect === connection.dialect)?.title ??
    DIALECT_LABEL[connection.dialect];
  // "The partner reports a problem": the verify, revoke, re-add path, for any connection, until a new token arrives.
  const [reported, setReported] = useState<string | null>(null);
  const problemKey = `${connection.id}/${connection.token?.fingerprint ?? ''}`;
  // Refused by the partner, or gone from the profile: only credentials entered again help.
  const refused = needsNewCredentials(connection);
  const guided = (connection.status === 'needsAction' && !refused) || reported === problemKey;
  // A verdict by this computer's clock: the clock is the likelier fault, not the credentials.
  const byThisClock =
    connection.status === 'needsAction' && connection.followUp?.reason === 'refresh_expired_locally';
  return (
    <div className="panel">
      <header className="panel-header">
        <div className="panel-heading">
          <h2 className="panel-title">{connection.label}</h2>
          <p className="panel-sub">
            {partner.name} · {presetTitle}
          </p>
        </div>
        <StatusBadge status={connection.status} />
      </header>
      <ConnectionActions
        connection={connection}
        partner={partner}
        guidanceShown={guided}
        // Never signed in is not refused: the first Sign in stays the main button up here.
        refused={refused && !(credentialsMissing(connection) && canSignIn(connection))}
        onReportProblem={() => setReported(problemKey)}
      />
      {byThisClock ? (
        <ClockGuidanceSteps connection={connection} />
      ) : (
        <>
          {refused && !guided && <NewTokensSteps connection={connection} />}
          {guided && <GuidanceSteps connection={connection} partner={partner} />}
        </>
      )}
      {connection.expiryWarning && (
        <p className="notice notice--warning" role="note">
          {connection.expiryWarning}
        </p>
      )}
      {connection.clockWarning && (
        <p className="notice notice--warning" role="note">
          {connection.clockWarning}
        </p>
      )}
      <TokenDetails connection={connection} />
      <RenewalDetails connection={connection} />
      <PreviousTokens tokens={connection.previousTokens} />
      <ConnectionSettings connection={connection} presetTitle={presetTitle} />
      <NetworkCheck key={connection.id} connection={connection} />
      <PartnerSummary partner={partner} />
    </div>
  );
}
