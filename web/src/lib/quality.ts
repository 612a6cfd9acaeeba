import type { AchievementInput, NeedInput, QualityWarning } from '../api/types';
import { implausibleAmount, LARGEST_PLAUSIBLE_BUDGET, LARGEST_PLAUSIBLE_PRICE } from './amountWords';

// Mirrors the server's publish gate and quality warnings (Features/Achievements/AchievementKind.cs,
// Features/Needs/NeedKind.cs, Features/Listings/ListingText.cs) so the author sees them while writing and
// is asked to confirm the warnings before publishing. The server's answer remains the reference.

export function guessLanguage(text: string | null | undefined): 'zh' | 'en' {
  if (!text) return 'zh';
  let cjk = 0, latin = 0;
  for (const c of text) {
    if (c >= '\u4e00' && c <= '\u9fff') cjk++;
    else if (/[A-Za-z]/.test(c)) latin++;
  }
  return cjk * 3 >= latin ? 'zh' : 'en';
}

/** A field the record must fill before it goes public (the server answers 400 naming it). */
export type PublishGap = { code: string; field: string };

const minSummaryChars = (language: string) => (language === 'en' ? 200 : 60);
const gateSummaryChars = (language: string) => (language === 'en' ? 80 : 30);
const minTitleChars = (language: string) => (language === 'en' ? 24 : 8);
const FEW_KEYWORDS = 3;
const length = (s: string | null | undefined) => s?.trim().length ?? 0;
const none = (v: number | null | undefined) => v === null || v === undefined;

function amountWarning(field: string, min: number | null | undefined, max: number | null | undefined, largest: number): QualityWarning | null {
  const kinds = [implausibleAmount(min, largest), implausibleAmount(max, largest)];
  if (kinds.includes('large')) return { code: 'amount_too_large', field, message: '' };
  if (kinds.includes('small')) return { code: 'amount_too_small', field, message: '' };
  return null;
}

export function achievementGaps(a: AchievementInput): PublishGap[] {
  const language = a.language ?? guessLanguage((a.title ?? '') + (a.summary ?? ''));
  const gaps: PublishGap[] = [];
  if (length(a.summary) < gateSummaryChars(language)) gaps.push({ code: 'summary_below_gate', field: 'summary' });
  if (none(a.trl)) gaps.push({ code: 'no_maturity', field: 'trl' });
  if (!(a.keywords ?? []).some((k) => k.trim())) gaps.push({ code: 'no_keywords', field: 'keywords' });
  return gaps;
}

export function needGaps(n: NeedInput): PublishGap[] {
  const language = n.language ?? guessLanguage((n.title ?? '') + (n.background ?? ''));
  const gaps: PublishGap[] = [];
  if (length(n.background) < gateSummaryChars(language)) gaps.push({ code: 'summary_below_gate', field: 'background' });
  if (none(n.requiredTrl)) gaps.push({ code: 'no_required_maturity', field: 'requiredTrl' });
  return gaps;
}

export function achievementWarnings(a: AchievementInput): QualityWarning[] {
  const w: QualityWarning[] = [];
  const language = a.language ?? guessLanguage((a.title ?? '') + (a.summary ?? ''));
  const keywords = (a.keywords ?? []).filter((k) => k.trim()).length;
  if (length(a.title) < minTitleChars(language)) w.push({ code: 'short_title', field: 'title', message: '' });
  if (length(a.summary) >= gateSummaryChars(language) && length(a.summary) < minSummaryChars(language)) w.push({ code: 'summary_too_short', field: 'summary', message: '' });
  if (!a.advantages?.trim()) w.push({ code: 'no_advantages', field: 'advantages', message: '' });
  if (keywords > 0 && keywords < FEW_KEYWORDS) w.push({ code: 'few_keywords', field: 'keywords', message: '' });
  if (none(a.priceMin) && none(a.priceMax)) w.push({ code: 'no_price', field: 'priceMax', message: '' });
  else {
    const amount = amountWarning('priceMax', a.priceMin, a.priceMax, LARGEST_PLAUSIBLE_PRICE);
    if (amount) w.push(amount);
  }
  return w;
}

export function needWarnings(n: NeedInput): QualityWarning[] {
  const w: QualityWarning[] = [];
  const language = n.language ?? guessLanguage((n.title ?? '') + (n.background ?? ''));
  if (length(n.title) < minTitleChars(language)) w.push({ code: 'short_title', field: 'title', message: '' });
  if (length(n.background) >= gateSummaryChars(language) && length(n.background) < minSummaryChars(language)) w.push({ code: 'summary_too_short', field: 'background', message: '' });
  if (!(n.indicators ?? []).length) w.push({ code: 'no_indicators', field: 'indicators', message: '' });
  if (none(n.budgetMin) && none(n.budgetMax)) w.push({ code: 'no_budget', field: 'budgetMax', message: '' });
  else {
    const amount = amountWarning('budgetMax', n.budgetMin, n.budgetMax, LARGEST_PLAUSIBLE_BUDGET);
    if (amount) w.push(amount);
  }
  return w;
}
