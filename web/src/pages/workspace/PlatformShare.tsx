import { useTranslation } from 'react-i18next';
import { data, http } from '../../api/client';
import type { components } from '../../api/schema';
import { Amount, ErrorMessage, Loading } from '../../components/ui';
import { formatNumber, formatPercent } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';

type Share = components['schemas']['PlatformShareRow'];

/**
 * How much of the year's registered contract value came through the platform's own deals, per institution and per
 * technology manager (`GET /api/indicators/platform-share`, docs/indicators.md), beside the funnel.
 */
export function PlatformShare({ year, tick }: { year: number; tick: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const res = useAsync((signal) => data(http.GET('/api/indicators/platform-share', { params: { query: { year } }, signal })), [year, tick]);
  const d = res.data;
  const cells = (s: Share) => (
    <>
      <td className="num">{formatNumber(s.registered, lang)}</td>
      <td className="num">{formatNumber(s.viaPlatform, lang)}</td>
      <td className="num"><Amount value={s.platformAmount} /></td>
      <td className="num">{formatPercent(s.platformAmountPct / 100, lang)}</td>
      <td className="num">{formatPercent(s.localPlatformAmountPct / 100, lang)}</td>
    </>
  );
  return (
    <section className="card indicator" aria-labelledby="platform-share-title" data-testid="platform-share">
      <h2 id="platform-share-title">{t('platformShare.title')}</h2>
      <p className="muted small">{t('platformShare.hint')}</p>
      <ErrorMessage error={res.error} onRetry={res.reload} />
      {res.loading && !d ? <Loading /> : null}
      {d && (
        <div className="table-scroll">
          <table className="table indicator-table" data-testid="platform-share-table">
            <caption className="sr-only">{t('platformShare.title')}</caption>
            <thead>
              <tr>
                <th scope="col" className="sticky">{t('platformShare.who')}</th><th scope="col" className="num">{t('platformShare.registered')}</th>
                <th scope="col" className="num">{t('platformShare.viaPlatform')}</th><th scope="col" className="num">{t('platformShare.amount')}</th>
                <th scope="col" className="num">{t('platformShare.share')}</th><th scope="col" className="num">{t('platformShare.local')}</th>
              </tr>
            </thead>
            <tbody>
              {d.institutions.filter((r) => r.share.viaPlatform > 0).map((r) => (
                <tr key={r.institution.id} data-testid="platform-share-institution">
                  <th scope="row" className="sticky">{lang === 'en' && r.institution.nameEn ? r.institution.nameEn : r.institution.nameZh}</th>{cells(r.share)}
                </tr>
              ))}
              {d.managers.map((m) => (
                <tr key={m.userId} data-testid="platform-share-manager">
                  <th scope="row" className="sticky">{t('platformShare.manager', { name: m.name })}</th>{cells(m.share)}
                </tr>
              ))}
              <tr className="total"><th scope="row" className="sticky">{t('platformShare.total')}</th>{cells(d.total)}</tr>
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
