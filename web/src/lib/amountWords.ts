import type { Lang } from './format';

// The amount a person typed, echoed in words next to the input (= 50 亿元 / = ¥5 bn), so a yuan amount
// typed into a 万元 field is seen at once. Bounds mirror the server's QualityThresholds (docs/listings.md).

const WAN = 10_000;
const YI = 100_000_000;

/** The amount in yuan as a reader says it: 亿元 / 万元 / 元 in Chinese, ¥ bn / m / plain in English; null when empty. */
export function amountInWords(yuan: number | null | undefined, lang: Lang): string | null {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return null;
  const abs = Math.abs(yuan);
  if (lang === 'en') {
    const nf = (v: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(v);
    if (abs >= 1e9) return `= ¥${nf(yuan / 1e9)} bn`;
    if (abs >= 1e6) return `= ¥${nf(yuan / 1e6)} m`;
    return `= ¥${nf(yuan)}`;
  }
  const nf = (v: number) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2, useGrouping: false }).format(v);
  if (abs >= YI) return `= ${nf(yuan / YI)} 亿元`;
  if (abs >= WAN) return `= ${nf(yuan / WAN)} 万元`;
  return `= ${nf(yuan)} 元`;
}

/** Under 1,000 yuan is almost always 万元 typed into a yuan field. */
export const SMALLEST_PLAUSIBLE_AMOUNT = 1_000;
/** A need's budget above 1 亿元 is almost always yuan typed into a 万元 field. */
export const LARGEST_PLAUSIBLE_BUDGET = 100_000_000;
/** An asking price above 5 亿元 is beyond any single licence or transfer in the paper's records. */
export const LARGEST_PLAUSIBLE_PRICE = 500_000_000;

/** 'large' or 'small' when the amount is outside the plausible range for its kind, else null. */
export function implausibleAmount(yuan: number | null | undefined, largest: number): 'large' | 'small' | null {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return null;
  if (yuan > largest) return 'large';
  if (yuan > 0 && yuan < SMALLEST_PLAUSIBLE_AMOUNT) return 'small';
  return null;
}
