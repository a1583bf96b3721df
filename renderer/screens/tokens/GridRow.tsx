import type { ReactNode } from 'react';
import { rowId } from './row-layout';

/** One positioned row of the virtualised grid: selection, roving tab stop and click to select. */
export function GridRow({
  kind,
  rowKey,
  rowIndex,
  top,
  selected,
  tabbable,
  onSelect,
  children,
}: {
  kind: 'partner' | 'connection';
  rowKey: string;
  rowIndex: number;
  top: number;
  selected: boolean;
  tabbable: boolean;
  onSelect: (key: string) => void;
  children: ReactNode;
}) {
  return (
    <div
      role="row"
      id={rowId(rowKey)}
      aria-rowindex={rowIndex}
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      className={`row row--${kind}${selected ? ' row--selected' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(rowKey)}
    >
      {children}
    </div>
  );
}
