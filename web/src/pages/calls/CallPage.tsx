import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { data, http } from '../../api/client';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/AuthContext';
import { Badge, ErrorMessage, Loading, Notice } from '../../components/ui';
import { formatAmount, formatDateTime } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import { stateTone } from './CallsList';
import { BureauTools } from './BureauTools';
import { ProposalSection } from './MyProposal';

export type CallView = components['schemas']['CallView'];

/** A call's public page: its terms, state, proposal count and winner; the solver's form, the bureau's tools by permission. */
export function CallPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const res = useAsync((signal) => data(http.GET('/api/calls/{id}', { params: { path: { id } }, signal })), [id, me?.id]);
  const c = res.data;
  if (res.error) return <section className="page"><ErrorMessage error={res.error} onRetry={res.reload} /></section>;
  if (!c) return <section className="page"><Loading /></section>;
  return (
    <section className="page" aria-labelledby="call-title" data-testid="call-page">
      <h1 id="call-title">{c.title}</h1>
      <p className="call-meta">
        <Badge tone={stateTone(c.state)} testId="call-state" value={c.state}>{t(`calls.state.${c.state}`)}</Badge>{' '}
        {t('calls.owner')}: {c.owner?.name ?? t('calls.bureau')} · {t('calls.reward')}: {formatAmount(c.reward, lang)} ·{' '}
        {t('calls.deadline')}: <span data-testid="call-deadline">{formatDateTime(c.deadline, lang)}</span> ·{' '}
        <span data-testid="call-proposals">{t('calls.proposalCount', { count: c.proposalCount })}</span>
      </p>
      {c.winner && <Notice kind="success" testId="call-winner">{t('calls.winner')}: {c.winner.name}</Notice>}
      {c.requiresConsent && <Notice testId="call-requires-consent">{t('callConsent.requiresNotice')}</Notice>}
      {c.returnReason && <Notice kind="warning" testId="call-returned">{t('calls.returned', { reason: c.returnReason })}</Notice>}
      <h2>{t('calls.problem')}</h2>
      <p className="prose">{c.problem}</p>
      <div className="two-col">
        <section>
          <h2>{t('calls.targets')}</h2>
          <ul data-testid="call-targets">{c.targets.map((x, i) => <li key={i}>{x.name}: {x.value}{x.unit ? ` ${x.unit}` : ''}</li>)}</ul>
          <h2>{t('calls.eligibility')}</h2>
          <p>{t('calls.kinds')}: {c.eligibleKinds.map((k) => t(`orgKind.${k}`)).join(' / ')} · {t('calls.region')}: {c.regionPrefix ?? t('calls.anyRegion')}</p>
        </section>
        <section>
          <h2>{t('calls.criteria')}</h2>
          <table className="table"><tbody>
            {c.criteria.map((x, i) => <tr key={i}><td>{x.name}</td><td>{t('calls.weight')} {x.weight}</td></tr>)}
          </tbody></table>
        </section>
      </div>
      <h2>{t('calls.needs')}</h2>
      <ul data-testid="call-needs">
        {c.needs.map((n) => (
          <li key={n.needId}>
            <Link to={`/needs/${n.needId}`}>{n.title}</Link> · {n.organisation.name}
            {c.permissions.manage || c.permissions.screen ? <> · <Badge>{t(`calls.needStatus.${n.status}`)}</Badge>{n.reason ? ` ${n.reason}` : ''}</> : null}
          </li>
        ))}
      </ul>
      {(c.coFunders ?? []).length > 0 && (
        <p data-testid="call-co-funders">{t('callExtras.cluster.coFunders')}: {c.coFunders.map((f) => f.name).join(lang === 'en' ? ', ' : '、')}</p>
      )}
      {c.permissions.review && <p><Link className="btn" to={`/workspace/calls/${c.id}/review`} data-testid="call-review">{t('calls.review')}</Link></p>}
      {c.permissions.winnerDealId && <p><Link to={`/workspace/deal/${c.permissions.winnerDealId}`} data-testid="call-deal">{t('calls.dealLink')}</Link></p>}
      <BureauTools call={c} onChanged={res.setData} reload={res.reload} />
      {me && (me.organisation || c.permissions.propose) ? <ProposalSection call={c} onSubmitted={res.reload} /> : null}
    </section>
  );
}
