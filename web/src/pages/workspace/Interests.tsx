import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { useCapabilities } from '../../api/capabilities';
import { itemsOf, type ListingKind } from '../../api/endpoints';
import { Badge, ErrorMessage, Loading, Notice, NotAvailable } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import { useHubEvent } from '../../lib/realtime';

type Interest = {
  id: string; status?: string; message?: string | null; createdAt?: string; direction?: string;
  achievementId?: string; needId?: string; achievementTitle?: string; needTitle?: string;
  achievement?: { id: string; title: string } | null; need?: { id: string; title: string } | null;
  fromOrganisation?: { nameZh?: string; nameEn?: string } | null; toOrganisation?: { nameZh?: string; nameEn?: string } | null;
  version?: number;
  [key: string]: unknown;
};

/** "Express interest" on a listing or a proposal; hidden until the server offers /api/interests. */
export function InterestButton({ kind, listingId, matchId, small }: { kind: ListingKind; listingId: string; matchId?: string; small?: boolean }) {
  const { t } = useTranslation();
  const caps = useCapabilities();
  const [state, setState] = useState<'idle' | 'busy' | 'sent'>('idle');
  const [error, setError] = useState<unknown>(null);
  if (!caps.has('post', '/api/interests')) return null;
  const send = async () => {
    setState('busy');
    setError(null);
    try {
      await api('/api/interests', {
        method: 'POST',
        body: { [kind === 'achievements' ? 'achievementId' : 'needId']: listingId, matchId: matchId || undefined, message: null },
      });
      setState('sent');
    } catch (e) { setError(e); setState('idle'); }
  };
  return (
    <>
      {state === 'sent' ? <Badge tone="good" testId="interest-sent">{t('matches.interestSent')}</Badge> : (
        <button type="button" className={`btn ${small ? 'btn-small' : ''} btn-primary`} disabled={state === 'busy'} onClick={send} data-testid="express-interest">
          {t('matches.expressInterest')}
        </button>
      )}
      <ErrorMessage error={error} />
    </>
  );
}

/** Interests received and sent; accept or decline the received ones. */
export function InterestsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const caps = useCapabilities();
  const available = caps.has('get', '/api/interests');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const res = useAsync(() => api<{ items: Interest[] } | Interest[]>('/api/interests').then(itemsOf), [available], available);
  useHubEvent(['InterestExpressed', 'interestExpressed', 'InterestAnswered', 'notification', 'Notification'], () => res.reload());

  const decide = async (i: Interest, decision: 'accept' | 'decline') => {
    setError(null);
    try {
      await api(`/api/interests/${i.id}/${decision}`, { method: 'POST', body: { version: i.version } });
      setNotice(decision === 'accept' ? t('interests.accepted') : t('interests.declined'));
      res.reload();
    } catch (e) { setError(e); if ((e as { isStale?: boolean }).isStale) res.reload(); }
  };
  const title = (i: Interest) => i.achievement?.title ?? i.achievementTitle ?? i.need?.title ?? i.needTitle ?? '';
  const link = (i: Interest) => (i.achievement?.id ?? i.achievementId ? `/achievements/${i.achievement?.id ?? i.achievementId}` : i.need?.id ?? i.needId ? `/needs/${i.need?.id ?? i.needId}` : null);

  return (
    <section className="page" aria-labelledby="interests-title" data-testid="interests-page">
      <h1 id="interests-title">{t('interests.title')}</h1>
      {!caps.loaded ? <Loading /> : !available ? <NotAvailable what="/api/interests" testId="interests-not-available" /> : (
        <>
          {notice && <Notice kind="success">{notice}</Notice>}
          <ErrorMessage error={error ?? res.error} onRetry={res.reload} />
          {res.loading && !res.data ? <Loading /> : null}
          {res.data?.length === 0 && <p className="empty">{t('interests.none')}</p>}
          <ul className="card-list" data-testid="interests-list">
            {(res.data ?? []).map((i) => {
              const l = link(i);
              const status = i.status ?? 'Pending';
              const canDecide = status === 'Pending' && (i.direction ?? 'Received').toLowerCase() === 'received';
              return (
                <li key={i.id} className="card" data-testid="interest-item" data-status={status}>
                  <h3>{l ? <Link to={l}>{title(i)}</Link> : title(i)}</h3>
                  <p><Badge tone={status === 'Accepted' ? 'good' : status === 'Declined' ? 'bad' : 'warn'}>{t(`interests.${status.toLowerCase()}`, { defaultValue: status })}</Badge>
                    {i.direction && <> · {t(`interests.${i.direction.toLowerCase()}`, { defaultValue: i.direction })}</>}
                    {i.createdAt && <> · {formatDateTime(i.createdAt, lang)}</>}</p>
                  {i.message && <p>{i.message}</p>}
                  {canDecide && (
                    <div className="card-actions">
                      <button type="button" className="btn btn-small btn-primary" onClick={() => decide(i, 'accept')} data-testid="interest-accept">{t('interests.accept')}</button>
                      <button type="button" className="btn btn-small btn-ghost" onClick={() => decide(i, 'decline')} data-testid="interest-decline">{t('interests.decline')}</button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
