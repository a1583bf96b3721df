import type { ConnectionView, PartnerBrief } from '../../api/types';
import { StatusBadge } from '../../components/StatusBadge';
import { DIALECT_LABEL } from '../../format/labels';
import { usePresets } from '../../hooks/usePresets';
import { ClockGuidanceSteps } from '../guidance/ClockGuidanceSteps';
import { GuidanceSteps } from '../guidance/GuidanceSteps';
import { ConnectionActions } from './ConnectionActions';
import { ConnectionSettings } from './ConnectionSettings';
import { PartnerSummary } from './PartnerSummary';
import { PreviousTokens } from './PreviousTokens';
import { RenewalDetails } from './RenewalDetails';
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
  const needsAction = connection.status === 'needsAction';
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
      <ConnectionActions connection={connection} partner={partner} guidanceShown={needsAction} />
      {needsAction &&
        (connection.followUp?.reason === 'refresh_expired_locally' ? (
          <ClockGuidanceSteps connection={connection} />
        ) : (
          <GuidanceSteps connection={connection} partner={partner} />
        ))}
      {connection.clockWarning && (
        <p className="notice notice--warning" role="note">
          {connection.clockWarning}
        </p>
      )}
      <TokenDetails connection={connection} />
      <RenewalDetails connection={connection} />
      <PreviousTokens tokens={connection.previousTokens} />
      <ConnectionSettings connection={connection} presetTitle={presetTitle} />
      <PartnerSummary partner={partner} />
    </div>
  );
}
