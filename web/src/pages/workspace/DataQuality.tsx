import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { data, download, http } from '../../api/client';
import { Amount, Badge, DateText, ErrorMessage, Loading, Notice, Pager } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import { contractLabel, DismissDialog, MarkDuplicateDialog, type Finding } from './DataQualityDialogs';

/** The kinds ContractQuality reports, in the order the page shows them. */
const KINDS = ['probable_duplicate', 'income_above_total', 'signed_after_registered', 'amount_outlier'] as const;
const STATUSES = ['open', 'closed', 'all'] as const;
type Status = (typeof STATUSES)[number];
const PAGE_SIZE = 20;

/**
 * `/workspace/data-quality`: the bureau's data-quality findings (`GET /api/contracts/quality`): a count per kind, then
 * one page of the findings the filters (year, kind, open / closed) select. Each finding links to its contracts and
 * offers what fixes it: a probable duplicate is marked (one record kept, the others counted no more), the others are
 * corrected on the contract's revision form; any finding may be dismissed with a reason, and restored. The filtered
 * findings export as CSV or XLSX.
 */
export function DataQualityPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const kindParam = params.get('kind');
  const kind = KINDS.find((k) => k === kindParam);
  const status: Status = STATUSES.find((s) => s === params.get('status')) ?? 'open';
  const page = Number(params.get('page') ?? '1') || 1;
  const set = (next: Record<string, string | undefined>) => {
    const merged: Record<string, string | undefined> = { ...Object.fromEntries(params), page: undefined, ...next };
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(merged)) if (v) clean[k] = v;
    setParams(clean, { replace: true });
  };
  const report = useAsync((signal) => data(http.GET('/api/contracts/quality', { params: { query: { year, kind, status, page, pageSize: PAGE_SIZE } }, signal })),
    [year, kind, status, page]);
  const [dialog, setDialog] = useState<{ finding: Finding; action: 'dismiss' | 'mark' } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const done = (message: string) => { setDialog(null); setNotice(message); setError(null); report.reload(); };
  const act = async (call: () => Promise<unknown>, message: string) => {
    setError(null);
    try { await call(); done(message); } catch (e) { setError(e); }
  };
  const exportAs = (format: 'csv' | 'xlsx') => {
    setError(null);
    download(http.GET('/api/contracts/quality/export', { params: { query: { format, year, kind, status } }, parseAs: 'blob' }), `data-quality-${year ?? 'all'}.${format}`)
      .catch(setError);
  };
  const kindLabel = (code: string) => t(`dataQuality.kinds.${code}`, { defaultValue: code });
  const unregistered = t('contractRecords.unregistered');
  const thisYear = new Date().getFullYear();
  const r = report.data;
  return (
    <section className="page" aria-labelledby="data-quality-title" data-testid="data-quality-page">
      <div className="row">
        <h1 id="data-quality-title">{t('dataQuality.title')}</h1>
        <span className="export-buttons">
          <button type="button" className="btn btn-small" onClick={() => exportAs('csv')} data-testid="data-quality-export-csv">{t('quality.exportCsv')}</button>
          <button type="button" className="btn btn-small" onClick={() => exportAs('xlsx')} data-testid="data-quality-export-xlsx">{t('quality.exportXlsx')}</button>
        </span>
      </div>
      <p className="muted">{t('dataQuality.lead')}</p>
      <div className="row">
        <label>{t('contractRecords.year')}{' '}
          <select value={year ?? ''} onChange={(e) => set({ year: e.target.value || undefined })} data-testid="data-quality-year">
            <option value="">{t('contractRecords.allYears')}</option>
            {Array.from({ length: 12 }, (_, i) => thisYear - i).map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
        <label>{t('quality.kindFilter')}{' '}
          <select value={kind ?? ''} onChange={(e) => set({ kind: e.target.value || undefined })} data-testid="data-quality-kind">
            <option value="">{t('quality.allKinds')}</option>
            {KINDS.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}
          </select>
        </label>
        <label>{t('quality.statusFilter')}{' '}
          <select value={status} onChange={(e) => set({ status: e.target.value === 'open' ? undefined : e.target.value })} data-testid="data-quality-status">
            {STATUSES.map((s) => <option key={s} value={s}>{t(`quality.status.${s}`)}</option>)}
          </select>
        </label>
      </div>
      {notice && <Notice kind="success" testId="data-quality-notice">{notice}</Notice>}
      <ErrorMessage error={report.error ?? error} onRetry={report.error ? report.reload : undefined} />
      {report.loading && !r ? <Loading /> : null}
      {r && (
        <ul className="stats" aria-label={t('quality.summary')} data-testid="data-quality-summary">
          {r.summary.map((k) => (
            <li key={k.code} className="stat" data-testid="data-quality-summary-kind" data-kind={k.code}>
              <span className="stat-value" data-testid="data-quality-summary-open">{k.open}</span>
              <button type="button" className="link-button stat-label" aria-pressed={k.code === kind} onClick={() => set({ kind: k.code === kind ? undefined : k.code })}>{kindLabel(k.code)}</button>
              <small className="muted">{t('quality.closedCount', { count: k.closed })}</small>
            </li>
          ))}
        </ul>
      )}
      {r && <p className="muted small" data-testid="data-quality-total">{t('quality.total', { count: r.findings.total })}</p>}
      {r && r.findings.items.length === 0 && <p className="empty" data-testid="data-quality-none">{t('dataQuality.none')}</p>}
      <ul className="card-list">
        {r?.findings.items.map((f) => (
          <li key={`${f.code}-${f.key}`} className="card" data-testid="data-quality-finding" data-kind={f.code} data-status={f.dismissal ? 'dismissed' : f.resolved ? 'resolved' : 'open'}>
            <div className="row">
              <strong>{kindLabel(f.code)}</strong>
              {f.dismissal && <Badge tone="neutral" testId="data-quality-dismissed">{t('quality.dismissed')}</Badge>}
              {f.resolved && <Badge tone="good" testId="data-quality-resolved">{t('quality.resolved')}</Badge>}
            </div>
            <p>{f.message}</p>
            <ul className="inline-list">
              {f.contracts.map((c) => {
                const kept = c.duplicateOfContractId ? f.contracts.find((x) => x.id === c.duplicateOfContractId) : undefined;
                return (
                  <li key={c.id} data-testid="data-quality-contract-line">
                    <Link to={`/workspace/contract-records/${c.id}`} data-testid="data-quality-contract">{contractLabel(c, unregistered)}</Link>{' '}
                    <span className="muted small"><Amount value={c.totalAmount} /> · <DateText value={c.signedOn} /></span>{' '}
                    {c.duplicateOfContractId ? (
                      <>
                        <Badge tone="warn" testId="data-quality-marked">{t('quality.markedOf', { number: kept ? contractLabel(kept, unregistered) : c.duplicateOfContractId })}</Badge>{' '}
                        <button type="button" className="btn btn-small btn-ghost" data-testid="data-quality-undo"
                          onClick={() => act(() => data(http.POST('/api/contracts/{id}/duplicate/undo', { params: { path: { id: c.id } }, body: { version: c.version } })), t('quality.undone'))}>
                          {t('quality.undo')}
                        </button>
                      </>
                    ) : f.code !== 'probable_duplicate' && (
                      <Link className="btn btn-small" to={`/workspace/contract-records/${c.id}?edit=1`} data-testid="data-quality-correct">{t('dataQuality.correct')}</Link>
                    )}
                  </li>
                );
              })}
            </ul>
            {f.dismissal && (
              <p className="small" data-testid="data-quality-dismissal">
                {t('quality.dismissedBy', { by: f.dismissal.by ?? '—', at: formatDateTime(f.dismissal.at, lang), reason: f.dismissal.reason })}
              </p>
            )}
            <div className="form-actions">
              {f.code === 'probable_duplicate' && !f.resolved && !f.dismissal && (
                <button type="button" className="btn btn-small btn-primary" onClick={() => setDialog({ finding: f, action: 'mark' })} data-testid="data-quality-mark">{t('quality.markDuplicate')}</button>
              )}
              {f.dismissal ? (
                <button type="button" className="btn btn-small" data-testid="data-quality-restore"
                  onClick={() => act(() => data(http.DELETE('/api/contracts/quality/dismissals/{id}', { params: { path: { id: f.dismissal!.id } } })), t('quality.restored'))}>
                  {t('quality.restore')}
                </button>
              ) : !f.resolved && (
                <button type="button" className="btn btn-small btn-ghost" onClick={() => setDialog({ finding: f, action: 'dismiss' })} data-testid="data-quality-dismiss">{t('quality.dismiss')}</button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {r && <Pager page={r.findings.page} pageSize={r.findings.pageSize} total={r.findings.total} onPage={(p) => set({ page: p > 1 ? String(p) : undefined })} />}
      {dialog?.action === 'dismiss' && <DismissDialog finding={dialog.finding} onCancel={() => setDialog(null)} onDone={() => done(t('quality.dismissedNotice'))} />}
      {dialog?.action === 'mark' && <MarkDuplicateDialog finding={dialog.finding} onCancel={() => setDialog(null)} onDone={() => done(t('quality.markedNotice'))} />}
    </section>
  );
}
