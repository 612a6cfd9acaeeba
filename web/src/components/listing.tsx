import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Achievement, Need, QualityWarning } from '../api/types';
import type { ListingKind } from '../api/endpoints';
import { AmountRange, Badge, DateText } from './ui';
import { Highlight } from './ScoreExplanation';
import { useLang } from '../lib/hooks';
import { joinList } from '../lib/format';
import type { Lang } from '../lib/format';
import { regionLabel } from '../lib/region';

type Owner = { nameZh: string; nameEn: string } | null | undefined;
export function orgName(owner: Owner, lang: Lang): string {
  if (!owner) return '';
  return lang === 'en' ? owner.nameEn || owner.nameZh : owner.nameZh || owner.nameEn;
}

export function isAchievement(x: Achievement | Need): x is Achievement {
  return 'transferModes' in x;
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const tone = status === 'Published' ? 'good' : status === 'Draft' ? 'warn' : 'neutral';
  return <Badge tone={tone} testId="listing-status" value={status}>{t(`status.${status}`, { defaultValue: status })}</Badge>;
}

export function MaturityBadge({ trl, stage }: { trl: number | null | undefined; stage: string | null | undefined }) {
  const { t } = useTranslation();
  if (trl === null || trl === undefined) return null;
  return <Badge tone="info">{t('listing.trlValue', { trl })}{stage ? ` · ${t(`stage.${stage}`, { defaultValue: stage })}` : ''}</Badge>;
}

/** One result in a catalogue or a workspace list; a search's words (`terms`) are marked in the title and text. */
export function ListingCard({ kind, item, to, actions, terms = [] }: { kind: ListingKind; item: Achievement | Need; to?: string; actions?: React.ReactNode; terms?: string[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const href = to ?? `/${kind}/${item.id}`;
  const text = isAchievement(item) ? item.summary : item.background;
  return (
    <article className="card listing-card" data-testid="listing-card" data-id={item.id}>
      <header>
        <h3><Link to={href} data-testid="listing-link"><Highlight text={item.title} terms={terms} /></Link></h3>
        <div className="badges">
          <Badge>{t(`field.${item.field}`)}</Badge>
          {isAchievement(item)
            ? <MaturityBadge trl={item.trl} stage={item.maturityStage} />
            : <MaturityBadge trl={item.requiredTrl} stage={item.requiredMaturityStage} />}
          {item.status !== 'Published' && <StatusBadge status={item.status} />}
        </div>
      </header>
      {text && <p className="clamp"><Highlight text={text} terms={terms} /></p>}
      <dl className="meta">
        {item.organisation && <><dt>{t('listing.organisation')}</dt><dd>{orgName(item.organisation, lang)}{item.organisation.regionName ? ` · ${regionLabel(item.organisation, lang)}` : ''}</dd></>}
        {isAchievement(item) ? (
          <>
            <dt>{t('listing.transferModes')}</dt><dd>{joinList(item.transferModes.map((m) => t(`transferMode.${m}`, { defaultValue: m })), lang) || '—'}</dd>
            <dt>{t('listing.price')}</dt><dd><AmountRange min={item.priceMin} max={item.priceMax} /></dd>
          </>
        ) : (
          <>
            <dt>{t('listing.cooperationMode')}</dt><dd>{t(`cooperationMode.${item.cooperationMode}`)}</dd>
            <dt>{t('listing.budget')}</dt><dd><AmountRange min={item.budgetMin} max={item.budgetMax} /></dd>
            {item.deadline && <><dt>{t('listing.deadline')}</dt><dd><DateText value={item.deadline} /></dd></>}
          </>
        )}
        {item.publishedAt && <><dt>{t('listing.publishedAt')}</dt><dd><DateText value={item.publishedAt} /></dd></>}
      </dl>
      {actions && <footer className="card-actions">{actions}</footer>}
    </article>
  );
}

/** The quality warnings returned on publish (and re-checked while writing). */
export function QualityWarnings({ warnings, labelFor }: { warnings: QualityWarning[] | null; labelFor?: (field: string) => string }) {
  const { t } = useTranslation();
  if (warnings === null) return null;
  return (
    <section className="warnings" aria-labelledby="warnings-title" data-testid="quality-warnings">
      <h2 id="warnings-title">{t('workspace.warningsTitle')}</h2>
      {warnings.length === 0 ? <p className="muted">{t('workspace.noWarnings')}</p> : (
        <>
          <p className="muted">{t('workspace.warningsLead')}</p>
          <ul>
            {warnings.map((w) => (
              <li key={w.code + w.field} data-testid="quality-warning" data-code={w.code} data-field={w.field}>
                <a href={`#field-${w.field}`}>{labelFor ? labelFor(w.field) : w.field}</a>: {t(`publishing.warning.${w.code}`, { defaultValue: t(`warning.${w.code}`, { defaultValue: w.message }) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
