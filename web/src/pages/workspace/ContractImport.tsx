import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { data, http } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { ErrorMessage, Loading, Notice } from '../../components/ui';
import { formatNumber } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { ImportReconciliation } from './ImportReconciliation';

/**
 * The headers the import reads (docs/import-format.md, in the order export writes them): Chinese, English,
 * required. The template carries them in the page's language; the import takes either.
 */
export const IMPORT_COLUMNS: [zh: string, en: string, required: boolean][] = [
  ['登记号', 'RegistrationNumber', true], ['项目名称', 'ProjectName', true], ['合同类别', 'Category', true],
  ['转化方式', 'TransformationMode', true], ['卖方名称', 'SellerName', true], ['卖方统一社会信用代码', 'SellerCreditCode', false],
  ['卖方性质代码', 'SellerNatureCode', false], ['卖方所在地区代码', 'SellerRegionCode', true], ['买方名称', 'BuyerName', true],
  ['买方统一社会信用代码', 'BuyerCreditCode', false], ['买方性质代码', 'BuyerNatureCode', false], ['买方所在地区代码', 'BuyerRegionCode', true],
  ['技术领域', 'TechnicalField', true], ['合同成交额(元)', 'TotalAmountYuan', true], ['技术交易额(元)', 'TechnologyIncomeYuan', true],
  ['签订日期', 'SignedOn', true], ['登记日期', 'RegisteredOn', true], ['有效期起', 'ValidFrom', false], ['有效期止', 'ValidTo', false],
  ['试用期(月)', 'TrialPeriodMonths', false],
];

/** The CSV template: the header row in the language, UTF-8 with a byte-order mark so that Excel reads the Chinese. */
export function importTemplate(lang: 'zh-CN' | 'en'): string {
  return `\uFEFF${IMPORT_COLUMNS.map(([zh, en]) => (lang === 'en' ? en : zh)).join(',')}\r\n`;
}

/** One line of a problems or warnings list, whatever shape the server gives it (an object with row/column/message, or a sentence). */
type Line = { row?: number | null; column?: string | null; message: string };
export function linesOf(value: unknown): Line[] {
  if (!Array.isArray(value)) return [];
  return value.map((item): Line => {
    if (typeof item === 'string') return { message: item };
    const o = (item ?? {}) as Record<string, unknown>;
    const message = typeof o.message === 'string' ? o.message : typeof o.detail === 'string' ? o.detail : JSON.stringify(item);
    // The header as the file wrote it names the column best; the column key when the server gives none.
    const column = typeof o.header === 'string' ? o.header : typeof o.column === 'string' ? o.column : null;
    return { row: typeof o.row === 'number' ? o.row : null, column, message };
  });
}

type ImportResult = components['schemas']['ImportReport'] | components['schemas']['ImportJobView'];
/** A large file is a job (202), polled until it ends; a small one is checked and written at once (200). */
const isJob = (r: ImportResult | null): r is components['schemas']['ImportJobView'] => !!r && 'status' in r;
/** The upload as the endpoint reads it: multipart/form-data with the file under "file". */
export const upload = ({ file }: { file: Blob }) => { const form = new FormData(); form.append('file', file); return form; };

/** Contract import, on its own tab: the template, the upload, and the rows the server refused or warns about. */
export function ContractImport({ onImported }: { onImported: () => void }) {
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
  const downloadTemplate = () => {
    const url = URL.createObjectURL(new Blob([importTemplate(lang)], { type: 'text/csv;charset=utf-8' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: t('board.templateFile') });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  // A refused file answers 400 with its rows in `problems` (and maybe `warnings`): shown as the lists they are, not as API field keys.
  const refused = error instanceof ApiError && Array.isArray(error.problem.problems) ? error.problem : null;
  const answer = (result ?? refused ?? {}) as Record<string, unknown>;
  const problems = linesOf(answer.problems);
  const warnings = linesOf(answer.warnings);
  const job = isJob(result) ? result : null;
  const report = result && !isJob(result) ? result : null;
  const written = job ? job.status === 'Succeeded' : report?.written;
  return (
    <section className="card import-page" aria-labelledby="import-title" data-testid="contract-import">
      <h2 id="import-title">{t('dashboard.import')}</h2>
      <p className="muted">{t('board.importIntro')}</p>
      <p><button type="button" className="btn" onClick={downloadTemplate} data-testid="import-template">{t('board.template')}</button></p>
      <details className="import-columns" data-testid="import-columns">
        <summary>{t('board.columns')}</summary>
        <p className="chips">{IMPORT_COLUMNS.map(([zh, en, required]) => <code key={en}>{lang === 'en' ? en : zh}{required ? ' *' : ''}</code>)}</p>
      </details>
      <form className="form" onSubmit={submit}>
        <label className="field">{t('dashboard.importFile')}
          <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="import-file" />
        </label>
        <label className="check"><input type="checkbox" checked={validOnly} onChange={(e) => setValidOnly(e.target.checked)} data-testid="import-valid-only" /> {t('dashboard.importKeepValid')}</label>
        <div className="form-actions"><button type="submit" className="btn btn-primary" disabled={!file || busy} data-testid="import-submit">{t('dashboard.importSubmit')}</button></div>
        {refused ? <Notice kind="warning" testId="import-refused">{t('board.rejected')}</Notice> : <ErrorMessage error={error} />}
        {result && (
          <div data-testid="import-result" data-status={job?.status ?? (written ? 'Succeeded' : 'Rejected')}>
            {job?.status === 'Queued' || job?.status === 'Running' ? <Loading label={t('dashboard.importRunning')} /> : (
              <Notice kind={written ? 'success' : 'warning'}>
                {written ? t('dashboard.importDone', { inserted: formatNumber(result.inserted, lang), updated: formatNumber(result.updated, lang), unchanged: formatNumber(result.unchanged, lang) })
                  : t('dashboard.importRejected', { rejected: formatNumber(result.rowsRejected, lang), read: formatNumber(result.rowsRead, lang) })}
                {job?.failureMessage ? ` ${job.failureMessage}` : ''}
              </Notice>
            )}
          </div>
        )}
        <LineTable lines={problems} caption={`${t('dashboard.importErrors')}${answer.problemsTruncated ? ` (${t('dashboard.truncated')})` : ''}`} testId="import-errors" />
        <LineTable lines={warnings} caption={t('board.warnings')} testId="import-warnings" />
        {written && <ImportReconciliation answer={answer} />}
      </form>
    </section>
  );
}

export function LineTable({ lines, caption, testId }: { lines: Line[]; caption: string; testId: string }) {
  const { t } = useTranslation();
  if (lines.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead><tr><th scope="col" className="num">{t('dashboard.row')}</th><th scope="col">{t('dashboard.column')}</th><th scope="col">{t('dashboard.message')}</th></tr></thead>
        <tbody>{lines.map((r, i) => <tr key={i}><td className="num">{r.row ?? '—'}</td><td>{r.column ?? '—'}</td><td>{r.message}</td></tr>)}</tbody>
      </table>
    </div>
  );
}
