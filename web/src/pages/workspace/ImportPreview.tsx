import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { formatNumber } from '../../lib/format';
import { useLang } from '../../lib/hooks';

type Report = components['schemas']['ImportReport'];

/**
 * What a previewed import would do, before anything is written (docs/import-format.md, Preview): the counts, the
 * file's encoding, the totals per year in 万元 (a 10,000x unit slip shows here), and the organisations it would create
 * as drafts. The caller offers commit and cancel.
 */
export function ImportPreview({ report }: { report: Report }) {
  const { t } = useTranslation();
  const lang = useLang();
  const n = (v: number) => formatNumber(v, lang);
  const wan = (v: number) => formatNumber(v, lang, 2);
  const organisations = report.organisations ?? [];
  return (
    <div className="import-preview" data-testid="import-preview">
      <ul className="stats" data-testid="import-preview-counts">
        {([
          ['rows', report.rowsRead], ['inserted', report.inserted], ['updated', report.updated],
          ['unchanged', report.unchanged], ['linked', report.linked ?? 0], ['organisations', report.organisationsCreated],
        ] as const).map(([key, value]) => (
          <li key={key} className="stat" data-testid={`import-preview-${key}`} data-value={value}>
            <span className="stat-value">{n(value)}</span><span className="stat-label">{t(`importPreview.${key}`)}</span>
          </li>
        ))}
      </ul>
      {report.encoding && <p className="muted" data-testid="import-preview-encoding">{t('importPreview.encoding', { encoding: report.encoding })}</p>}
      {(report.totals ?? []).length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="import-preview-totals">
            <caption>{t('importPreview.totals')}</caption>
            <thead><tr>
              <th scope="col">{t('importPreview.year')}</th><th scope="col" className="num">{t('importPreview.contracts')}</th>
              <th scope="col" className="num">{t('importPreview.totalWan')}</th><th scope="col" className="num">{t('importPreview.incomeWan')}</th>
            </tr></thead>
            <tbody>{report.totals!.map((y) => (
              <tr key={y.year} data-year={y.year}>
                <th scope="row">{y.year}</th><td className="num">{n(y.contracts)}</td>
                <td className="num" data-testid="import-preview-total">{wan(y.totalAmountWanYuan)}</td><td className="num">{wan(y.technologyIncomeWanYuan)}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      )}
      {organisations.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="import-preview-drafts">
            <caption>{t('importPreview.drafts', { count: report.organisationsCreated })}</caption>
            <thead><tr>
              <th scope="col" className="num">{t('dashboard.row')}</th><th scope="col">{t('importPreview.name')}</th><th scope="col">{t('importPreview.side')}</th>
              <th scope="col">{t('importPreview.kind')}</th><th scope="col">{t('importPreview.region')}</th><th scope="col">{t('importPreview.creditCode')}</th>
            </tr></thead>
            <tbody>{organisations.map((o) => (
              <tr key={`${o.side}-${o.name}`} className={o.toBeConfirmed ? 'missing' : ''}>
                <td className="num">{o.row}</td><td>{o.name}</td><td>{t(`importPreview.sides.${o.side}`, { defaultValue: o.side })}</td>
                <td>{t(`orgKind.${o.kind}`)}{o.toBeConfirmed ? ` · ${t('importPreview.toBeConfirmed')}` : ''}</td>
                <td>{o.regionCode}</td><td>{o.creditCode ?? '—'}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      )}
    </div>
  );
}
