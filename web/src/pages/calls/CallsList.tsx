import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { data, http } from '../../api/client';
import type { components } from '../../api/schema';
import { useAuth, isAdmin } from '../../auth/AuthContext';
import { Badge, ErrorMessage, Loading } from '../../components/ui';
import { formatAmount, formatDateTime } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';

export type CallSummary = components['schemas']['CallSummary'];
export type CallState = components['schemas']['CallState'];
export const CALL_STATES: CallState[] = ['Open', 'Closed', 'Unanswered', 'PendingApproval', 'Draft'];

export const stateTone = (s: CallState) => (s === 'Open' ? 'info' : s === 'Closed' ? 'good' : s === 'Unanswered' ? 'bad' : 'warn');

/** One call in a list: what is asked, by when, how many answered and who won. */
export function CallCard({ call }: { call: CallSummary }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <article className="card call-card" data-testid="call-card" data-id={call.id}>
      <h3><Link to={`/calls/${call.id}`} data-testid="call-link">{call.title}</Link></h3>
      <p className="meta">
        <Badge tone={stateTone(call.state)} testId="call-state" value={call.state}>{t(`calls.state.${call.state}`)}</Badge>{' '}
        {t('calls.reward')}: {formatAmount(call.reward, lang)} · {t('calls.deadline')}: {formatDateTime(call.deadline, lang)} ·{' '}
        <span data-testid="call-proposals">{t('calls.proposalCount', { count: call.proposalCount })}</span>
      </p>
      <ul className="inline-list">{call.targets.map((x, i) => <li key={i}>{x.name} {x.value}{x.unit ? ` ${x.unit}` : ''}</li>)}</ul>
      {call.winner && <p data-testid="call-winner">{t('calls.winner')}: {call.winner.name}</p>}
    </article>
  );
}

/** The public list of calls, by state. */
export function CallsPage() {
  const { t } = useTranslation();
  const { me, hasRole } = useAuth();
  const [state, setState] = useState<CallState | ''>('');
  const res = useAsync((signal) => data(http.GET('/api/calls', { params: { query: { state: state || undefined, pageSize: 50 } }, signal })), [state]);
  const manages = !!me && (hasRole('BureauAnalyst', 'EnterpriseMember', 'Reviewer') || isAdmin(me));
  return (
    <section className="page" aria-labelledby="calls-title" data-testid="calls-page">
      <h1 id="calls-title">{t('calls.title')}</h1>
      <p className="lead">{t('calls.lead')}</p>
      <div className="toolbar">
        <label htmlFor="call-state">{t('calls.stateFilter')}</label>
        <select id="call-state" value={state} onChange={(e) => setState(e.target.value as CallState | '')} data-testid="calls-state">
          <option value="">{t('calls.allStates')}</option>
          {CALL_STATES.slice(0, 3).map((s) => <option key={s} value={s}>{t(`calls.state.${s}`)}</option>)}
        </select>
        {manages && <Link className="btn" to="/workspace/calls" data-testid="calls-manage">{t('calls.manage')}</Link>}
      </div>
      <ErrorMessage error={res.error} onRetry={res.reload} />
      {res.loading && !res.data ? <Loading /> : null}
      {res.data?.items.length === 0 && <p className="muted">{t('calls.none')}</p>}
      <div className="card-list" data-testid="calls-list">{(res.data?.items ?? []).map((c) => <CallCard key={c.id} call={c} />)}</div>
    </section>
  );
}

/** The home page's block: the newest published calls. */
export function HomeCalls() {
  const { t } = useTranslation();
  const res = useAsync((signal) => data(http.GET('/api/calls', { params: { query: { pageSize: 3 } }, signal })), []);
  if (!res.data?.items.length) return null;
  return (
    <section aria-labelledby="home-calls" data-testid="home-calls">
      <h2 id="home-calls">{t('calls.homeTitle')}</h2>
      <div className="card-list">{res.data.items.map((c) => <CallCard key={c.id} call={c} />)}</div>
      <p><Link to="/calls" data-testid="home-calls-all">{t('calls.homeAll')}</Link></p>
    </section>
  );
}

/** What the bureau and enterprises run, and what a reviewer has to review. */
export function ManagedCallsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { me, hasRole } = useAuth();
  const manages = hasRole('BureauAnalyst', 'EnterpriseMember') || isAdmin(me);
  const managed = useAsync((signal) => data(http.GET('/api/calls/managed', { params: { query: { pageSize: 100 } }, signal })), [], manages);
  const reviews = useAsync((signal) => data(http.GET('/api/calls/reviewing', { signal })), [], hasRole('Reviewer'));
  return (
    <section className="page" aria-labelledby="managed-title" data-testid="managed-calls">
      <h1 id="managed-title">{t('calls.manage')}</h1>
      {manages && <p><Link className="btn btn-primary" to="/workspace/calls/new" data-testid="call-new">{t('calls.newCall')}</Link></p>}
      <ErrorMessage error={managed.error ?? reviews.error} />
      {manages && <div className="card-list" data-testid="managed-list">{(managed.data?.items ?? []).map((c) => <CallCard key={c.id} call={c} />)}</div>}
      {hasRole('Reviewer') && (
        <>
          <h2>{t('calls.myReviews')}</h2>
          <ul data-testid="my-reviews">
            {(reviews.data ?? []).map((r) => (
              <li key={r.callId}>
                <Link to={`/workspace/calls/${r.callId}/review`} data-testid="review-link">{r.title}</Link>{' '}
                <Badge tone={stateTone(r.state)}>{t(`calls.state.${r.state}`)}</Badge>{' '}
                {r.finishedAt ? t('calls.finished', { at: formatDateTime(r.finishedAt, lang) }) : `${t('calls.deadline')}: ${formatDateTime(r.deadline, lang)}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
