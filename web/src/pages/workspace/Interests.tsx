import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { data, http } from '../../api/client';
import { deals, listings, type ListingKind } from '../../api/endpoints';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { DECLINE_REASONS, type DeclineReason, type Interest } from '../../api/types';
import { AmountRange, Badge, ErrorMessage, Field, Loading, Notice } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import { useAuth } from '../../auth/AuthContext';
import { useLiveReload } from '../../lib/realtime';
import { regionLabel } from '../../lib/region';

/** Hub methods after which the interests are read again. */
export const INTEREST_EVENTS = ['Notification', 'InterestExpressed', 'InterestDecided'];

/** "Express interest" on a listing or a proposal, with the required message. */
export function InterestButton({ kind, listingId, proposalId, small }: { kind: ListingKind; listingId: string; proposalId?: string; small?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [state, setState] = useState<'idle' | 'busy' | 'sent'>('idle');
  const [error, setError] = useState<unknown>(null);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setState('busy');
    setError(null);
    try {
      const target = proposalId ? { proposalId } : kind === 'achievements' ? { achievementId: listingId } : { needId: listingId };
      await data(http.POST('/api/interests', { body: { ...target, message: message.trim() || t('interests.defaultMessage') } }));
      setState('sent');
      setOpen(false);
    } catch (err) { setError(err); setState('idle'); }
  };
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  if (state === 'sent') return <Badge tone="good" testId="interest-sent">{t('matches.interestSent')}</Badge>;
  return (
    <>
      <button type="button" className={`btn ${small ? 'btn-small' : ''} btn-primary`} aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="express-interest">
        {t('matches.expressInterest')}
      </button>
      {open && (
        <form className="inline-form interest-form" onSubmit={send} data-testid="interest-form">
          <Field label={t('interests.message')} name="message" errors={fe}>
            {(p) => <textarea {...p} rows={2} value={message} placeholder={t('interests.defaultMessage')} onChange={(e) => setMessage(e.target.value)} data-testid="interest-message" />}
          </Field>
          <button type="submit" className="btn btn-small btn-primary" disabled={state === 'busy'} data-testid="interest-submit">{t('interests.send')}</button>
        </form>
      )}
      <ErrorMessage error={error} />
    </>
  );
}

/** Interests received and sent; accept or decline the received ones; read the other side's details after consent. */
export function InterestsPage() {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<'received' | 'sent'>('received');
  const [notice, setNotice] = useState<string | null>(null);
  const res = useAsync(async () => (await data(http.GET('/api/interests', { params: { query: { direction, pageSize: 50 } } }))).items, [direction]);
  useLiveReload(INTEREST_EVENTS, res.reload, 15_000);

  return (
    <section className="page" aria-labelledby="interests-title" data-testid="interests-page">
      <h1 id="interests-title">{t('interests.title')}</h1>
      <div className="tabs" role="tablist" aria-label={t('interests.title')}>
        {(['received', 'sent'] as const).map((d) => (
          <button key={d} type="button" role="tab" aria-selected={direction === d} className={direction === d ? 'active' : ''} onClick={() => setDirection(d)} data-testid={`interests-tab-${d}`}>
            {t(`interests.${d}`)}
          </button>
        ))}
      </div>
      {notice && <Notice kind="success" testId="interests-notice">{notice}</Notice>}
      <ErrorMessage error={res.error} onRetry={res.reload} />
      {res.loading && !res.data ? <Loading /> : null}
      {res.data?.length === 0 && <InterestsEmpty />}
      <ul className="card-list" data-testid="interests-list">
        {(res.data ?? []).map((i) => <InterestCard key={i.id} interest={i} onChanged={(msg) => { setNotice(msg); res.reload(); }} />)}
      </ul>
    </section>
  );
}

/** No interests yet: where they come from, with the way there for the person's side. */
function InterestsEmpty() {
  const { t } = useTranslation();
  const { hasRole } = useAuth();
  const institution = hasRole('InstitutionMember');
  return (
    <div className="empty" data-testid="interests-empty">
      <p>{t('interests.none')} {t('guide.interestsNext')}</p>
      <p className="actions">
        <Link className="btn" to={institution ? '/needs' : '/achievements'} data-testid="interests-empty-catalogue">
          {t(institution ? 'guide.interestsInstitution' : 'guide.interestsEnterprise')}
        </Link>
        <Link className="btn btn-ghost" to={institution ? '/workspace/achievements' : '/workspace/needs'} data-testid="interests-empty-proposals">{t('guide.interestsProposals')}</Link>
      </p>
    </div>
  );
}

type Revealed = components['schemas']['RevealedDetails'];

function InterestCard({ interest: i, onChanged }: { interest: Interest; onChanged: (notice: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const kind: ListingKind = i.achievementId ? 'achievements' : 'needs';
  const listingId = i.achievementId ?? i.needId;
  const listing = useAsync((s) => listings.get(kind, listingId!, s), [kind, listingId], !!listingId);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState<DeclineReason>(DECLINE_REASONS[0]);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const other = i.direction === 'sent' ? i.to : i.from;
  const [dealState, setDealState] = useState<'idle' | 'busy' | 'opened'>('idle');
  const [dealId, setDealId] = useState<string | null>(null);
  const openDeal = async () => {
    setError(null);
    setDealState('busy');
    try {
      const opened = await deals.open({ interestId: i.id, proposalId: null, managerUserId: null, title: listing.data?.title ?? null, note: null });
      setDealId(opened.id);
      setDealState('opened');
    } catch (e) {
      setDealState(e instanceof ApiError && e.code === 'deal_exists' ? 'opened' : 'idle');
      if (!(e instanceof ApiError && e.code === 'deal_exists')) setError(e);
    }
  };

  const decide = async (accept: boolean) => {
    setError(null);
    try {
      const path = { params: { path: { id: i.id } } };
      await data(accept
        ? http.POST('/api/interests/{id}/accept', { ...path, body: { version: i.version } })
        : http.POST('/api/interests/{id}/decline', { ...path, body: { reason, text: text.trim() || null, version: i.version } }));
      onChanged(accept ? t('interests.accepted') : t('interests.declined'));
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.isStale) onChanged(t('errors.stale'));
    }
  };
  const reveal = async () => {
    setError(null);
    try { setRevealed(await data(http.POST('/api/interests/{id}/reveal', { params: { path: { id: i.id } } }))); } catch (e) { setError(e); }
  };
  const tone = i.status === 'Accepted' ? 'good' : i.status === 'Declined' ? 'bad' : 'warn';

  return (
    <li className="card" data-testid="interest-item" data-id={i.id} data-status={i.status}>
      <h3>{listingId ? <Link to={`/${kind}/${listingId}`}>{listing.data?.title ?? '…'}</Link> : '—'}</h3>
      <p className="badges">
        <Badge tone={tone} testId="interest-status">{t(`interests.${i.status.toLowerCase()}`, { defaultValue: i.status })}</Badge>
        <Badge>{kind === 'achievements' ? t('nav.achievements') : t('nav.needs')}</Badge>
      </p>
      <p className="muted small">
        {i.direction === 'sent' ? t('interests.to') : t('interests.from')}: {other.hidden ? t('common.hidden') : other.name}
        {' · '}{formatDateTime(i.createdAt, lang)}
      </p>
      {i.message && <blockquote className="message">{i.message}</blockquote>}
      {i.status === 'Declined' && i.declineReason && <p className="muted small">{t(`interests.reason.${i.declineReason}`, { defaultValue: i.declineReason })}{i.declineText ? ` — ${i.declineText}` : ''}</p>}
      <div className="card-actions">
        {i.status === 'Pending' && i.direction === 'received' && (
          <>
            <button type="button" className="btn btn-small btn-primary" onClick={() => decide(true)} data-testid="interest-accept">{t('interests.accept')}</button>
            <button type="button" className="btn btn-small btn-ghost" aria-expanded={declining} onClick={() => setDeclining((d) => !d)} data-testid="interest-decline">{t('interests.decline')}</button>
          </>
        )}
        {i.status === 'Accepted' && dealState !== 'opened' && (
          <button type="button" className="btn btn-small btn-primary" disabled={dealState === 'busy'} onClick={openDeal} data-testid="interest-open-deal">{t('interests.openDeal')}</button>
        )}
        {dealState === 'opened' && <Badge tone="good" testId="interest-deal-opened">{t('interests.dealOpened')}</Badge>}
        {dealState === 'opened' && dealId && <Link to={`/workspace/deal/${dealId}`} className="btn btn-small btn-ghost" data-testid="interest-deal-link">{t('interests.viewDeal')}</Link>}
        {i.status === 'Accepted' && !revealed && (
          <button type="button" className="btn btn-small" onClick={reveal} data-testid="interest-reveal">{t('interests.reveal')}</button>
        )}
      </div>
      {declining && (
        <div className="inline-form" data-testid="decline-form">
          <label>{t('interests.declineReason')}{' '}
            <select value={reason} onChange={(e) => setReason(e.target.value as DeclineReason)} data-testid="decline-reason">
              {DECLINE_REASONS.map((r) => <option key={r} value={r}>{t(`interests.reason.${r}`)}</option>)}
            </select>
          </label>
          <label>{t('matches.dismissText')}{' '}<input value={text} onChange={(e) => setText(e.target.value)} /></label>
          <button type="button" className="btn btn-small btn-danger" onClick={() => decide(false)} data-testid="decline-confirm">{t('interests.decline')}</button>
        </div>
      )}
      {revealed && (
        <dl className="meta revealed" data-testid="interest-revealed">
          <dt>{t('listing.organisation')}</dt><dd>{lang === 'en' ? revealed.nameEn || revealed.nameZh : revealed.nameZh} · {regionLabel(revealed, lang)}</dd>
          {revealed.contacts.map((c, k) => <div key={k} className="contents"><dt>{t('interests.contact')}</dt><dd>{c.displayName}{c.email ? ` · ${c.email}` : ''}{c.phone ? ` · ${c.phone}` : ''}</dd></div>)}
          {(revealed.priceMin ?? revealed.priceMax) !== null && <><dt>{t('listing.price')}</dt><dd><AmountRange min={revealed.priceMin} max={revealed.priceMax} /></dd></>}
          {(revealed.budgetMin ?? revealed.budgetMax) !== null && <><dt>{t('listing.budget')}</dt><dd><AmountRange min={revealed.budgetMin} max={revealed.budgetMax} /></dd></>}
          {revealed.ipNumber && <><dt>{t('listing.ipNumber')}</dt><dd>{revealed.ipNumber}</dd></>}
        </dl>
      )}
      <ErrorMessage error={error} />
    </li>
  );
}
