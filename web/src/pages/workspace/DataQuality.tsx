import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { data, http } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorMessage, Loading } from '../../components/ui';
import { useAsync } from '../../lib/hooks';

type Finding = components['schemas']['QualityFinding'];
/** The kinds ContractQuality reports, in the order the page shows them. */
const KINDS = ['probable_duplicate', 'income_above_total', 'signed_after_registered', 'amount_outlier'] as const;

/** The findings as CSV (UTF-8 with a byte-order mark, so that Excel reads the Chinese): kind, message, contracts. */
export function findingsCsv(findings: Finding[], kindLabel: (code: string) => string, headers: string[]): string {
  const cell = (v: string) => `"${v.replace(/"/g, '""').replace(/^[=+\-@]/, "'$&")}"`;
  const lines = findings.map((f) => [kindLabel(f.code), f.message, f.registrationNumbers.map((n) => n ?? '').join(' '), f.contractIds.join(' ')].map(cell).join(','));
  return `\uFEFF${headers.map(cell).join(',')}\r\n${lines.join('\r\n')}\r\n`;
}

/**
 * `/workspace/data-quality`: the bureau's data-quality findings (`GET /api/contracts/quality`) grouped by kind, each
 * with links to its contracts; "correct" opens the contract's revision form.
 */
export function DataQualityPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const report = useAsync((signal) => data(http.GET('/api/contracts/quality', { params: { query: { year } }, signal })), [year]);
  const findings = report.data?.findings ?? [];
  const thisYear = new Date().getFullYear();
  const kindLabel = (code: string) => t(`dataQuality.kinds.${code}`, { defaultValue: code });
  const exportCsv = () => {
    const text = findingsCsv(findings, kindLabel, [t('dataQuality.kind'), t('dataQuality.message'), t('deals.contract.registrationNumber'), t('dataQuality.contracts')]);
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: `data-quality-${year ?? 'all'}.csv` });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <section className="page" aria-labelledby="data-quality-title" data-testid="data-quality-page">
      <div className="row">
        <h1 id="data-quality-title">{t('dataQuality.title')}</h1>
        <button type="button" className="btn btn-small" disabled={findings.length === 0} onClick={exportCsv} data-testid="data-quality-export">{t('dataQuality.exportCsv')}</button>
      </div>
      <p className="muted">{t('dataQuality.lead')}</p>
      <label>{t('contractRecords.year')}{' '}
        <select value={year ?? ''} onChange={(e) => setParams(e.target.value ? { year: e.target.value } : {}, { replace: true })} data-testid="data-quality-year">
          <option value="">{t('contractRecords.allYears')}</option>
          {Array.from({ length: 12 }, (_, i) => thisYear - i).map((y) => <option key={y} value={y}>{y}</option>)}
        </select>
      </label>
      <ErrorMessage error={report.error} onRetry={report.reload} />
      {report.loading && !report.data ? <Loading /> : null}
      {report.data && findings.length === 0 && <p className="empty" data-testid="data-quality-none">{t('dataQuality.none')}</p>}
      {KINDS.map((kind) => {
        const group = findings.filter((f) => f.code === kind);
        if (group.length === 0) return null;
        return (
          <section key={kind} className="card" aria-labelledby={`dq-${kind}`} data-testid="data-quality-group" data-kind={kind}>
            <h2 id={`dq-${kind}`}>{kindLabel(kind)} <span className="count">{group.length}</span></h2>
            <ul className="card-list">
              {group.map((f) => (
                <li key={f.contractIds.join()} data-testid="data-quality-finding">
                  <p>{f.message}</p>
                  <ul className="inline-list">
                    {f.contractIds.map((id, i) => (
                      <li key={id}>
                        <Link to={`/workspace/contract-records/${id}`} data-testid="data-quality-contract">{f.registrationNumbers[i] ?? t('contractRecords.unregistered')}</Link>{' '}
                        <Link className="btn btn-small" to={`/workspace/contract-records/${id}?edit=1`} data-testid="data-quality-correct">{t('dataQuality.correct')}</Link>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}
