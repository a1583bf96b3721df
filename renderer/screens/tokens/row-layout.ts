/** Fixed heights: countdowns tick inside rows that never change size, so nothing below them moves. */
export const CONNECTION_ROW_HEIGHT = 52;
export const PARTNER_ROW_HEIGHT = 36;
export const COLUMN_COUNT = 7;

/** The DOM id of a list row, for focus and aria references. */
export function rowId(key: string): string {
  return `row-${key}`;
}
