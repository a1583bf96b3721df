/** A share of the lifetime as people type it: 2/3 shows as "66.7". */
export function shareToPercentText(share: number): string {
  return String(Math.round(share * 1000) / 10);
}

/**
 * The share a typed percentage means. Text left as it was shown keeps the exact
 * share it came from, so saving an untouched 2/3 does not turn it into 0.667.
 */
export function percentTextToShare(text: string, shown: number): number | null {
  const trimmed = text.trim();
  if (trimmed === shareToPercentText(shown)) return shown;
  const percent = Number(trimmed);
  return trimmed !== '' && percent > 0 && percent < 100 ? percent / 100 : null;
}
