import type { AchievementInput, NeedInput, QualityWarning } from '../api/types';

// Mirrors the server's publish-time quality checks (AchievementContracts / NeedContracts) so the
// author sees them while writing. The server's answer on publish remains the reference.

export function guessLanguage(text: string | null | undefined): 'zh' | 'en' {
  if (!text) return 'zh';
  let cjk = 0, latin = 0;
  for (const c of text) {
    if (c >= '\u4e00' && c <= '\u9fff') cjk++;
    else if (/[A-Za-z]/.test(c)) latin++;
  }
  return cjk * 3 >= latin ? 'zh' : 'en';
}

const minSummaryChars = (language: string) => (language === 'en' ? 200 : 60);

export function achievementWarnings(a: AchievementInput): QualityWarning[] {
  const w: QualityWarning[] = [];
  const language = a.language ?? guessLanguage((a.title ?? '') + (a.summary ?? ''));
  if (!a.advantages?.trim()) w.push({ code: 'no_advantages', field: 'advantages', message: '' });
  if (a.trl === null || a.trl === undefined) w.push({ code: 'no_maturity', field: 'trl', message: '' });
  if ((a.summary?.trim().length ?? 0) < minSummaryChars(language)) w.push({ code: 'summary_too_short', field: 'summary', message: '' });
  if (!(a.keywords ?? []).some((k) => k.trim())) w.push({ code: 'no_keywords', field: 'keywords', message: '' });
  return w;
}

export function needWarnings(n: NeedInput): QualityWarning[] {
  const w: QualityWarning[] = [];
  const language = n.language ?? guessLanguage((n.title ?? '') + (n.background ?? ''));
  if (!(n.indicators ?? []).length) w.push({ code: 'no_indicators', field: 'indicators', message: '' });
  if (n.requiredTrl === null || n.requiredTrl === undefined) w.push({ code: 'no_maturity', field: 'requiredTrl', message: '' });
  if ((n.background?.trim().length ?? 0) < minSummaryChars(language)) w.push({ code: 'summary_too_short', field: 'background', message: '' });
  if ((n.budgetMin === null || n.budgetMin === undefined) && (n.budgetMax === null || n.budgetMax === undefined)) w.push({ code: 'no_budget', field: 'budgetMax', message: '' });
  return w;
}
