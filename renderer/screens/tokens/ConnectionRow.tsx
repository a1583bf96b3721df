import { memo } from 'react';
import type { ConnectionBrief, PartnerBrief } from '../../api/types';
import { Countdown } from '../../components/Countdown';
import { Fingerprint } from '../../components/Fingerprint';
import { StatusBadge } from '../../components/StatusBadge';
import { TokenStatusBadge } from '../../components/TokenStatusBadge';
import { DIALECT_LABEL } from '../../format/labels';
import { NextRenewal } from './NextRenewal';
import { GridRow } from './GridRow';

/** One connection in the list: status, label and partner, live countdown, next renewal, tokens, scope. */
export const ConnectionRow = memo(function ConnectionRow({
  rowKey,
  connection,
  partner,
  rowIndex,
  top,
  selected,
  tabbable,
  onSelect,
}: {
  rowKey: string;
  connection: ConnectionBrief;
  partner: PartnerBrief;
  rowIndex: number;
  top: number;
  selected: boolean;
  tabbable: boolean;
  onSelect: (key: string) => void;
}) {
  const { token } = connection;
  // After a paste the old manual token stays usable until its expiry; show it beside the new one.
  const stillValid = connection.stillValidToken;
  const scope = connection.scope ?? '';
  return (
    <GridRow
      kind="connection"
      rowKey={rowKey}
      rowIndex={rowIndex}
      top={top}
      selected={selected}
      tabbable={tabbable}
      onSelect={onSelect}
    >
      <div role="gridcell" className="cell cell--status">
        <StatusBadge status={connection.status} />
      </div>
      <div role="gridcell" className="cell cell--name">
        <span className="row-title">{connection.label}</span>
        <span className="row-sub">
          {partner.name} · {DIALECT_LABEL[connection.dialect]}
        </span>
      </div>
      <div role="gridcell" className="cell cell--expiry">
        {token ? <Countdown expiresAt={token.expiresAt} /> : <span className="muted">no token</span>}
      </div>
      <div role="gridcell" className="cell cell--next">
        <NextRenewal connection={connection} />
      </div>
      <div role="gridcell" className="cell cell--token">
        {token ? (
          <span className="token-line">
            <Fingerprint value={token.fingerprint} /> <TokenStatusBadge status={token.status} />
          </span>
        ) : (
          <span className="muted">—</span>
        )}
        {stillValid && (
          <span className="token-line token-line--previous">
            <Fingerprint value={stillValid.fingerprint} /> <TokenStatusBadge status={stillValid.status} />
          </span>
        )}
      </div>
      <div role="gridcell" className="cell cell--scope" title={scope || undefined}>
        {scope || <span className="muted">—</span>}
      </div>
    </GridRow>
  );
});
