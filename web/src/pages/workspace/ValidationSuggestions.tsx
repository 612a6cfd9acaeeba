import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { MatchView } from '../../api/types';
import { validation } from '../../api/validation';
import { useAsync, useLang } from '../../lib/hooks';

/** Two TRL levels between what a need asks and what an achievement has (the server's SuggestValidation.GapThreshold). */
const GAP = 2;

/**
 * On a matches page: pairs dismissed as too early, or whose maturity gap is at least two levels, with the centres
 * that have free capacity in the field and the firm as possible co-funder.
 */
export function ValidationSuggestions({ matches, needTrl, achievementTrl }: {
  matches: MatchView[]; needTrl: (m: MatchView) => number | null | undefined; achievementTrl: (m: MatchView) => number | null | undefined;
}) {
  const { t } = useTranslation();
  const candidates = matches.filter((m) => {
    const need = needTrl(m);
    const achievement = achievementTrl(m);
    return m.status === 'Dismissed' || (need != null && achievement != null && need - achievement >= GAP);
  }).slice(0, 5);
  if (candidates.length === 0) return null;
  return (
    <section className="card" aria-labelledby="validation-suggestions-title" data-testid="validation-suggestions">
      <h2 id="validation-suggestions-title">{t('validation.suggestTitle')}</h2>
      <ul className="stack">{candidates.map((m) => <Suggestion key={m.proposalId} m={m} />)}</ul>
    </section>
  );
}

function Suggestion({ m }: { m: MatchView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const suggestion = useAsync((s) => validation.suggestion(m.proposalId, s), [m.proposalId]);
  const s = suggestion.data;
  if (!s || !s.applies || s.centres.length === 0) return null;
  return (
    <li data-testid="validation-suggestion">
      <strong>{m.counterpart.title}</strong>{' '}
      <span className="muted">{s.dismissedAsTooEarly ? t('validation.suggestTooEarly') : t('validation.suggestGap', { gap: s.maturityGap })}</span>
      <ul>
        {s.centres.map((c) => (
          <li key={c.id}>{t('validation.suggestCentre', { centre: lang === 'en' ? c.nameEn || c.name : c.name, free: c.free })}</li>
        ))}
      </ul>
      <p className="small">{t('validation.suggestCoFunder', { firm: s.coFunderName })} <Link to="/validation">{t('validation.directory')}</Link></p>
    </li>
  );
}
