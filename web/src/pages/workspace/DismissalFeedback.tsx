import { useTranslation } from 'react-i18next';
import { listings, type ListingKind } from '../../api/endpoints';
import { useAsync } from '../../lib/hooks';

/** For the listing's owner: why the other side dismissed its proposals ("3 firms found the maturity too low"). */
export function DismissalFeedbackPanel({ kind, id }: { kind: ListingKind; id: string }) {
  const { t } = useTranslation();
  const feedback = useAsync((s) => listings.dismissals(kind, id, s), [kind, id]);
  const reasons = feedback.data?.reasons ?? [];
  if (reasons.length === 0) return null;
  // Achievements are dismissed by firms, needs by institutions.
  const who = kind === 'achievements' ? 'firms' : 'institutions';
  return (
    <section className="card dismissal-feedback" aria-labelledby="dismissals-title" data-testid="dismissal-feedback">
      <h2 id="dismissals-title">{t('proposals.dismissals.title')}</h2>
      <ul>
        {reasons.map((r) => (
          <li key={r.reason} data-testid="dismissal-reason" data-reason={r.reason} data-count={r.organisations}>
            {t(`proposals.dismissals.${who}`, { count: r.organisations, reason: t(`proposals.dismissals.reason.${r.reason}`) })}
          </li>
        ))}
      </ul>
      <p className="muted small">{t('proposals.dismissals.hint')}</p>
    </section>
  );
}
