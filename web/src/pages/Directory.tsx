import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intermediaries, managers } from '../api/endpoints';
import { INTERMEDIARY_SERVICES } from '../api/types';
import type { components } from '../api/schema';
import { Badge, DateText, ErrorMessage, Loading } from '../components/ui';
import { useAsync, useLang } from '../lib/hooks';
import { regionLabel } from '../lib/region';

type S = components['schemas'];

/** The public directory: verified technology managers and the intermediaries (技术转移服务机构) with their services. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [service, setService] = useState<S['IntermediaryServices'] | ''>('');
  const people = useAsync((s) => managers.list('Verified', s), []);
  const firms = useAsync((s) => intermediaries.list(service || null, s), [service]);
  const name = (zh: string | null | undefined, en: string | null | undefined) => (lang === 'en' ? en || zh : zh) ?? '';

  return (
    <section className="page" aria-labelledby="directory-title" data-testid="directory-page">
      <header className="page-header">
        <h1 id="directory-title">{t('directory.title')}</h1>
        <p className="muted">{t('directory.lead')}</p>
      </header>

      <section aria-labelledby="firms-title" className="card">
        <h2 id="firms-title">{t('directory.intermediaries')}</h2>
        <div className="toolbar">
          <label>{t('directory.service')}{' '}
            <select value={service} onChange={(e) => setService(e.target.value as S['IntermediaryServices'] | '')} data-testid="directory-service">
              <option value="">{t('common.all')}</option>
              {INTERMEDIARY_SERVICES.map((s) => <option key={s} value={s}>{t(`directory.services.${s}`)}</option>)}
            </select>
          </label>
        </div>
        <ErrorMessage error={firms.error} onRetry={firms.reload} />
        {firms.loading && !firms.data ? <Loading /> : null}
        {firms.data && (firms.data.length === 0 ? <p className="empty">{t('directory.noIntermediaries')}</p> : (
          <ul className="card-list directory-list" data-testid="directory-intermediaries">
            {firms.data.map((f) => (
              <li key={f.organisationId} className="card stack" data-testid="directory-intermediary">
                <h3>{name(f.nameZh, f.nameEn)}</h3>
                <p className="muted">{regionLabel(f, lang)}</p>
                <p className="badges">{f.services.map((s) => <Badge key={s} tone="info">{t(`directory.services.${s}`)}</Badge>)}</p>
                {f.filingNumber && <p className="small" data-testid="directory-filing">{t('filing.number')} {f.filingNumber}
                  {f.filed ? <> · {t('filing.expiresOn')} <DateText value={f.filingExpiresOn} /></> : <> <Badge tone="warn">{f.filingState && !f.filed && f.filingState === 'Filed' ? t('filing.expired') : t(`filing.states.${f.filingState}`)}</Badge></>}</p>}
                {f.description && <p>{f.description}</p>}
              </li>
            ))}
          </ul>
        ))}
      </section>

      <section aria-labelledby="managers-title" className="card">
        <h2 id="managers-title">{t('directory.managers')}</h2>
        <p className="muted">{t('directory.managersLead')}</p>
        <ErrorMessage error={people.error} onRetry={people.reload} />
        {people.loading && !people.data ? <Loading /> : null}
        {people.data && (people.data.length === 0 ? <p className="empty">{t('directory.noManagers')}</p> : (
          <ul className="card-list directory-list" data-testid="directory-managers">
            {people.data.map((m) => (
              <li key={m.userId} className="card stack" data-testid="directory-manager">
                <h3>{m.displayName} {m.certificationValid ? <Badge tone="good">{t('directory.certified')}</Badge> : <Badge tone="warn">{t('directory.expired')}</Badge>}</h3>
                {m.organisationNameZh && <p className="muted">{name(m.organisationNameZh, m.organisationNameEn)}</p>}
                <p className="small">
                  {m.certificationLevel ? t(`manager.levels.${m.certificationLevel}`) : null}
                  {m.issuingBody ? <> · {m.issuingBody}</> : null}
                  {m.certificationExpiresOn ? <> · {t('directory.validUntil')} <DateText value={m.certificationExpiresOn} /></> : null}
                </p>
                {m.bio && <p>{m.bio}</p>}
              </li>
            ))}
          </ul>
        ))}
      </section>
    </section>
  );
}
