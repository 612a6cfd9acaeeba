import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { data, http } from '../../api/client';
import { ApiError } from '../../api/problem';
import { useAuth } from '../../auth/AuthContext';
import { deals, listings, type ListingKind } from '../../api/endpoints';
import { DISMISS_REASONS, type DismissReason, type MatchView } from '../../api/types';
import { MaturityBadge, orgName } from '../../components/listing';
import { Highlight, ScoreBar, ScoreExplanation } from '../../components/ScoreExplanation';
import { Badge, DateText, ErrorMessage, Loading, Notice } from '../../components/ui';
import { formatPercent } from '../../lib/format';
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
  const lang = useLang();
  const [localOnly, setLocalOnly] = useState(false);
  const [minScore, setMinScore] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const listing = useAsync((s) => listings.get(kind, id, s), [kind, id]);
  const matches = useAsync(
    () => listings.matches(kind, id, { top: 20, localOnly: localOnly || undefined, minScore: minScore ? Number(minScore) : undefined }),
    [kind, id, localOnly, minScore]);
  useLiveReload(MATCH_EVENTS, matches.reload, 15_000);
  const counterpart: ListingKind = kind === 'achievements' ? 'needs' : 'achievements';
  const shown = (matches.data ?? []).filter((m) => m.status !== 'Dismissed');
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
            {['0.1', '0.2', '0.3', '0.5'].map((v) => <option key={v} value={v}>{formatPercent(Number(v), lang, 0)}</option>)}
          </select>
        </label>
        <button type="button" className="btn btn-small btn-ghost" onClick={matches.reload}>{t('common.refresh')}</button>
      </div>
      {notice && <Notice kind="success">{notice}</Notice>}
      {matches.error ? <ErrorMessage error={matches.error} onRetry={matches.reload} /> : null}
      {matches.loading && !matches.data ? <Loading /> : null}
      {matches.data && shown.length === 0 && <p className="empty" data-testid="matches-empty">{t('matches.none')}</p>}
      <ol className="match-list" data-testid="matches-list">
        {shown.map((m) => (
          <MatchRow key={m.proposalId} m={m} counterpart={counterpart}
            isOwner={isOwner} onDismissed={() => { setNotice(t('matches.dismissed')); matches.reload(); }}
            onDeal={() => setNotice(t('matches.dealOpened'))} />
        ))}
      </ol>
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
  const terms = m.explanation?.matchedTerms ?? [];
  const canDismiss = isOwner;
  const canOpenDeal = hasRole('TechnologyManager');

  const dismiss = async () => {
    setError(null);
    try {
      await data(http.POST('/api/matches/{id}/dismiss', { params: { path: { id: m.proposalId } }, body: { reason, text: text.trim() || null } }));
      onDismissed();
    } catch (e) { setError(e); }
  };

  return (
    <li className="card match" data-testid="match-item" data-id={m.proposalId}>
      <div className="match-head">
        <span className="score" data-testid="match-score" aria-label={`${t('matches.score')} ${formatPercent(m.score, lang)}`}>{formatPercent(m.score, lang, 0)}</span>
        <div className="match-main">
          <h3><Link to={`/${counterpart}/${c.id}`}><Highlight text={c.title} terms={terms} /></Link></h3>
          <div className="badges">
            <Badge>{t(`field.${c.field}`, { defaultValue: c.field })}</Badge>
            <MaturityBadge trl={c.trl} stage={null} />
            {c.isLocal && <Badge tone="good" testId="match-local">{t('matches.local')}</Badge>}
            {m.status === 'Interest' && <Badge tone="info">{t('matches.interestSent')}</Badge>}
          </div>
          <ScoreBar explanation={m.explanation} />
          <p className="muted small">
            {c.organisation ? `${orgName(c.organisation, lang)} · ${regionLabel(c.organisation, lang)}` : t('common.hidden')}
            {' · '}<DateText value={m.proposedAt} />
          </p>
        </div>
      </div>
      <div className="card-actions">
        <button type="button" className="btn btn-small btn-ghost" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="match-explain">{t('matches.explanation')}</button>
        {isOwner && m.status !== 'Interest' && <InterestButton kind={counterpart} listingId={c.id} proposalId={m.proposalId} small />}
        {canOpenDeal && (dealOpened
          ? <Badge tone="good" testId="match-deal-opened">{t('matches.dealOpened')}</Badge>
          : <button type="button" className="btn btn-small btn-primary" onClick={openDeal} data-testid="match-open-deal">{t('matches.openDeal')}</button>)}
        {canDismiss && <button type="button" className="btn btn-small btn-ghost" aria-expanded={dismissing} onClick={() => setDismissing((d) => !d)} data-testid="match-dismiss">{t('matches.dismiss')}</button>}
      </div>
      <ErrorMessage error={dealError} />
      {open && <ScoreExplanation score={m.score} explanation={m.explanation} />}
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
