import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { data, http } from '../../api/client';
import { ApiError } from '../../api/problem';
import { ErrorMessage, Field, Notice } from '../../components/ui';
import { formatAmount, formatNumber } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import type { CallView } from './CallPage';

const byId = (id: string) => ({ params: { path: { id } } });

/** What the bureau or the calling enterprise does on the call page: publish, screen, return, extend, reviewers, close, ranking. */
export function BureauTools({ call, onChanged, reload }: { call: CallView; onChanged: (c: CallView) => void; reload: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [deadline, setDeadline] = useState('');
  const run = async (action: () => Promise<CallView>) => {
    setBusy(true);
    setError(null);
    try { onChanged(await action()); setReason(''); } catch (err) { setError(err); } finally { setBusy(false); }
  };
  const p = call.permissions;
  const owner = p.manage && !p.screen;
  const canExtend = call.state === 'Open' && (p.screen || owner || p.manage);
  if (!p.manage && !p.screen && !canExtend) return null;
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  const version = call.version;
  return (
    <section aria-labelledby="tools-title" className="panel" data-testid="call-tools">
      <h2 id="tools-title">{t('calls.manage')}</h2>
      <ErrorMessage error={error} />
      {call.proposalCount > 0 && call.state === 'Open' && <Notice>{t('calls.locked')}</Notice>}
      <div className="actions">
        {p.manage && call.proposalCount === 0 && (call.state === 'Draft' || p.screen) && (
          <Link className="btn" to={`/workspace/calls/${call.id}/edit`} data-testid="call-edit">{t('calls.edit')}</Link>
        )}
        {call.state === 'Draft' && (
          <button type="button" className="btn btn-primary" disabled={busy} data-testid="call-publish"
            onClick={() => run(() => data(http.POST('/api/calls/{id}/publish', { ...byId(call.id), body: { version } })))}>
            {p.screen ? t('calls.publish') : t('calls.submitForApproval')}
          </button>
        )}
        {call.state === 'PendingApproval' && p.screen && (
          <button type="button" className="btn btn-primary" disabled={busy} data-testid="call-approve"
            onClick={() => run(() => data(http.POST('/api/calls/{id}/publish', { ...byId(call.id), body: { version } })))}>{t('calls.approve')}</button>
        )}
        {call.state === 'Open' && p.screen && (
          <button type="button" className="btn" disabled={busy} data-testid="call-close"
            onClick={() => run(() => data(http.POST('/api/calls/{id}/close', { ...byId(call.id), body: { version } })))}>{t('calls.close')}</button>
        )}
      </div>
      {p.screen && (call.state === 'Draft' || call.state === 'PendingApproval') && (
        <ul className="screening" data-testid="call-screening">
          {call.needs.filter((n) => n.status === 'Proposed').map((n) => (
            <li key={n.needId}>
              {n.title}{' '}
              <button type="button" className="btn btn-small" disabled={busy} data-testid="need-accept"
                onClick={() => run(() => data(http.POST('/api/calls/{id}/needs/{needId}/screening', { params: { path: { id: call.id, needId: n.needId } }, body: { accept: true, version } })))}>
                {t('calls.accept')}
              </button>
              <button type="button" className="btn btn-small" disabled={busy || !reason.trim()} data-testid="need-return"
                onClick={() => run(() => data(http.POST('/api/calls/{id}/needs/{needId}/screening', { params: { path: { id: call.id, needId: n.needId } }, body: { accept: false, reason, version } })))}>
                {t('calls.returnNeed')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {(p.screen && call.state === 'PendingApproval') || (p.screen && call.needs.some((n) => n.status === 'Proposed')) ? (
        <Field label={t('calls.returnReason')} name="reason" errors={fe}>{(f) => <input {...f} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="call-reason" />}</Field>
      ) : null}
      {p.screen && call.state === 'PendingApproval' && (
        <button type="button" className="btn" disabled={busy || !reason.trim()} data-testid="call-return"
          onClick={() => run(() => data(http.POST('/api/calls/{id}/return', { ...byId(call.id), body: { reason, version } })))}>{t('calls.returnCall')}</button>
      )}
      {canExtend && (
        <form className="inline-form" data-testid="call-extend" onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void run(() => data(http.POST('/api/calls/{id}/deadline', { ...byId(call.id), body: { deadline: new Date(deadline).toISOString(), reason, version } })));
        }}>
          <Field label={t('calls.newDeadline')} name="deadline" errors={fe}>{(f) => <input {...f} type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} data-testid="extend-deadline" />}</Field>
          <Field label={t('calls.extendReason')} name="reason" errors={fe}>{(f) => <input {...f} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="extend-reason" />}</Field>
          <button type="submit" className="btn btn-small" disabled={busy || !deadline}>{t('calls.extend')}</button>
        </form>
      )}
      {p.screen && !['Draft', 'Closed', 'Unanswered'].includes(call.state) && <Reviewers call={call} onChanged={onChanged} />}
      {p.screen && call.proposalCount > 0 && <Proposals call={call} />}
      {call.state === 'Closed' && (p.screen || owner) ? <Ranking callId={call.id} /> : null}
      <button type="button" className="btn btn-ghost btn-small" onClick={reload}>{t('common.retry')}</button>
    </section>
  );
}

/** Grant the Reviewer capability by e-mail and assign reviewers to the call. */
function Reviewers({ call, onChanged }: { call: CallView; onChanged: (c: CallView) => void }) {
  const { t } = useTranslation();
  const list = useAsync((signal) => data(http.GET('/api/reviewers', { signal })), []);
  const [email, setEmail] = useState('');
  const [chosen, setChosen] = useState('');
  const [assigned, setAssigned] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const grant = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try { await data(http.POST('/api/reviewers', { body: { email } })); setEmail(''); list.reload(); } catch (err) { setError(err); }
  };
  const assign = async () => {
    setError(null);
    setAssigned(false);
    try {
      onChanged(await data(http.POST('/api/calls/{id}/reviewers', { ...byId(call.id), body: { userId: chosen, version: call.version } })));
      setAssigned(true);
    } catch (err) { setError(err); }
  };
  return (
    <div data-testid="call-reviewers">
      <h3>{t('calls.reviewers')}</h3>
      <ErrorMessage error={error} />
      {assigned && <Notice kind="success" testId="reviewer-assigned">{t('calls.saved')}</Notice>}
      <form className="inline-form" onSubmit={grant}>
        <label htmlFor="reviewer-email">{t('calls.grantReviewer')}</label>
        <input id="reviewer-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="reviewer-email" />
        <button type="submit" className="btn btn-small" data-testid="reviewer-grant">{t('calls.grant')}</button>
      </form>
      <label htmlFor="reviewer-choice">{t('calls.chooseReviewer')}</label>
      <select id="reviewer-choice" value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="reviewer-choice">
        <option value="" />
        {(list.data ?? []).map((r) => <option key={r.userId} value={r.userId}>{r.displayName} ({r.email})</option>)}
      </select>
      <button type="button" className="btn btn-small" disabled={!chosen} onClick={assign} data-testid="reviewer-assign">{t('calls.assign')}</button>
    </div>
  );
}

function Proposals({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const res = useAsync((signal) => data(http.GET('/api/calls/{id}/proposals', { ...byId(call.id), signal })), [call.id, call.version]);
  return (
    <div data-testid="call-proposal-list">
      <h3>{t('calls.allProposals')}</h3>
      <ul>{(res.data ?? []).map((p) => <li key={p.id}>{p.organisation.name} · {t('calls.price')}: {formatAmount(p.price, lang)}</li>)}</ul>
    </div>
  );
}

/** The closed call's ranking with each reviewer's weighted score. */
export function Ranking({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const res = useAsync((signal) => data(http.GET('/api/calls/{id}/ranking', { ...byId(callId), signal })), [callId]);
  return (
    <div data-testid="call-ranking">
      <h3>{t('calls.ranking')}</h3>
      <ErrorMessage error={res.error} />
      <table className="table">
        <thead><tr><th>{t('calls.rank')}</th><th>{t('calls.winner')}</th><th>{t('calls.finalScore')}</th><th>{t('calls.price')}</th><th>{t('calls.othersScores')}</th></tr></thead>
        <tbody>
          {(res.data?.proposals ?? []).map((p) => (
            <tr key={p.proposalId} data-testid="ranking-row">
              <td>{p.rank}</td><td>{p.organisation.name}{p.winner ? ' ★' : ''}</td><td>{formatNumber(p.finalScore, lang)}</td>
              <td>{formatAmount(p.price, lang)}</td><td>{p.scores.map((s) => formatNumber(s.weighted, lang)).join(' / ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
