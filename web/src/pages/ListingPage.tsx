import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { listings, type ListingKind } from '../api/endpoints';
import { useAuth } from '../auth/AuthContext';
import { isAchievement, MaturityBadge, orgName, StatusBadge } from '../components/listing';
import { AmountRange, Badge, DateText, ErrorMessage, Loading, Notice } from '../components/ui';
import { useAsync, useLang } from '../lib/hooks';
import { joinList } from '../lib/format';
import { InterestButton } from './workspace/Interests';
import { regionLabel } from '../lib/region';
import { ModerationNotice, UnpublishAction } from './admin/Unpublish';

/** A record's public page. */
export function ListingPage({ kind }: { kind: ListingKind }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const { me, hasRole } = useAuth();
  const location = useLocation();
  const { data: item, error, loading, reload } = useAsync((s) => listings.get(kind, id, s), [kind, id]);

  if (loading && !item) return <div className="page"><Loading /></div>;
  if (error) return <div className="page"><ErrorMessage error={error} onRetry={reload} /><Link to={`/${kind}`}>{t('common.back')}</Link></div>;
  if (!item) return null;
  const mine = !!me?.organisation && item.organisation?.id === me.organisation.id;
  const editTo = `/workspace/${kind}/${item.id}/edit`;

  return (
    <article className="page record" aria-labelledby="record-title" data-testid="record-page">
      <nav className="breadcrumb"><Link to={`/${kind}`}>{kind === 'achievements' ? t('nav.achievements') : t('nav.needs')}</Link></nav>
      <header className="page-header">
        <h1 id="record-title" data-testid="record-title">{item.title}</h1>
        <div className="badges">
          <Badge>{t(`field.${item.field}`)}</Badge>
          {isAchievement(item) ? <MaturityBadge trl={item.trl} stage={item.maturityStage} /> : <MaturityBadge trl={item.requiredTrl} stage={item.requiredMaturityStage} />}
          <StatusBadge status={item.status} />
        </div>
        {item.organisation && <p className="muted">{orgName(item.organisation, lang)} · {regionLabel(item.organisation, lang)}</p>}
        {mine && (
          <div className="actions">
            <Link className="btn" to={editTo} data-testid="record-edit">{t('common.edit')}</Link>
            <Link className="btn btn-ghost" to={`/workspace/${kind}/${item.id}/matches`}>{t('workspace.matches')}</Link>
          </div>
        )}
        {!mine && me && hasRole('InstitutionMember', 'EnterpriseMember') && <InterestButton kind={kind} listingId={item.id} />}
        {!me && item.status === 'Published' && (
          <p className="actions" data-testid="record-sign-in">
            {t('guide.signInToInterest')}{' '}
            <Link className="btn btn-primary" to="/login" state={{ from: location.pathname }} data-testid="record-sign-in-link">{t('guide.signIn')}</Link>
          </p>
        )}
        {hasRole('Administrator') && item.status === 'Published' && (
          <div className="actions"><UnpublishAction kind={kind} id={item.id} version={item.version} onDone={reload} /></div>
        )}
        {!mine && hasRole('TechnologyManager', 'BureauAnalyst') && item.status === 'Published' && (
          <div className="actions"><Link className="btn" to={`/workspace/${kind}/${item.id}/matches`} data-testid="record-matches">{t('workspace.matches')}</Link></div>
        )}
      </header>
      <ModerationNotice reason={item.moderationReason} at={item.moderatedAt} />
      {item.detailsHidden && <Notice>{t('listing.detailsHidden')}</Notice>}
      <div className="record-grid">
        <div className="record-body">
          {isAchievement(item) ? (
            <>
              <Section title={t('listing.summary')} text={item.summary} />
              <Section title={t('listing.problemSolved')} text={item.problemSolved} />
              <Section title={t('listing.advantages')} text={item.advantages} />
            </>
          ) : (
            <>
              <Section title={t('listing.background')} text={item.background} />
              {item.indicators.length > 0 && (
                <section>
                  <h2>{t('listing.indicators')}</h2>
                  <table className="table" data-testid="need-indicators">
                    <thead><tr><th scope="col">{t('listing.indicatorName')}</th><th scope="col">{t('listing.indicatorTarget')}</th><th scope="col">{t('listing.indicatorUnit')}</th></tr></thead>
                    <tbody>{item.indicators.map((x, i) => <tr key={i}><td>{x.name}</td><td>{x.target}</td><td>{x.unit}</td></tr>)}</tbody>
                  </table>
                </section>
              )}
              <Section title={t('listing.scenario')} text={item.scenario} />
            </>
          )}
          {isAchievement(item) && item.keywords.length ? (
            <section><h2>{t('listing.keywords')}</h2><ul className="tags">{item.keywords.map((k) => <li key={k}>{k}</li>)}</ul></section>
          ) : null}
        </div>
        <aside className="record-facts card">
          <dl>
            {isAchievement(item) ? (
              <>
                <dt>{t('listing.transferModes')}</dt><dd>{joinList(item.transferModes.map((m) => t(`transferMode.${m}`, { defaultValue: m })), lang) || '—'}</dd>
                {item.trialPeriodMonths ? <><dt>{t('listing.trialPeriodMonths')}</dt><dd>{item.trialPeriodMonths}</dd></> : null}
                <dt>{t('listing.price')}</dt><dd data-testid="record-price"><AmountRange min={item.priceMin} max={item.priceMax} /></dd>
                <dt>{t('listing.ipType')}</dt><dd>{t(`ipType.${item.ipType}`)}</dd>
                <dt>{t('listing.ipStatus')}</dt><dd>{t(`ipStatus.${item.ipStatus}`)}</dd>
                {item.ipNumber && <><dt>{t('listing.ipNumber')}</dt><dd>{item.ipNumber}</dd></>}
              </>
            ) : (
              <>
                <dt>{t('listing.cooperationMode')}</dt><dd>{t(`cooperationMode.${item.cooperationMode}`)}</dd>
                <dt>{t('listing.budget')}</dt><dd data-testid="record-budget"><AmountRange min={item.budgetMin} max={item.budgetMax} /></dd>
                <dt>{t('listing.deadline')}</dt><dd><DateText value={item.deadline} /></dd>
              </>
            )}
            <dt>{t('listing.visibility')}</dt><dd>{t(`visibility.${item.visibility}`)}</dd>
            <dt>{t('listing.publishedAt')}</dt><dd><DateText value={item.publishedAt} /></dd>
            <dt>{t('listing.updatedAt')}</dt><dd><DateText value={item.updatedAt} /></dd>
          </dl>
        </aside>
      </div>
    </article>
  );
}

function Section({ title, text }: { title: string; text: string | null | undefined }) {
  if (!text) return null;
  return <section><h2>{title}</h2><p className="prose">{text}</p></section>;
}
