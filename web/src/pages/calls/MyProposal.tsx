import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { data, http } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/AuthContext';
import { Badge, ErrorMessage, Field, Notice } from '../../components/ui';
import { formatAmount, formatDateTime, formatNumber } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import type { CallView } from './CallPage';

type ProposalView = components['schemas']['ProposalView'];
type ProposalInput = components['schemas']['ProposalInput'];
type ConsentStatus = components['schemas']['ProposalConsent'];

export const consentTone = (s: ConsentStatus) => (s === 'Consented' ? 'good' : s === 'Refused' ? 'bad' : s === 'Pending' ? 'warn' : 'info');

/** The solver's own proposal (its consent, its result once the call closed, the author's edit before the deadline), or the form while the call is open. */
export function ProposalSection({ call, onSubmitted }: { call: CallView; onSubmitted: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const [editing, setEditing] = useState(false);
  const mine = useAsync(async (signal) => {
    try { return await data(http.GET('/api/calls/{id}/proposals/mine', { params: { path: { id: call.id } }, signal })); }
    catch (e) { if (e instanceof ApiError && e.status === 404) return null; throw e; }
  }, [call.id, call.version]);
  if (mine.data) {
    const p = mine.data;
    const beforeDeadline = call.state === 'Open' && new Date(call.deadline).getTime() > Date.now();
    const mayEdit = beforeDeadline && p.submittedBy === me?.id;
    if (editing && mayEdit) {
      return <ProposalForm callId={call.id} existing={p} onSaved={(saved) => { mine.setData(saved); setEditing(false); }} onCancel={() => setEditing(false)} />;
    }
    return (
      <section aria-labelledby="my-proposal" data-testid="my-proposal">
        <h2 id="my-proposal">{t('calls.myProposal')}</h2>
        <p className="muted">
          {t('calls.submittedAt', { at: formatDateTime(p.submittedAt, lang) })} · {t('calls.price')}:{' '}
          <span data-testid="my-proposal-price">{formatAmount(p.price, lang)}</span>
        </p>
        {call.requiresConsent && <ConsentState proposal={p} beforeDeadline={beforeDeadline} />}
        <p className="prose">{p.approach}</p>
        {p.rank == null ? (p.consent.reviewed ? <p className="muted">{t('calls.resultPending')}</p> : null) : (
          <p data-testid="my-result">{t('calls.rank')}: {p.rank} · {t('calls.finalScore')}: {formatNumber(p.finalScore, lang)}{p.winner ? ` · ${t('calls.won')}` : ''}</p>
        )}
        {p.remarks?.length ? <><h3>{t('calls.remarks')}</h3><ul data-testid="my-remarks">{p.remarks.map((r, i) => <li key={i}>{r}</li>)}</ul></> : null}
        {mayEdit && <p className="muted">{t('callConsent.editHint')}</p>}
        {mayEdit && <button type="button" className="btn" onClick={() => setEditing(true)} data-testid="proposal-edit">{t('callConsent.edit')}</button>}
      </section>
    );
  }
  if (!call.permissions.propose || mine.loading) return null;
  return <ProposalForm callId={call.id} onSaved={onSubmitted} />;
}

/** Where the organisation's consent stands, and what it means for the review. */
function ConsentState({ proposal: p, beforeDeadline }: { proposal: ProposalView; beforeDeadline: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const s = p.consent.status;
  return (
    <div data-testid="my-consent" data-status={s}>
      <p>
        <Badge tone={consentTone(s)} testId="my-consent-status" value={s}>{t(`callConsent.status.${s}`)}</Badge>
        {p.consent.decidedAt ? <small className="muted"> {t('callConsent.decidedAt', { at: formatDateTime(p.consent.decidedAt, lang) })}</small> : null}
      </p>
      {s === 'Pending' && (beforeDeadline
        ? <Notice kind="warning">{t('callConsent.pendingHint')}</Notice>
        : <Notice kind="warning" testId="my-consent-lapsed">{t('callConsent.lapsed')}</Notice>)}
      {s === 'Refused' && <Notice kind="warning" testId="my-consent-refused">{t('callConsent.refused', { reason: p.consent.reason ?? '' })}</Notice>}
    </div>
  );
}

/** A new proposal, or the author's edit of theirs (with the version read: a stale one answers 409). */
function ProposalForm({ callId, existing, onSaved, onCancel }: { callId: string; existing?: ProposalView; onSaved: (saved: ProposalView) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [approach, setApproach] = useState(existing?.approach ?? '');
  const [team, setTeam] = useState(existing?.team ?? '');
  const [price, setPrice] = useState(existing ? String(existing.price) : '');
  const [milestones, setMilestones] = useState(existing?.milestones.map((m) => ({ ...m })) ?? [{ title: '', month: 3 }]);
  const [achievementIds, setAchievementIds] = useState<string[]>(existing?.achievementIds ?? []);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mineAchievements = useAsync((signal) => data(http.GET('/api/achievements/mine', { params: { query: { PageSize: 100, status: 'Published' } }, signal })), []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body: ProposalInput = { approach, team, price: Number(price), milestones, achievementIds };
    try {
      onSaved(existing
        ? await data(http.PUT('/api/calls/{id}/proposals/mine', { params: { path: { id: callId } }, body: { proposal: body, version: existing.version } }))
        : await data(http.POST('/api/calls/{id}/proposals', { params: { path: { id: callId } }, body })));
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  const published = (mineAchievements.data?.items ?? []).filter((a) => a.status === 'Published');
  const title = existing ? t('callConsent.editTitle') : t('calls.propose');
  return (
    <form className="form" onSubmit={submit} aria-labelledby="propose-title" data-testid="proposal-form">
      <h2 id="propose-title">{title}</h2>
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
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="proposal-submit">{existing ? t('callConsent.save') : t('calls.propose')}</button>
      {onCancel && <button type="button" className="btn btn-ghost" onClick={onCancel}>{t('callConsent.cancel')}</button>}
    </form>
  );
}
