import { memo } from 'react';
import type { ConnectionBrief, PartnerBrief } from '../../api/types';
import { Countdown } from '../../components/Countdown';
import { Fingerprint } from '../../components/Fingerprint';
import { Icon } from '../../components/Icon';
import { StatusBadge } from '../../components/StatusBadge';
import { TokenStatusBadge } from '../../components/TokenStatusBadge';
import { DIALECT_LABEL } from '../../format/labels';
import { NextRenewal } from '../../components/NextRenewal';
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
  onCopy,
}: {
  rowKey: string;
  connection: ConnectionBrief;
  partner: PartnerBrief;
  rowIndex: number;
  top: number;
  selected: boolean;
  tabbable: boolean;
  onSelect: (key: string) => void;
  onCopy: (connection: ConnectionBrief, partner: PartnerBrief) => void;
}) {
  const { token } = connection;
  // After a paste the old manual token stays usable until its expiry; show it beside the new one.
  const stillValid = connection.stillValidToken;
  const scope = connection.scope ?? '';
  const sub = `${partner.name} · ${DIALECT_LABEL[connection.dialect]}`;
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
        {/* Long names end in an ellipsis: the whole of each is on hover and in the details. */}
        <span className="row-title" title={connection.label}>
          {connection.label}
        </span>
        <span className="row-sub" title={sub}>
          {sub}
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
      <div role="gridcell" className="cell cell--copy">
        <button
          type="button"
          className="icon-button row-copy"
          aria-label={`Copy token of ${connection.label}`}
          title={token ? 'Copy token (C)' : 'No token to copy'}
          aria-keyshortcuts="C"
          disabled={!token}
          // Only the row in the tab order offers its button to Tab; the C key copies from any selected row.
          tabIndex={tabbable ? 0 : -1}
          onClick={(event) => {
            // Copying is not opening: the row stays as it is.
            event.stopPropagation();
            onCopy(connection, partner);
          }}
        >
          <Icon name="copy" />
        </button>
      </div>
    </GridRow>
  );
});
