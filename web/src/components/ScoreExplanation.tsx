import { useTranslation } from 'react-i18next';
import type { MatchExplanation, MatchReason, PointPart, TechnicalField } from '../api/types';
import { highlightPieces } from '../lib/highlight';
import { joinList } from '../lib/format';
import { useLang } from '../lib/hooks';

/** Marks the shared key terms inside a text: whole terms only, adjacent ones as one phrase (lib/highlight.ts). */
export function Highlight({ text, terms }: { text: string; terms: readonly string[] }) {
  const pieces = highlightPieces(text, terms);
  if (pieces.length === 0) return <>{text}</>;
  return <>{pieces.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}

/**
 * One colour per score part, the same in the bar, the legend and the explanation. A trained ranker's text parts are
 * shades of the text colour (words darkest, single characters lightest), its lengths and bias greys.
 */
export const PART_COLORS: Record<string, string> = {
  text: '#1f5fa8', locality: '#0f8a6a', field: '#b07800', maturity: '#6b4fbb', budget: '#b33a3a',
  textWords: '#1f5fa8', textBigrams: '#3f7cc4', textCharBigrams: '#6d9bd6', textCharUnigrams: '#9dbce6', rareTerms: '#0b7285',
  sourceLength: '#8d96a3', candidateLength: '#aeb5bf', bias: '#5b6675',
};
const PART_ORDER = ['text', 'locality', 'field', 'maturity', 'budget'];

/** A proposal's parts as points of 100 with the most each can give; they add up to the score's points. */
export function ScoreExplanation({ points, parts, explanation, keyTerms }: { points: number; parts: PointPart[]; explanation: MatchExplanation; keyTerms: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <div className="explanation" data-testid="score-explanation">
      <h4>{t('proposals.componentsTitle', { points })}</h4>
      <ul className="bars">
        {parts.map((p) => {
          const name = t(`matches.component.${p.name}`, { defaultValue: p.name });
          // a trained ranker's part can lower the score: drawn hatched, as a share of the most it can take off
          const lowers = p.points < 0;
          const share = lowers ? (p.min < 0 ? p.points / p.min : 1) : p.max > 0 ? p.points / p.max : 0;
          return (
            <li key={p.name} data-testid="score-component" data-name={p.name} data-points={p.points} className={lowers ? 'lowers' : undefined}>
              <span className="bar-label"><span className="swatch" style={{ background: PART_COLORS[p.name] ?? '#5b6675' }} aria-hidden="true" />{name}</span>
              <span className="bar-track" role="meter" aria-valuemin={Math.min(0, p.min)} aria-valuemax={p.max} aria-valuenow={p.points}
                aria-label={`${name}: ${lowers ? t('proposals.pointsLowered', { points: p.points, min: p.min, max: p.max }) : t('proposals.pointsOf', { points: p.points, max: p.max })}`}>
                <span className={lowers ? 'bar-fill negative' : 'bar-fill'} style={{ width: `${Math.min(100, Math.max(0, share * 100))}%`, background: lowers ? undefined : PART_COLORS[p.name] }} />
              </span>
              <span className="bar-value">{t('proposals.pointsOf', { points: p.points, max: p.max })}</span>
            </li>
          );
        })}
      </ul>
      {keyTerms.length ? (
        <>
          <h4>{t('matches.matchedTerms')}</h4>
          <ul className="tags" data-testid="matched-terms">{keyTerms.map((m) => <li key={m}><mark>{m}</mark></li>)}</ul>
        </>
      ) : explanation.matchedTerms.length ? <p className="muted small" data-testid="matched-terms">{t('proposals.noKeyTerms')}</p> : null}
    </div>
  );
}

/**
 * The score as one bar of 100 points split into its parts' colours. Parts that lower the score (a trained ranker's
 * negative parts) are drawn as a hatched stretch taken off the end of the others, so the solid bar ends at the score.
 */
export function ScoreBar({ parts }: { parts: PointPart[] }) {
  const { t } = useTranslation();
  const name = (p: PointPart) => t(`matches.component.${p.name}`, { defaultValue: p.name });
  const gains = parts.filter((p) => p.points > 0);
  const losses = parts.filter((p) => p.points < 0);
  const gained = gains.reduce((s, p) => s + p.points, 0);
  const lost = -losses.reduce((s, p) => s + p.points, 0);
  const scale = Math.max(100, gained);
  const pct = (points: number) => `${(points / scale) * 100}%`;
  return (
    <div className="score-bar" role="img" data-testid="score-bar"
      aria-label={parts.map((p) => `${name(p)} ${t('proposals.pointsOf', { points: p.points, max: p.max })}`).join(', ')}>
      {gains.map((p) => (
        <span key={p.name} style={{ width: pct(p.points), background: PART_COLORS[p.name] ?? '#5b6675' }}
          title={`${name(p)}: ${t('proposals.pointsOf', { points: p.points, max: p.max })}`} />
      ))}
      {lost > 0 ? (
        <span className="deduction" data-testid="score-deduction" style={{ left: pct(gained - lost), width: pct(Math.min(lost, gained)) }}
          title={t('proposals.lowered', { parts: losses.map((p) => `${name(p)} ${p.points}`).join(', ') })} />
      ) : null}
    </div>
  );
}

/** What the colours of the score bar stand for, with the most points each part can give. */
export function ScoreLegend({ parts }: { parts?: PointPart[] }) {
  const { t } = useTranslation();
  const max = (name: string) => parts?.find((p) => p.name === name)?.max;
  // a learned ranker explains by more (and other) parts than the five of the hand-set weighting
  const names = parts?.length ? parts.map((p) => p.name) : PART_ORDER;
  return (
    <div className="score-legend" data-testid="score-legend">
      <span className="muted small">{t('proposals.legendLead')}</span>
      <ul>
        {names.map((name) => (
          <li key={name} data-name={name}>
            <span className="swatch" style={{ background: PART_COLORS[name] ?? '#5b6675' }} aria-hidden="true" />
            {t(`matches.component.${name}`, { defaultValue: name })}{max(name) !== undefined ? <small className="muted"> ≤ {max(name)}</small> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One sentence saying why the pair was proposed, from the server's reading of the explanation. */
export function ReasonSentence({ reason, field }: { reason: MatchReason; field: TechnicalField }) {
  const { t } = useTranslation();
  return <p className="match-reason" data-testid="match-reason">{reasonSentence(reason, field, t, useLang())}</p>;
}

type T = (key: string, options?: Record<string, unknown>) => string;

export function reasonSentence(reason: MatchReason, field: TechnicalField, t: T, lang: 'zh-CN' | 'en'): string {
  const quote = (s: string) => (lang === 'en' ? `“${s}”` : `“${s}”`);
  const clauses: string[] = [];
  if (reason.keyTerms.length) clauses.push(t('proposals.reason.terms', { terms: joinList(reason.keyTerms.slice(0, 3).map(quote), lang) }));
  if (reason.localPartner) clauses.push(t('proposals.reason.local'));
  if (reason.sameField) clauses.push(t('proposals.reason.sameField', { field: t(`field.${field}`) }));
  if (reason.maturityGap !== null && reason.maturityGap !== undefined) {
    clauses.push(reason.maturityGap > 0 ? t('proposals.reason.maturityGap', { count: reason.maturityGap }) : t('proposals.reason.matureEnough'));
  }
  if (reason.budget !== 'Unknown') clauses.push(t(`proposals.reason.budget${reason.budget}`));
  if (clauses.length === 0) clauses.push(t('proposals.reason.textOnly'));
  return t('proposals.reason.sentence', { clauses: clauses.join(lang === 'en' ? '; ' : '；') });
}
