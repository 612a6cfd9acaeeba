import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, http } from '../../api/client';
import type { components } from '../../api/schema';
import { EChart } from '../../components/EChart';
import { ErrorMessage, Loading, Notice } from '../../components/ui';
import { exportIndicator, loadIndicator, viewOf, type IndicatorId } from './indicators';
import { useAsync, useLang } from '../../lib/hooks';
import { useLiveReload } from '../../lib/realtime';
import { formatNumber } from '../../lib/format';

export const INDICATORS: { id: IndicatorId; chart: string | null }[] = [
  { id: 'turnover', chart: 'bar' },
  { id: 'fields', chart: 'pie' },
  { id: 'localization', chart: 'bar' },
  { id: 'contract-amounts', chart: 'bar' },
  { id: 'collaboration', chart: 'bar' },
  { id: 'funnel', chart: 'funnel' },
  { id: 'unmet-demand', chart: null },
  { id: 'leakage', chart: null },
];

const TITLE_KEY: Record<IndicatorId, string> = {
  turnover: 'dashboard.turnover', fields: 'dashboard.fields', localization: 'dashboard.localization', 'contract-amounts': 'dashboard.amounts',
  collaboration: 'dashboard.collaboration', funnel: 'dashboard.funnel', 'unmet-demand': 'dashboard.unmet', leakage: 'dashboard.leakage',
};

/** Events after which the figures are read again. */
export const INDICATOR_EVENTS = ['IndicatorsChanged', 'ContractRecorded', 'ContractsImported'];

/** The bureau's dashboard: the paper's tables and charts, by year, live. */
export function Dashboard() {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [params, setParams] = useSearchParams();
  const fromUrl = Number(params.get('year')) || null;
  const [probed, setProbed] = useState<number | null>(null);
  const year = fromUrl ?? probed ?? thisYear;
  const setYear = (y: number) => { const next = new URLSearchParams(params); next.set('year', String(y)); setParams(next, { replace: true }); };
  const [tick, setTick] = useState(0);
  const bump = useCallback(() => setTick((x) => x + 1), []);
  useLiveReload(INDICATOR_EVENTS, bump, 20_000);
  const years = Array.from({ length: 10 }, (_, i) => thisYear - i);
  // Without a year in the URL, open on the latest year that has contracts.
  useEffect(() => {
    if (fromUrl || probed) return;
    let cancelled = false;
    (async () => {
      for (const y of years) {
        try {
          const r = await data(http.GET('/api/indicators/turnover', { params: { query: { year: y, top: 1 } } }));
          if (r.rows.length) { if (!cancelled) setProbed(y); return; }
        } catch { return; }
      }
    })();
    return () => { cancelled = true; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fromUrl]);
  return (
    <section className="page wide" aria-labelledby="dash-title" data-testid="dashboard-page">
      <header className="page-header row">
        <div>
          <h1 id="dash-title">{t('dashboard.title')}</h1>
          <p className="muted small">{t('dashboard.live')}</p>
        </div>
        <label>{t('dashboard.year')}{' '}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="dashboard-year">
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
      </header>
      <div className="dashboard-grid">
        {INDICATORS.map((ind) => <IndicatorPanel key={ind.id} id={ind.id} chart={ind.chart} title={t(TITLE_KEY[ind.id])} year={year} tick={tick} />)}
      </div>
      <ContractImport onImported={() => setTick((x) => x + 1)} />
    </section>
  );
}

function IndicatorPanel<I extends IndicatorId>({ id, title, year, tick, chart }: { id: I; title: string; year: number; tick: number; chart: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const res = useAsync((signal) => loadIndicator(id, year, signal), [id, year, tick]);
  const view = useMemo(() => (res.data === undefined ? null : viewOf(id, res.data, lang, t)), [id, res.data, lang, t]);
  const [exportError, setExportError] = useState<unknown>(null);
  const exp = (format: 'csv' | 'xlsx') => { setExportError(null); exportIndicator(id, year, format).catch(setExportError); };

  return (
    <section className={`card indicator indicator-${id}`} aria-labelledby={`ind-${id}`} data-testid={`indicator-${id}`}>
      <header className="row">
        <h2 id={`ind-${id}`}>{title}</h2>
        <div className="btn-group" role="group" aria-label={`${t('common.export')} ${title}`}>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => exp('csv')} data-testid={`export-${id}-csv`}>{t('dashboard.exportCsv')}</button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => exp('xlsx')} data-testid={`export-${id}-xlsx`}>{t('dashboard.exportXlsx')}</button>
        </div>
      </header>
      <ErrorMessage error={res.error ?? exportError} onRetry={res.reload} />
      {res.loading && !res.data ? <Loading /> : null}
      {view && view.summary.length > 0 && (
        <dl className="summary" data-testid={`indicator-${id}-summary`}>
          {view.summary.map((s) => <div key={s.key}><dt>{s.label}</dt><dd data-testid={`indicator-${id}-${s.key}`}>{s.value}</dd></div>)}
        </dl>
      )}
      {chart && view?.chart && view.rows.length > 0 && <EChart option={view.chart} label={title} testId={`chart-${id}`} />}
      {view && view.rows.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid={`table-${id}`}>
            <caption className="sr-only">{title}</caption>
            <thead><tr>{view.columns.map((c) => <th key={c.key} scope="col" className={c.numeric ? 'num' : ''}>{c.label}</th>)}</tr></thead>
            <tbody>{view.rows.map((r) => <tr key={r.key} className={r.highlight ? 'total' : ''}>{r.cells.map((cell, i) => <td key={i} className={view.columns[i]?.numeric ? 'num' : ''}>{cell}</td>)}</tr>)}</tbody>
          </table>
        </div>
      )}
      {view && view.rows.length === 0 && view.summary.length === 0 && <p className="muted">{t('common.none')}</p>}
    </section>
  );
}

type ImportResult = components['schemas']['ImportReport'] | components['schemas']['ImportJobView'];
type ImportProblem = components['schemas']['ImportProblem'];
/** A large file is a job (202), polled until it ends; a small one is checked and written at once (200). */
const isJob = (r: ImportResult | null): r is components['schemas']['ImportJobView'] => !!r && 'status' in r;
/** The upload as the endpoint reads it: multipart/form-data with the file under "file". */
const upload = ({ file }: { file: Blob }) => { const form = new FormData(); form.append('file', file); return form; };

/** Contract import with its row-level error report; large files run as a job that is polled. */
function ContractImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [file, setFile] = useState<File | null>(null);
  const [validOnly, setValidOnly] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true); setError(null); setResult(null);
    try {
      let r: ImportResult = await data(http.POST('/api/contracts/imports', {
        params: { query: { validOnly: validOnly || undefined } }, body: { file }, bodySerializer: upload,
      }));
      // 202: a job; poll it until it is done.
      for (let i = 0; isJob(r) && (r.status === 'Queued' || r.status === 'Running') && i < 600; i++) {
        setResult(r);
        await new Promise((res) => setTimeout(res, 1000));
        r = await data(http.GET('/api/contracts/imports/{id}', { params: { path: { id: r.id } } }));
      }
      setResult(r);
      onImported();
    } catch (err) {
      setError(err);
    } finally { setBusy(false); }
  };
  // A job's problems are kept as stored JSON (JsonElement in the document): the same rows as a report's.
  const problems = Array.isArray(result?.problems) ? (result.problems as ImportProblem[]) : [];
  const job = isJob(result) ? result : null;
  const report = result && !isJob(result) ? result : null;
  const written = job ? job.status === 'Succeeded' : report?.written;
  return (
    <section className="card" aria-labelledby="import-title" data-testid="contract-import">
      <h2 id="import-title">{t('dashboard.import')}</h2>
      <form className="form" onSubmit={submit}>
        <label className="field">{t('dashboard.importFile')}
          <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="import-file" />
        </label>
        <label className="check"><input type="checkbox" checked={validOnly} onChange={(e) => setValidOnly(e.target.checked)} data-testid="import-valid-only" /> {t('dashboard.importKeepValid')}</label>
        <div className="form-actions"><button type="submit" className="btn btn-primary" disabled={!file || busy} data-testid="import-submit">{t('dashboard.importSubmit')}</button></div>
        <ErrorMessage error={error} />
        {result && (
          <div data-testid="import-result" data-status={job?.status ?? (written ? 'Succeeded' : 'Rejected')}>
            {job?.status === 'Queued' || job?.status === 'Running' ? <Loading label={t('dashboard.importRunning')} /> : (
              <Notice kind={written ? 'success' : 'warning'}>
                {written ? t('dashboard.importDone', { inserted: formatNumber(result.inserted, lang), updated: formatNumber(result.updated, lang), unchanged: formatNumber(result.unchanged, lang) })
                  : t('dashboard.importRejected', { rejected: formatNumber(result.rowsRejected, lang), read: formatNumber(result.rowsRead, lang) })}
                {job?.failureMessage ? ` ${job.failureMessage}` : ''}
              </Notice>
            )}
            {problems.length > 0 && (
              <div className="table-wrap">
                <table className="table" data-testid="import-errors">
                  <caption>{t('dashboard.importErrors')}{report?.problemsTruncated ? ` (${t('dashboard.truncated')})` : ''}</caption>
                  <thead><tr><th scope="col" className="num">{t('dashboard.row')}</th><th scope="col">{t('dashboard.column')}</th><th scope="col">{t('dashboard.message')}</th></tr></thead>
                  <tbody>{problems.map((r, i) => <tr key={i}><td className="num">{r.row}</td><td>{r.column}</td><td>{r.message}</td></tr>)}</tbody>
                </table>
              </div>
            )}
          </div>
        )}
      </form>
    </section>
  );
}
