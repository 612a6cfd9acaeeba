import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { data, http } from '../../api/client';
import { ApiError } from '../../api/problem';
import { useAuth } from '../../auth/AuthContext';
import { deals, listings, type ListingKind } from '../../api/endpoints';
import { DISMISS_REASONS, type DismissReason, type MatchView } from '../../api/types';
import { MaturityBadge, orgName } from '../../components/listing';
import { Highlight, ReasonSentence, ScoreBar, ScoreExplanation, ScoreLegend } from '../../components/ScoreExplanation';
import { AmountRange, Badge, DateText, ErrorMessage, Loading, Notice } from '../../components/ui';
import { DismissalFeedbackPanel } from './DismissalFeedback';
import { ValidationSuggestions } from './ValidationSuggestions';
import { useAsync, useLang } from '../../lib/hooks';
import { useLiveReload } from '../../lib/realtime';
import { InterestButton } from './Interests';
import { regionLabel } from '../../lib/region';

/** Hub methods after which the proposals are read again. */
export const MATCH_EVENTS = ['Notification', 'MatchProposed', 'ProposalsChanged'];

/** Proposals for one of my listings, each with its explanation. */
export function MatchesPage({ kind }: { kind: ListingKind }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [localOnly, setLocalOnly] = useState(false);
  const [minScore, setMinScore] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const listing = useAsync((s) => listings.get(kind, id, s), [kind, id]);
  const matches = useAsync(
    () => listings.matches(kind, id, { top: 20, localOnly: localOnly || undefined, minScore: minScore ? Number(minScore) : undefined }),
    [kind, id, localOnly, minScore]);
  useLiveReload(MATCH_EVENTS, matches.reload, 15_000);
  const counterpart: ListingKind = kind === 'achievements' ? 'needs' : 'achievements';
  const live = (matches.data ?? []).filter((m) => m.status !== 'Dismissed');
  // The weak tail (below the display floor) waits behind "show more".
  const [showWeak, setShowWeak] = useState(false);
  const weak = live.filter((m) => m.belowFloor);
  const shown = showWeak ? live : live.filter((m) => !m.belowFloor);
  const { me } = useAuth();
  const isOwner = !!me?.organisation && listing.data?.organisation?.id === me.organisation.id;

  return (
    <section className="page" aria-labelledby="matches-title" data-testid="matches-page">
      <nav className="breadcrumb">
        {isOwner
          ? <Link to={`/workspace/${kind}`}>{kind === 'achievements' ? t('workspace.myAchievements') : t('workspace.myNeeds')}</Link>
          : <Link to={`/${kind}/${id}`}>{listing.data?.title ?? t('common.back')}</Link>}
      </nav>
      <h1 id="matches-title">{t('matches.title', { title: listing.data?.title ?? '' })}</h1>
      <div className="toolbar">
        <label className="switch">
          <input type="checkbox" role="switch" checked={localOnly} onChange={(e) => setLocalOnly(e.target.checked)} data-testid="matches-local-only" />
          {t('matches.localOnly')}
        </label>
        <label>{t('matches.minScore')}{' '}
          <select value={minScore} onChange={(e) => setMinScore(e.target.value)} data-testid="matches-min-score">
            <option value="">{t('common.any')}</option>
            {['0.1', '0.2', '0.3', '0.5'].map((v) => <option key={v} value={v}>{t('proposals.atLeast', { points: Math.round(Number(v) * 100) })}</option>)}
          </select>
        </label>
        <button type="button" className="btn btn-small btn-ghost" onClick={matches.reload}>{t('common.refresh')}</button>
      </div>
      {notice && <Notice kind="success">{notice}</Notice>}
      {matches.error ? <ErrorMessage error={matches.error} onRetry={matches.reload} /> : null}
      {matches.loading && !matches.data ? <Loading /> : null}
      {isOwner && <DismissalFeedbackPanel kind={kind} id={id} />}
      {isOwner && matches.data && listing.data && (
        <ValidationSuggestions matches={matches.data}
          needTrl={(m) => (kind === 'needs' ? (listing.data as { requiredTrl?: number | null }).requiredTrl : m.counterpart.trl)}
          achievementTrl={(m) => (kind === 'achievements' ? (listing.data as { trl?: number | null }).trl : m.counterpart.trl)} />
      )}
      {live.length > 0 && <ScoreLegend parts={live[0].parts} />}
      {matches.data && live.length === 0 && <p className="empty" data-testid="matches-empty">{t('matches.none')}</p>}
      {matches.data && live.length > 0 && shown.length === 0 && <p className="empty" data-testid="matches-only-weak">{t('proposals.onlyWeak')}</p>}
      <ol className="match-list" data-testid="matches-list">
        {shown.map((m) => (
          <MatchRow key={m.proposalId} m={m} counterpart={counterpart}
            isOwner={isOwner} onDismissed={() => { setNotice(t('matches.dismissed')); matches.reload(); }}
            onDeal={() => { setNotice(t('matches.dealOpened')); matches.reload(); }} />
        ))}
      </ol>
      {weak.length > 0 && (
        <p className="show-more">
          <button type="button" className="btn btn-ghost" aria-expanded={showWeak} onClick={() => setShowWeak((v) => !v)} data-testid="matches-show-more">
            {showWeak ? t('proposals.showLess') : t('proposals.showMore', { count: weak.length })}
          </button>
          {!showWeak && <span className="muted small"> {t('proposals.weakNote')}</span>}
        </p>
      )}
    </section>
  );
}

export function MatchRow({ m, counterpart, isOwner, onDismissed, onDeal }: { m: MatchView; counterpart: ListingKind; isOwner: boolean; onDismissed: () => void; onDeal: () => void }) {
  const { hasRole } = useAuth();
  const [dealError, setDealError] = useState<unknown>(null);
  const [dealOpened, setDealOpened] = useState(false);
  const openDeal = async () => {
    setDealError(null);
    try {
      await deals.open({ interestId: null, proposalId: m.proposalId, managerUserId: null, title: null, note: null });
      setDealOpened(true);
      onDeal();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'deal_exists') setDealOpened(true); else setDealError(e);
    }
  };
  const { t } = useTranslation();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState<DismissReason>(DISMISS_REASONS[0]);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const c = m.counterpart;
  const terms = m.reason.keyTerms;
  // a pair a deal is open on is brokered there: no second deal, interest or dismissal from here
  const deal = m.deal ?? null;
  const canDismiss = isOwner && !deal;
  const canOpenDeal = hasRole('TechnologyManager') && !deal;

  const dismiss = async () => {
    setError(null);
    try {
      await data(http.POST('/api/matches/{id}/dismiss', { params: { path: { id: m.proposalId } }, body: { reason, text: text.trim() || null } }));
      onDismissed();
    } catch (e) { setError(e); }
  };

  return (
    <li className={`card match${m.belowFloor ? ' weak' : ''}`} data-testid="match-item" data-id={m.proposalId} data-weak={m.belowFloor}>
      <div className="match-head">
        <span className="score" data-testid="match-score" data-points={m.points} aria-label={`${t('matches.score')} ${t('proposals.pointsOf', { points: m.points, max: 100 })}`}>
          {m.points}<small>{t('proposals.pointsUnit')}</small></span>
        <div className="match-main">
          <h3><Link to={`/${counterpart}/${c.id}`}><Highlight text={c.title} terms={terms} /></Link></h3>
          <div className="badges">
            <Badge>{t(`field.${c.field}`, { defaultValue: c.field })}</Badge>
            <MaturityBadge trl={c.trl} stage={null} />
            {c.isLocal && <Badge tone="good" testId="match-local">{t('matches.local')}</Badge>}
            {m.status === 'Interest' && <Badge tone="info">{t('matches.interestSent')}</Badge>}
            {deal && <Badge tone="good" testId="match-deal">{t('matches.dealUnderway', { stage: t(`deals.stage.${deal.stage}`) })}</Badge>}
          </div>
          <ReasonSentence reason={m.reason} field={c.field} />
          <ScoreBar parts={m.parts} />
          <dl className="meta match-meta">
            <dt>{c.kind === 'Need' ? t('listing.budget') : t('listing.price')}</dt>
            <dd data-testid="match-amount">{c.detailsHidden ? t('common.hidden') : <AmountRange min={c.amountMin} max={c.amountMax} />}</dd>
            <dt>{t('proposals.region')}</dt>
            <dd data-testid="match-region">{c.organisation ? `${orgName(c.organisation, lang)} · ${regionLabel(c.organisation, lang)}` : t('common.hidden')}</dd>
            <dt>{t('proposals.proposedAt')}</dt><dd><DateText value={m.proposedAt} /></dd>
          </dl>
        </div>
      </div>
      <div className="card-actions">
        <button type="button" className="btn btn-small btn-ghost" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="match-explain">{t('matches.explanation')}</button>
        {deal?.id && <Link to={`/workspace/deal/${deal.id}`} className="btn btn-small btn-ghost" data-testid="match-deal-link">{t('matches.viewDeal')}</Link>}
        {isOwner && !deal && m.status !== 'Interest' && <InterestButton kind={counterpart} listingId={c.id} proposalId={m.proposalId} small />}
        {canOpenDeal && (dealOpened
          ? <Badge tone="good" testId="match-deal-opened">{t('matches.dealOpened')}</Badge>
          : <button type="button" className="btn btn-small btn-primary" onClick={openDeal} data-testid="match-open-deal">{t('matches.openDeal')}</button>)}
        {canDismiss && <button type="button" className="btn btn-small btn-ghost" aria-expanded={dismissing} onClick={() => setDismissing((d) => !d)} data-testid="match-dismiss">{t('matches.dismiss')}</button>}
      </div>
      <ErrorMessage error={dealError} />
      {open && <ScoreExplanation points={m.points} parts={m.parts} explanation={m.explanation} keyTerms={m.reason.keyTerms} />}
      {dismissing && (
        <div className="inline-form" data-testid="dismiss-form">
          <label>{t('matches.dismissReason')}{' '}
            <select value={reason} onChange={(e) => setReason(e.target.value as DismissReason)} data-testid="dismiss-reason">
              {DISMISS_REASONS.map((r) => <option key={r} value={r}>{t(`matches.reason.${r}`)}</option>)}
            </select>
          </label>
          <label>{t('matches.dismissText')}{' '}<input value={text} onChange={(e) => setText(e.target.value)} data-testid="dismiss-text" /></label>
          <button type="button" className="btn btn-small btn-danger" onClick={dismiss} data-testid="dismiss-confirm">{t('matches.dismiss')}</button>
          <ErrorMessage error={error} />
        </div>
      )}
    </li>
  );
}
