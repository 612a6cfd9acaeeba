// Locale-aware formatting of numbers, amounts and dates.
// Chinese shows amounts the way the bureau's tables do (元 / 万元 / 亿元); English shows yuan with
// digit grouping. Every function takes the UI language explicitly so it can be tested in isolation.

export type Lang = 'zh-CN' | 'en';

export function normaliseLang(lang: string | undefined | null): Lang {
  return lang && lang.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export const intlLocale = (lang: Lang) => (lang === 'en' ? 'en-US' : 'zh-CN');

export function formatNumber(value: number | null | undefined, lang: Lang, maxFractionDigits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: maxFractionDigits }).format(value);
}

export function formatPercent(ratio: number | null | undefined, lang: Lang, fractionDigits = 1): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—';
  return new Intl.NumberFormat(intlLocale(lang), {
    style: 'percent',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(ratio);
}

const WAN = 10_000;
const YI = 100_000_000;

/**
 * An amount in yuan.
 * zh-CN: below 10,000 in 元; below 100 million in 万元; above in 亿元 (at most 2 decimals, trimmed).
 * en: "1,234,567 yuan".
 */
export function formatAmount(yuan: number | null | undefined, lang: Lang): string {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return '—';
  if (lang === 'en') {
    return `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(yuan)} yuan`;
  }
  const abs = Math.abs(yuan);
  const nf = (v: number) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(v);
  if (abs >= YI) return `${nf(yuan / YI)}亿元`;
  if (abs >= WAN) return `${nf(yuan / WAN)}万元`;
  return `${nf(yuan)}元`;
}

/**
 * The units of the bureau's tables: `wan` where the paper prints 万元 (Tables 1, 3-5), `yi` where it prints
 * 亿元 (Table 2). English readers do not count in 万, so the same figures read in millions (¥ m) and
 * billions (¥ bn) of yuan.
 */
export type AmountScale = 'wan' | 'yi';
type Scale = { divisor: number; unit: string; digits: number; alone: (value: string) => string };
const SCALES: Record<Lang, Record<AmountScale, Scale>> = {
  // The paper's precision: 0.1 万元 and 0.1 亿元.
  'zh-CN': {
    wan: { divisor: WAN, unit: '万元', digits: 1, alone: (v) => `${v}万元` },
    yi: { divisor: YI, unit: '亿元', digits: 1, alone: (v) => `${v}亿元` },
  },
  // 0.01 m is 1 万元 and 0.01 bn is 0.1 亿元: close to the Chinese precision without a tail of digits.
  en: {
    wan: { divisor: 1_000_000, unit: '¥ m', digits: 2, alone: (v) => `¥${v} m` },
    yi: { divisor: 1_000_000_000, unit: '¥ bn', digits: 2, alone: (v) => `¥${v} bn` },
  },
};

/** The unit a scaled amount is shown in, for a column header or an axis: 万元, 亿元, ¥ m, ¥ bn. */
export function amountUnit(scale: AmountScale, lang: Lang): string {
  return SCALES[lang][scale].unit;
}

/** An amount in yuan as a number of the scale's unit, unrounded (chart data). */
export function scaleAmount(yuan: number | null | undefined, scale: AmountScale, lang: Lang): number {
  return (yuan ?? 0) / SCALES[lang][scale].divisor;
}

/**
 * An amount as a bare number in the scale's unit (the unit goes in the column header), to the paper's
 * precision unless `fractionDigits` says otherwise: 74,051.2 (万元), 505.8 (亿元), 740.51 (¥ m), 50.58 (¥ bn).
 */
export function formatScaled(yuan: number | null | undefined, scale: AmountScale, lang: Lang, fractionDigits?: number): string {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return '—';
  const digits = fractionDigits ?? SCALES[lang][scale].digits;
  return new Intl.NumberFormat(intlLocale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(scaleAmount(yuan, scale, lang));
}

/** The scale a figure standing alone reads best in: 亿元 (¥ bn) from one unit of it up, else 万元 (¥ m), so 80 万元 is not "0.0亿元". */
export function fittingScale(yuan: number | null | undefined, lang: Lang): AmountScale {
  return Math.abs(yuan ?? 0) >= SCALES[lang].yi.divisor ? 'yi' : 'wan';
}

/** An amount with its unit, for a figure standing alone: "505.8亿元", "¥50.58 bn". */
export function formatScaledWithUnit(yuan: number | null | undefined, scale: AmountScale, lang: Lang, fractionDigits?: number): string {
  const value = formatScaled(yuan, scale, lang, fractionDigits);
  return value === '—' ? value : SCALES[lang][scale].alone(value);
}

/** A price or budget range; either end may be missing. Null when both are: the caller says "negotiable" in its language. */
export function formatAmountRange(min: number | null | undefined, max: number | null | undefined, lang: Lang): string | null {
  const hasMin = min !== null && min !== undefined;
  const hasMax = max !== null && max !== undefined;
  if (!hasMin && !hasMax) return null;
  if (hasMin && hasMax) {
    if (min === max) return formatAmount(min, lang);
    if (lang === 'zh-CN') {
      // Share the unit when both ends fall in the same band: "500–2,000万元".
      const unitOf = (v: number) => (Math.abs(v) >= YI ? YI : Math.abs(v) >= WAN ? WAN : 1);
      const u = unitOf(min!);
      if (u === unitOf(max!) && u !== 1) {
        const nf = (v: number) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(v / u);
        return `${nf(min!)}–${nf(max!)}${u === YI ? '亿元' : '万元'}`;
      }
    }
    return `${formatAmount(min, lang)} – ${formatAmount(max, lang)}`;
  }
  if (hasMin) return lang === 'en' ? `from ${formatAmount(min, lang)}` : `${formatAmount(min, lang)}起`;
  return lang === 'en' ? `up to ${formatAmount(max, lang)}` : `不超过${formatAmount(max, lang)}`;
}

/**
 * Parses an API date-time. The API sometimes omits the offset on UTC values
 * ("2026-11-27T08:32:53.83"); those are read as UTC, not local time.
 */
export function parseApiDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const iso = dateOnly ? `${value}T00:00:00Z` : hasOffset ? value : `${value}Z`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() <= 1 ? null : d;
}

export function formatDate(value: string | Date | null | undefined, lang: Lang, timeZone?: string): string {
  const d = value instanceof Date ? value : parseApiDate(value);
  if (!d) return '—';
  return new Intl.DateTimeFormat(intlLocale(lang), { year: 'numeric', month: 'short', day: 'numeric', timeZone: timeZone ?? (value && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : undefined) }).format(d);
}

export function formatDateTime(value: string | Date | null | undefined, lang: Lang, timeZone?: string): string {
  const d = value instanceof Date ? value : parseApiDate(value);
  if (!d) return '—';
  return new Intl.DateTimeFormat(intlLocale(lang), {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone,
  }).format(d);
}

/** Signed change, e.g. year-over-year: "+12.5%" / "−3.0%". */
export function formatChange(ratio: number | null | undefined, lang: Lang): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—';
  const s = formatPercent(Math.abs(ratio), lang);
  return ratio > 0 ? `+${s}` : ratio < 0 ? `−${s}` : s;
}

/** Parses a user-entered amount in the unit the form shows (万元 in Chinese, yuan in English) into yuan. */
export function parseAmountInput(text: string, lang: Lang): number | null {
  const t = text.replace(/[,\s，]/g, '');
  if (t === '') return null;
  const n = Number(t);
  if (!Number.isFinite(n)) return NaN;
  return lang === 'zh-CN' ? Math.round(n * WAN * 100) / 100 : n;
}

/** The inverse of parseAmountInput, for filling a form. */
export function amountToInput(yuan: number | null | undefined, lang: Lang): string {
  if (yuan === null || yuan === undefined) return '';
  return lang === 'zh-CN' ? String(Math.round((yuan / WAN) * 10000) / 10000) : String(yuan);
}

/** Joins a short list the way each language writes it: "许可、作价投资" / "Licence, Equity investment". */
export function joinList(items: string[], lang: Lang): string {
  return items.join(lang === 'en' ? ', ' : '、');
}
