import { memo } from 'react';
import type { PartnerBrief } from '../../api/types';
import { GridRow } from './GridRow';
import { COLUMN_COUNT } from './row-layout';

/** The heading row of a partner's group; selecting it shows the partner. */
export const PartnerRow = memo(function PartnerRow({
  rowKey,
  partner,
  shown,
  rowIndex,
  top,
  selected,
  tabbable,
  onSelect,
}: {
  rowKey: string;
  partner: PartnerBrief;
  shown: number;
  rowIndex: number;
  top: number;
  selected: boolean;
  tabbable: boolean;
  onSelect: (key: string) => void;
}) {
  const total = partner.connections.length;
  const count =
    total === 0
      ? 'no connections yet'
      : shown === total
        ? `${total} connection${total === 1 ? '' : 's'}`
        : `${shown} of ${total} connections`;
  return (
    <GridRow
      kind="partner"
      rowKey={rowKey}
      rowIndex={rowIndex}
      top={top}
      selected={selected}
      tabbable={tabbable}
      onSelect={onSelect}
    >
      <div role="gridcell" aria-colspan={COLUMN_COUNT} className="cell cell--partner">
        <span className="partner-name">{partner.name}</span>
        {partner.status === 'suspended' && <span className="tag tag--suspended">Suspended</span>}
        <span className="muted">{count}</span>
      </div>
    </GridRow>
  );
});
