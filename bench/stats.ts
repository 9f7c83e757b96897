export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

/** The middle value (the upper middle of an even count); the input is not changed. */
export const median = (values: number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export interface Row {
  what: string;
  figure: string;
  comparedWith: string;
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;
export const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;
