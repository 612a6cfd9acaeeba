import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { listings, type ListingKind } from '../../api/endpoints';
import { LISTING_STATUSES, type ListingStatus } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ListingCard, orgName } from '../../components/listing';
import { Badge, ErrorMessage, Loading, Notice, Pager } from '../../components/ui';
import { SavedSearches } from '../../components/SavedSearches';
import { useAsync, useLang } from '../../lib/hooks';

/** My organisation's achievements or needs, any status. */
export function MyListings({ kind }: { kind: ListingKind }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const flash = (useLocation().state as { notice?: string } | null)?.notice;
  const [status, setStatus] = useState<ListingStatus | ''>('');
  const [page, setPage] = useState(1);
  const res = useAsync((s) => listings.mine(kind, { status: status || undefined, Page: page, PageSize: 20, Sort: 'newest' }, s), [kind, status, page], !!me?.organisation);
  const title = kind === 'achievements' ? t('workspace.myAchievements') : t('workspace.myNeeds');

  return (
    <section className="page" aria-labelledby="mine-title" data-testid={`my-${kind}`}>
      <header className="page-header row">
        <div>
          <h1 id="mine-title">{title}</h1>
          {me?.organisation && <p className="muted">{orgName(me.organisation, lang)}</p>}
        </div>
        {me?.organisation && (
          <Link className="btn btn-primary" to={`/workspace/${kind}/new`} data-testid="new-listing">
            {kind === 'achievements' ? t('workspace.newAchievement') : t('workspace.newNeed')}
          </Link>
        )}
      </header>
      {flash && <Notice kind="success" testId="mine-notice">{flash}</Notice>}
      {!me?.organisation ? <Notice kind="warning" testId="no-organisation">{t('workspace.noOrganisation')}</Notice> : (
        <>
          {me.organisation.verification !== 'Verified' && <Notice kind="warning">{t('workspace.orgPending')}</Notice>}
          <div className="toolbar">
            <label>{t('workspace.statusFilter')}{' '}
              <select value={status} onChange={(e) => { setStatus(e.target.value as ListingStatus | ''); setPage(1); }} data-testid="mine-status-filter">
                <option value="">{t('common.all')}</option>
                {LISTING_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
              </select>
            </label>
          </div>
          {res.error ? <ErrorMessage error={res.error} onRetry={res.reload} /> : null}
          {res.loading && !res.data ? <Loading /> : null}
          {res.data && (res.data.items.length === 0 ? <p className="empty">{t('common.none')}</p> : (
            <div className="card-list" data-testid="mine-results">
              {res.data.items.map((item) => (
                <ListingCard key={item.id} kind={kind} item={item} to={`/workspace/${kind}/${item.id}/edit`}
                  actions={<>
                    {item.moderationReason && <Badge tone="bad" testId="moderated-badge">{t('moderation.ownerTitle')}</Badge>}
                    <Link className="btn btn-small" to={`/workspace/${kind}/${item.id}/edit`} data-testid="edit-listing">{t('common.edit')}</Link>
                    {item.status === 'Published' && <Link className="btn btn-small btn-ghost" to={`/${kind}/${item.id}`}>{t('common.view')}</Link>}
                    {item.status === 'Published' && <Link className="btn btn-small btn-ghost" to={`/workspace/${kind}/${item.id}/matches`} data-testid="listing-matches">{t('workspace.matches')}</Link>}
                  </>} />
              ))}
            </div>
          ))}
          {res.data && <Pager page={res.data.page} pageSize={res.data.pageSize} total={res.data.total} onPage={setPage} />}
        </>
      )}
      <SavedSearches />
    </section>
  );
}
