import { useTranslation } from 'react-i18next';
import type { MatchExplanation } from '../api/types';
import { formatNumber, formatPercent } from '../lib/format';
import { useLang } from '../lib/hooks';

/** Highlights the matched terms inside a text. */
export function Highlight({ text, terms }: { text: string; terms: string[] }) {
  const clean = terms.map((x) => x.trim()).filter(Boolean).sort((a, b) => b.length - a.length);
  if (!text || clean.length === 0) return <>{text}</>;
  const re = new RegExp(`(${clean.map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
  const parts = text.split(re);
  return <>{parts.map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : <span key={i}>{p}</span>))}</>;
}

/** A score's explanation: each component as a bar of its contribution, then the matched terms. */
export function ScoreExplanation({ score, explanation }: { score: number; explanation: MatchExplanation }) {
  const { t } = useTranslation();
  const lang = useLang();
  const comps = explanation?.components ?? [];
  const max = Math.max(score, ...comps.map((c) => c.contribution), 1e-9);
  return (
    <div className="explanation" data-testid="score-explanation">
      <h4>{t('matches.components')}</h4>
      <ul className="bars">
        {comps.map((c) => (
          <li key={c.name} data-testid="score-component" data-name={c.name}>
            <span className="bar-label">{t(`matches.component.${c.name}`, { defaultValue: c.name })}
              <small className="muted"> · {t('matches.weight', { w: formatNumber(c.weight, lang) })}</small></span>
            <span className="bar-track" role="meter" aria-valuemin={0} aria-valuemax={1} aria-valuenow={c.value}
              aria-label={`${t(`matches.component.${c.name}`, { defaultValue: c.name })}: ${formatPercent(c.value, lang)}`}>
              <span className="bar-fill" style={{ width: `${Math.max(0, Math.min(100, (c.contribution / max) * 100))}%` }} />
            </span>
            <span className="bar-value">{formatNumber(c.contribution, lang, 3)}</span>
          </li>
        ))}
      </ul>
      {explanation?.matchedTerms?.length ? (
        <>
          <h4>{t('matches.matchedTerms')}</h4>
          <ul className="tags" data-testid="matched-terms">{explanation.matchedTerms.map((m) => <li key={m}><mark>{m}</mark></li>)}</ul>
        </>
      ) : null}
    </div>
  );
}

const COLORS: Record<string, string> = { text: '#1f5fa8', locality: '#0f8a6a', field: '#8a5a00', maturity: '#6b4fbb', budget: '#b33a3a' };

/** The score as one bar split into the components' contributions (always visible in a proposal). */
export function ScoreBar({ explanation }: { explanation: MatchExplanation }) {
  const { t } = useTranslation();
  const lang = useLang();
  const comps = explanation?.components ?? [];
  return (
    <div className="score-bar" role="img" data-testid="score-bar"
      aria-label={comps.map((c) => `${t(`matches.component.${c.name}`, { defaultValue: c.name })} ${formatNumber(c.contribution, lang, 2)}`).join(', ')}>
      {comps.map((c) => (
        <span key={c.name} style={{ width: `${Math.max(0, c.contribution) * 100}%`, background: COLORS[c.name] ?? '#5b6675' }}
          title={`${t(`matches.component.${c.name}`, { defaultValue: c.name })}: ${formatNumber(c.contribution, lang, 3)}`} />
      ))}
    </div>
  );
}
