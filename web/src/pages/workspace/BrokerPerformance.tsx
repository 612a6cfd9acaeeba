import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filings } from '../../api/endpoints';
import type { components } from '../../api/schema';
import { ErrorMessage, Loading } from '../../components/ui';
import { formatAmount, formatNumber } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';

type Row = components['schemas']['BrokerPerformanceRow'];

/** The bureau's view of brokers: deals, signed contracts, local share and speed per manager and per intermediary. */
export function BrokerPerformancePage() {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const view = useAsync((s) => filings.performance(year, s), [year]);
  return (
    <section className="page" aria-labelledby="performance-title" data-testid="broker-performance-page">
      <header className="page-header">
        <h1 id="performance-title">{t('filing.performanceTitle')}</h1>
        <p className="muted">{t('filing.performanceLead')}</p>
      </header>
      <div className="toolbar">
        <label>{t('filing.year')}{' '}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="performance-year">
            {[0, 1, 2, 3, 4].map((d) => <option key={d} value={thisYear - d}>{thisYear - d}</option>)}
          </select>
        </label>
      </div>
      <ErrorMessage error={view.error} onRetry={view.reload} />
      {view.loading && !view.data ? <Loading /> : null}
      {view.data && <>
        <PerformanceTable title={t('filing.perManager')} rows={view.data.managers} testId="performance-managers" />
        <PerformanceTable title={t('filing.perIntermediary')} rows={view.data.intermediaries} testId="performance-intermediaries" />
        <p className="muted small">{t('filing.performanceNote')}</p>
      </>}
    </section>
  );
}

function PerformanceTable({ title, rows, testId }: { title: string; rows: Row[]; testId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const days = (d: number | null | undefined) => (d == null ? '—' : formatNumber(d, lang, 1));
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {rows.length === 0 ? <p className="empty">{t('filing.noActivity')}</p> : (
        <div className="table-wrap">
          <table className="table" data-testid={testId}>
            <thead><tr>
              <th>{t('filing.name')}</th><th>{t('filing.deals')}</th><th>{t('filing.signed')}</th><th>{t('filing.contracts')}</th>
              <th>{t('filing.signedAmount')}</th><th>{t('filing.localContracts')}</th><th>{t('filing.localAmount')}</th><th>{t('filing.localShare')}</th>
              <th>{t('filing.daysToContact')}</th><th>{t('filing.daysToSign')}</th>
            </tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="performance-row">
                  <th scope="row">{lang === 'en' ? r.nameEn || r.nameZh : r.nameZh}</th>
                  <td>{r.deals}</td><td>{r.signed}</td><td>{r.contracts}</td><td>{formatAmount(Number(r.signedAmount), lang)}</td>
                  <td>{r.localContracts}</td><td>{formatAmount(Number(r.localAmount), lang)}</td><td>{formatNumber(Number(r.localAmountPct), lang, 1)}%</td>
                  <td>{days(r.medianDaysToContact == null ? null : Number(r.medianDaysToContact))}</td><td>{days(r.medianDaysToSign == null ? null : Number(r.medianDaysToSign))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
