import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { data, http } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/AuthContext';
import { Badge, ErrorMessage, Field, Loading, Notice } from '../../components/ui';
import { formatAmount, formatDateTime, formatNumber } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import { stateTone } from './CallsList';
import { BureauTools } from './BureauTools';

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

/** The solver's own proposal (its result once the call closed), or the form while the call is open. */
function ProposalSection({ call, onSubmitted }: { call: CallView; onSubmitted: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const mine = useAsync(async (signal) => {
    try { return await data(http.GET('/api/calls/{id}/proposals/mine', { params: { path: { id: call.id } }, signal })); }
    catch (e) { if (e instanceof ApiError && e.status === 404) return null; throw e; }
  }, [call.id, call.version]);
  if (mine.data) {
    const p = mine.data;
    return (
      <section aria-labelledby="my-proposal" data-testid="my-proposal">
        <h2 id="my-proposal">{t('calls.myProposal')}</h2>
        <p className="muted">{t('calls.submittedAt', { at: formatDateTime(p.submittedAt, lang) })} · {t('calls.price')}: {formatAmount(p.price, lang)}</p>
        <p className="prose">{p.approach}</p>
        {p.rank == null ? <p className="muted">{t('calls.resultPending')}</p> : (
          <p data-testid="my-result">{t('calls.rank')}: {p.rank} · {t('calls.finalScore')}: {formatNumber(p.finalScore, lang)}{p.winner ? ` · ${t('calls.won')}` : ''}</p>
        )}
        {p.remarks?.length ? <><h3>{t('calls.remarks')}</h3><ul data-testid="my-remarks">{p.remarks.map((r, i) => <li key={i}>{r}</li>)}</ul></> : null}
      </section>
    );
  }
  if (!call.permissions.propose || mine.loading) return null;
  return <ProposalForm callId={call.id} onSubmitted={onSubmitted} />;
}

function ProposalForm({ callId, onSubmitted }: { callId: string; onSubmitted: () => void }) {
  const { t } = useTranslation();
  const [approach, setApproach] = useState('');
  const [team, setTeam] = useState('');
  const [price, setPrice] = useState('');
  const [milestones, setMilestones] = useState([{ title: '', month: 3 }]);
  const [achievementIds, setAchievementIds] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mineAchievements = useAsync((signal) => data(http.GET('/api/achievements/mine', { params: { query: { PageSize: 100, status: 'Published' } }, signal })), []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await data(http.POST('/api/calls/{id}/proposals', { params: { path: { id: callId } }, body: { approach, team, price: Number(price), milestones, achievementIds } }));
      onSubmitted();
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  const published = (mineAchievements.data?.items ?? []).filter((a) => a.status === 'Published');
  return (
    <form className="form" onSubmit={submit} aria-labelledby="propose-title" data-testid="proposal-form">
      <h2 id="propose-title">{t('calls.propose')}</h2>
      <Field label={t('calls.approach')} name="approach" errors={fe}>{(p) => <textarea {...p} rows={4} value={approach} onChange={(e) => setApproach(e.target.value)} data-testid="proposal-approach" />}</Field>
      <Field label={t('calls.team')} name="team" errors={fe}>{(p) => <textarea {...p} rows={2} value={team} onChange={(e) => setTeam(e.target.value)} data-testid="proposal-team" />}</Field>
      <Field label={t('calls.price')} name="price" errors={fe}>{(p) => <input {...p} type="number" min={1} value={price} onChange={(e) => setPrice(e.target.value)} data-testid="proposal-price" />}</Field>
      <fieldset>
        <legend>{t('calls.milestones')}</legend>
        {milestones.map((m, i) => (
          <div key={i} className="row">
            <input aria-label={t('calls.milestone')} value={m.title} onChange={(e) => setMilestones(milestones.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))} data-testid={`milestone-title-${i}`} />
            <input aria-label={t('calls.month')} type="number" min={1} max={120} value={m.month} onChange={(e) => setMilestones(milestones.map((x, j) => (j === i ? { ...x, month: Number(e.target.value) } : x)))} />
          </div>
        ))}
        <button type="button" className="btn btn-small" onClick={() => setMilestones([...milestones, { title: '', month: 6 }])}>{t('calls.addMilestone')}</button>
      </fieldset>
      {published.length > 0 && (
        <fieldset>
          <legend>{t('calls.achievements')}</legend>
          {published.map((a) => (
            <label key={a.id} className="check">
              <input type="checkbox" checked={achievementIds.includes(a.id)} onChange={(e) => setAchievementIds(e.target.checked ? [...achievementIds, a.id] : achievementIds.filter((x) => x !== a.id))} />
              {a.title}
            </label>
          ))}
        </fieldset>
      )}
      <ErrorMessage error={error} />
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="proposal-submit">{t('calls.propose')}</button>
    </form>
  );
}
