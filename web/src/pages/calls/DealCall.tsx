import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { data, http } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ui';
import { formatAmount, formatNumber } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';

/**
 * On a deal made from an open call's winner: the call, the winning proposal and the reviewers' scores per
 * criterion (`GET /api/deals/{id}/call`). Shown only when the deal names a call proposal.
 */
export function DealCallSection({ dealId }: { dealId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const res = useAsync((signal) => data(http.GET('/api/deals/{id}/call', { params: { path: { id: dealId } }, signal })), [dealId]);
  const c = res.data;
  if (res.error) return <ErrorMessage error={res.error} onRetry={res.reload} />;
  if (!c) return <Loading />;
  const p = c.proposal;
  return (
    <section className="card flat-children" aria-labelledby="deal-call-title" data-testid="deal-call">
      <h3 id="deal-call-title">{t('callExtras.deal.title')}: <Link to={`/calls/${c.callId}`} data-testid="deal-call-link">{c.title}</Link></h3>
      <p className="muted">
        {t('calls.reward')}: {formatAmount(c.reward, lang)} · {t('calls.proposalCount', { count: c.proposalCount })} ·{' '}
        {t('callExtras.deal.finalScore', { score: p.finalScore == null ? '—' : formatNumber(p.finalScore, lang) })}
      </p>
      <h4>{t('callExtras.deal.proposal', { org: p.organisation.name })}</h4>
      <p className="prose" data-testid="deal-call-approach">{p.approach}</p>
      <p>{t('calls.price')}: <span data-testid="deal-call-price">{formatAmount(p.price, lang)}</span> · {t('calls.team')}: {p.team}</p>
      <ol data-testid="deal-call-milestones">{p.milestones.map((m, i) => <li key={i}>{t('callExtras.deal.milestone', { month: m.month, title: m.title })}</li>)}</ol>
      <h4>{t('callExtras.deal.scores', { count: c.scores })}</h4>
      <table className="table" data-testid="deal-call-scores">
        <thead><tr><th>{t('calls.criterionName')}</th><th>{t('calls.weight')}</th><th>{t('callExtras.deal.mean')}</th><th>{t('callExtras.deal.range')}</th></tr></thead>
        <tbody>
          {c.criteria.map((x, i) => (
            <tr key={i} data-testid={`deal-call-criterion-${i}`}>
              <td>{x.name}</td><td>{x.weight}</td>
              <td>{x.mean == null ? '—' : formatNumber(x.mean, lang)}</td>
              <td>{x.min == null || x.max == null ? '—' : `${x.min}–${x.max}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(p.remarks ?? []).length > 0 && (
        <>
          <h4>{t('calls.remarks')}</h4>
          <ul data-testid="deal-call-remarks">{(p.remarks ?? []).map((r, i) => <li key={i}>{r}</li>)}</ul>
        </>
      )}
    </section>
  );
}
