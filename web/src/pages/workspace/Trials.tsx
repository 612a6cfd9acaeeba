import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { data, http } from '../../api/client';
import { deals as dealsApi } from '../../api/endpoints';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { AmountInput } from '../../components/AmountInput';
import { Amount, Badge, DateText, ErrorMessage, Field, Loading, Notice } from '../../components/ui';
import { formatPercent } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';

type S = components['schemas'];
type TrialState = S['TrialState'];
type Outcome = S['TrialOutcome'];
type Cause = NonNullable<S['TrialFailureCause']>;

const STATES: TrialState[] = ['Running', 'Converted', 'Returned', 'Failed'];
const MODES: S['TrialPaymentMode'][] = ['LumpSum', 'Instalments', 'Royalty', 'Conditional'];
const OUTCOMES: Outcome[] = ['Converted', 'Extended', 'Returned', 'Failed'];
const CAUSES: Cause[] = ['TechnologyUnderperformed', 'IntegrationCost', 'BuyerWithdrew', 'PriceDisagreement', 'IpIssue', 'MarketChanged', 'Other'];
const tone = (s: TrialState) => (s === 'Converted' ? 'good' : s === 'Running' ? 'info' : s === 'Failed' ? 'bad' : 'warn');

function StateBadge({ state }: { state: TrialState }) {
  const { t } = useTranslation();
  return <Badge tone={tone(state)} testId="trial-state" value={state}>{t(`trials.state.${state}`)}</Badge>;
}

/** The trials (先使用后付费) of my organisation or of the deals I broker; the bureau sees all. */
export function TrialsPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<TrialState | ''>('');
  const list = useAsync((signal) => data(http.GET('/api/trials', { params: { query: { state: state || undefined, pageSize: 100 } }, signal })), [state]);
  return (
    <section className="page" aria-labelledby="trials-title" data-testid="trials-page">
      <header className="page-header">
        <h1 id="trials-title">{t('trials.title')}</h1>
        <p className="muted">{t('trials.lead')}</p>
      </header>
      <div className="toolbar">
        <label>{t('trials.stateLabel')}{' '}
          <select value={state} onChange={(e) => setState(e.target.value as TrialState | '')} data-testid="trials-state-filter">
            <option value="">{t('common.all')}</option>
            {STATES.map((s) => <option key={s} value={s}>{t(`trials.state.${s}`)}</option>)}
          </select>
        </label>
      </div>
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && (list.data.items.length === 0 ? <p className="empty">{t('trials.none')}</p> : (
        <table className="table" data-testid="trials-table">
          <thead><tr><th>{t('trials.deal')}</th><th>{t('trials.parties')}</th><th>{t('trials.period')}</th><th>{t('trials.price')}</th><th>{t('trials.stateLabel')}</th></tr></thead>
          <tbody>
            {list.data.items.map((x) => (
              <tr key={x.id} data-testid="trial-row">
                <td><Link to={`/workspace/trials/${x.id}`}>{x.dealTitle}</Link></td>
                <td>{x.seller.nameZh} → {x.buyer.nameZh}</td>
                <td><DateText value={x.startsOn} /> – <DateText value={x.endsOn} /></td>
                <td><Amount value={x.agreedPrice} /> · {t(`trials.mode.${x.paymentMode}`)}</td>
                <td><StateBadge state={x.state} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

type MilestoneRow = { title: string; dueOn: string };

/** Closes a deal as a trial: dates, milestones, the payment mode after the trial and the price agreed now. */
export function TrialStartPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const dealId = params.get('deal') ?? '';
  const deal = useAsync((signal) => dealsApi.get(dealId, signal), [dealId], !!dealId);
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [mode, setMode] = useState<S['TrialPaymentMode']>('LumpSum');
  const [price, setPrice] = useState<number | null>(null);
  const [terms, setTerms] = useState('');
  const [milestones, setMilestones] = useState<MilestoneRow[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  const d = deal.data;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!d) return;
    setBusy(true);
    setError(null);
    try {
      const trial = await data(http.POST('/api/trials', {
        body: {
          dealId: d.id, dealVersion: d.version, startsOn, endsOn, paymentMode: mode, agreedPrice: price as number,
          paymentTerms: terms.trim() || null, milestones: milestones.map((m) => ({ title: m.title, dueOn: m.dueOn })),
        },
      }));
      navigate(`/workspace/trials/${trial.id}`);
    } catch (err) { setError(err); setBusy(false); }
  };

  return (
    <section className="page" aria-labelledby="trial-start-title" data-testid="trial-start-page">
      <p className="breadcrumb"><Link to="/workspace/trials">{t('trials.title')}</Link></p>
      <h1 id="trial-start-title">{t('trials.start')}</h1>
      <ErrorMessage error={deal.error} onRetry={deal.reload} />
      {!dealId && <Notice kind="warning">{t('trials.noDeal')}</Notice>}
      {deal.loading && !d ? <Loading /> : null}
      {d && (
        <form className="card stack" onSubmit={submit} noValidate>
          <p>{t('trials.deal')}: <strong>{d.title}</strong> · {d.seller.nameZh} → {d.buyer.nameZh}</p>
          <p className="muted">{t('trials.startLead')}</p>
          <ErrorMessage error={error && !fe ? error : null} />
          {fe && <ErrorMessage error={error} />}
          <div className="grid-2">
            <Field label={t('trials.startsOn')} name="startsOn" errors={fe}>{(p) => <input type="date" {...p} value={startsOn} onChange={(e) => setStartsOn(e.target.value)} data-testid="trial-starts" />}</Field>
            <Field label={t('trials.endsOn')} name="endsOn" errors={fe}>{(p) => <input type="date" {...p} value={endsOn} onChange={(e) => setEndsOn(e.target.value)} data-testid="trial-ends" />}</Field>
            <Field label={t('trials.paymentMode')} name="paymentMode" errors={fe}>{(p) => (
              <select {...p} value={mode} onChange={(e) => setMode(e.target.value as S['TrialPaymentMode'])} data-testid="trial-mode">
                {MODES.map((m) => <option key={m} value={m}>{t(`trials.mode.${m}`)}</option>)}
              </select>
            )}</Field>
            <Field label={t('trials.price')} name="agreedPrice" errors={fe}>{(p) => <AmountInput {...p} value={price} onChange={setPrice} testId="trial-price" />}</Field>
          </div>
          <Field label={t('trials.terms')} name="paymentTerms" errors={fe}>{(p) => <input {...p} value={terms} onChange={(e) => setTerms(e.target.value)} />}</Field>
          <fieldset className="stack">
            <legend>{t('trials.milestones')}</legend>
            {milestones.map((m, i) => (
              <div key={i} className="grid-2">
                <Field label={t('trials.milestoneTitle')} name={`milestones[${i}].title`} errors={fe}>{(p) => (
                  <input {...p} value={m.title} onChange={(e) => setMilestones(milestones.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))} data-testid={`trial-milestone-title-${i}`} />
                )}</Field>
                <Field label={t('trials.milestoneDue')} name={`milestones[${i}].dueOn`} errors={fe}>{(p) => (
                  <input type="date" {...p} value={m.dueOn} onChange={(e) => setMilestones(milestones.map((x, j) => (j === i ? { ...x, dueOn: e.target.value } : x)))} data-testid={`trial-milestone-due-${i}`} />
                )}</Field>
              </div>
            ))}
            <button type="button" className="btn" onClick={() => setMilestones([...milestones, { title: '', dueOn: '' }])} data-testid="trial-add-milestone">{t('trials.addMilestone')}</button>
          </fieldset>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="trial-submit">{t('trials.submit')}</button>
        </form>
      )}
    </section>
  );
}

/** One trial: its terms and milestones, and the outcome the parties record at its end. */
export function TrialDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const trial = useAsync((signal) => data(http.GET('/api/trials/{id}', { params: { path: { id } }, signal })), [id]);
  const x = trial.data;
  const deal = useAsync((signal) => dealsApi.get(x!.dealId, signal), [x?.dealId], !!x);
  const [outcome, setOutcome] = useState<Outcome>('Converted');
  const [newEndsOn, setNewEndsOn] = useState('');
  const [cause, setCause] = useState<Cause>('TechnologyUnderperformed');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  const contractId = deal.data?.contractId ?? null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!x) return;
    setError(null);
    setSaved(false);
    try {
      await data(http.POST('/api/trials/{id}/outcome', {
        params: { path: { id } },
        body: {
          outcome, version: x.version, contractId: outcome === 'Converted' ? contractId : null,
          newEndsOn: outcome === 'Extended' ? newEndsOn || null : null, failureCause: outcome === 'Failed' ? cause : null, note: note.trim() || null,
        },
      }));
      setSaved(true);
      trial.reload();
    } catch (err) { setError(err); }
  };

  return (
    <section className="page" aria-labelledby="trial-title" data-testid="trial-page">
      <p className="breadcrumb"><Link to="/workspace/trials">{t('trials.title')}</Link></p>
      <ErrorMessage error={trial.error} onRetry={trial.reload} />
      {!x ? (trial.loading ? <Loading /> : null) : (
        <>
          <div className="row"><h1 id="trial-title">{x.dealTitle}</h1><StateBadge state={x.state} /></div>
          <dl className="facts">
            <dt>{t('trials.parties')}</dt><dd>{x.seller.nameZh} → {x.buyer.nameZh}</dd>
            <dt>{t('trials.period')}</dt><dd><DateText value={x.startsOn} /> – <DateText value={x.endsOn} />{x.extensions > 0 ? ` (${t('trials.extended', { count: x.extensions })})` : ''}</dd>
            <dt>{t('trials.price')}</dt><dd data-testid="trial-price-text"><Amount value={x.agreedPrice} /> · {t(`trials.mode.${x.paymentMode}`)}{x.paymentTerms ? ` · ${x.paymentTerms}` : ''}</dd>
            {x.contractId && <><dt>{t('trials.contract')}</dt><dd><Link to={`/workspace/contract-records/${x.contractId}`} data-testid="trial-contract-link">{t('trials.openContract')}</Link></dd></>}
            {x.failureCause && <><dt>{t('trials.cause')}</dt><dd>{t(`trials.causes.${x.failureCause}`)}{x.mayClaim && <> · <Link to={`/workspace/risk-claims?trial=${x.id}`} data-testid="trial-claim-link">{t('riskPool.requestCompensation')}</Link></>}</dd></>}
            {x.outcomeNote && <><dt>{t('trials.note')}</dt><dd>{x.outcomeNote}</dd></>}
          </dl>
          <section className="card" aria-labelledby="trial-milestones-title">
            <h2 id="trial-milestones-title">{t('trials.milestones')}</h2>
            {x.milestones.length === 0 ? <p className="muted">{t('trials.noMilestones')}</p> : (
              <ul data-testid="trial-milestones">{x.milestones.map((m) => <li key={m.id}><DateText value={m.dueOn} /> · {m.title}</li>)}</ul>
            )}
          </section>
          {saved && <Notice kind="success" testId="trial-saved">{t('trials.saved')}</Notice>}
          {x.state === 'Running' && (
            <form className="card stack" onSubmit={submit} noValidate aria-labelledby="trial-outcome-title">
              <h2 id="trial-outcome-title">{t('trials.outcome')}</h2>
              {error && !fe ? <ErrorMessage error={error} /> : null}
              <Field label={t('trials.outcome')} name="outcome" errors={fe}>{(p) => (
                <select {...p} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)} data-testid="trial-outcome">
                  {OUTCOMES.map((o) => <option key={o} value={o}>{t(`trials.outcomes.${o}`)}</option>)}
                </select>
              )}</Field>
              {outcome === 'Converted' && (contractId
                ? <Notice kind="info" testId="trial-contract-ready">{t('trials.contractReady')}</Notice>
                : <Notice kind="warning" testId="trial-contract-missing">{t('trials.contractMissing')} <Link to={`/workspace/deal/${x.dealId}?propose=1`}>{t('trials.recordContract')}</Link></Notice>)}
              {fe?.contractId && <p className="field-error" data-testid="field-error-contractId">{fe.contractId.join(' ')}</p>}
              {outcome === 'Extended' && <Field label={t('trials.newEndsOn')} name="newEndsOn" errors={fe}>{(p) => <input type="date" {...p} value={newEndsOn} onChange={(e) => setNewEndsOn(e.target.value)} data-testid="trial-new-end" />}</Field>}
              {outcome === 'Failed' && <Field label={t('trials.cause')} name="failureCause" errors={fe}>{(p) => (
                <select {...p} value={cause} onChange={(e) => setCause(e.target.value as Cause)} data-testid="trial-cause">
                  {CAUSES.map((c) => <option key={c} value={c}>{t(`trials.causes.${c}`)}</option>)}
                </select>
              )}</Field>}
              <Field label={t('trials.note')} name="note" errors={fe}>{(p) => <textarea {...p} value={note} onChange={(e) => setNote(e.target.value)} data-testid="trial-note" />}</Field>
              <button type="submit" className="btn btn-primary" data-testid="trial-record-outcome">{t('trials.recordOutcome')}</button>
            </form>
          )}
        </>
      )}
    </section>
  );
}

/** The bureau's view: trials by state, conversion rate, time to conversion, causes of failure, by institution and field. */
export function TrialSummaryPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState<number | ''>('');
  const summary = useAsync((signal) => data(http.GET('/api/trials/summary', { params: { query: { year: year || undefined } }, signal })), [year]);
  const s = summary.data;
  const days = (d: number | null | undefined) => (d == null ? '—' : t('trials.days', { count: d }));
  const causes = (list: S['TrialCauseCount'][]) => (list.length === 0 ? '—' : list.map((c) => `${t(`trials.causes.${c.cause}`)} ${c.count}`).join('、'));
  const groups = (title: string, rows: S['TrialGroup'][], label: (g: S['TrialGroup']) => string, testId: string) => (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <div className="table-wrap">
        <table className="table" data-testid={testId}>
          <thead><tr><th /><th>{t('trials.total')}</th><th>{t('trials.state.Running')}</th><th>{t('trials.state.Converted')}</th><th>{t('trials.state.Returned')}</th>
            <th>{t('trials.state.Failed')}</th><th>{t('trials.conversionRate')}</th><th>{t('trials.daysToConversion')}</th><th>{t('trials.causesTitle')}</th></tr></thead>
          <tbody>{rows.map((g) => (
            <tr key={g.key} data-testid="trial-group-row">
              <td>{label(g)}</td><td>{g.total}</td><td>{g.running}</td><td>{g.converted}</td><td>{g.returned}</td><td>{g.failed}</td>
              <td>{formatPercent(g.conversionRate, lang)}</td><td>{days(g.averageDaysToConversion)}</td><td data-testid="trial-group-causes">{causes(g.failureCauses)}</td>
            </tr>
          ))}</tbody>
        </table>
      </div>
    </section>
  );
  return (
    <section className="page" aria-labelledby="trial-summary-title" data-testid="trial-summary-page">
      <h1 id="trial-summary-title">{t('trials.summaryTitle')}</h1>
      <div className="toolbar">
        <label>{t('trials.startedIn')}{' '}
          <select value={year} onChange={(e) => setYear(e.target.value ? Number(e.target.value) : '')} data-testid="trial-summary-year">
            <option value="">{t('common.all')}</option>
            {[0, 1, 2, 3, 4].map((d) => <option key={d} value={thisYear - d}>{thisYear - d}</option>)}
          </select>
        </label>
      </div>
      <ErrorMessage error={summary.error} onRetry={summary.reload} />
      {!s ? (summary.loading ? <Loading /> : null) : (
        <>
          <dl className="facts" data-testid="trial-summary">
            <dt>{t('trials.total')}</dt><dd>{s.total}</dd>
            {s.byState.map((b) => <span key={b.state} style={{ display: 'contents' }}><dt>{t(`trials.state.${b.state}`)}</dt><dd data-testid={`trial-count-${b.state}`}>{b.count}</dd></span>)}
            <dt>{t('trials.conversionRate')}</dt><dd data-testid="trial-conversion-rate">{formatPercent(s.conversionRate, lang)}</dd>
            <dt>{t('trials.daysToConversion')}</dt><dd data-testid="trial-days-to-conversion">{days(s.averageDaysToConversion)}</dd>
          </dl>
          <section className="card" aria-labelledby="trial-causes-title">
            <h2 id="trial-causes-title">{t('trials.causesTitle')}</h2>
            {s.failureCauses.length === 0 ? <p className="muted">{t('trials.none')}</p>
              : <ul>{s.failureCauses.map((c) => <li key={c.cause}>{t(`trials.causes.${c.cause}`)}: {c.count}</li>)}</ul>}
          </section>
          {groups(t('trials.byInstitution'), s.byInstitution, (g) => g.name, 'trials-by-institution')}
          {groups(t('trials.byField'), s.byField, (g) => (g.key ? t(`field.${g.key}`) : '—'), 'trials-by-field')}
        </>
      )}
    </section>
  );
}
