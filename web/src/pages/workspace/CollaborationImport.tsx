import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { data, http } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { ErrorMessage, Notice } from '../../components/ui';
import { formatNumber } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { LineTable, linesOf, upload } from './ContractImport';

type Report = components['schemas']['ImportReport'];
export const COLLABORATION_KINDS = ['joint-institutions', 'spin-offs', 'validation-projects'] as const;
type Kind = (typeof COLLABORATION_KINDS)[number];

/**
 * Collaboration records (joint R&D institutions, spin-offs, validation projects) from a file: the preview reads and
 * checks every row and writes nothing; "import" sends the same file again to be written, all rows or none.
 */
export function CollaborationImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [kind, setKind] = useState<Kind>('joint-institutions');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Report | null>(null);
  const [done, setDone] = useState<Report | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const send = async (asPreview: boolean) => {
    if (!file) return;
    setBusy(true); setError(null); setDone(null); setCancelled(false);
    if (asPreview) setPreview(null);
    try {
      const report = await data(http.POST('/api/collaboration/imports', {
        params: { query: { kind, preview: asPreview || undefined } }, body: { file }, bodySerializer: upload,
      }));
      if (asPreview) setPreview(report);
      else { setPreview(null); setDone(report); onImported(); }
    } catch (err) {
      setPreview(null);
      setError(err);
    } finally { setBusy(false); }
  };
  const submit = (e: FormEvent) => { e.preventDefault(); void send(true); };
  const cancel = () => { setPreview(null); setCancelled(true); };
  const refused = error instanceof ApiError && Array.isArray(error.problem.problems) ? error.problem : null;
  const answer = (done ?? preview ?? refused ?? {}) as Record<string, unknown>;
  const counts = (r: Report) => ({
    rows: formatNumber(r.rowsRead, lang), inserted: formatNumber(r.inserted, lang), updated: formatNumber(r.updated, lang),
    unchanged: formatNumber(r.unchanged, lang), organisations: formatNumber(r.organisationsCreated, lang),
  });
  return (
    <section className="card import-page" aria-labelledby="collab-import-title" data-testid="collab-import">
      <h2 id="collab-import-title">{t('collabImport.title')}</h2>
      <p className="muted">{t('collabImport.intro')}</p>
      <form className="form" onSubmit={submit}>
        <label className="field">{t('collabImport.kind')}
          <select value={kind} onChange={(e) => { setKind(e.target.value as Kind); setPreview(null); setDone(null); }} data-testid="collab-import-kind">
            {COLLABORATION_KINDS.map((k) => <option key={k} value={k}>{t(`collabImport.kinds.${k}`)}</option>)}
          </select>
        </label>
        <label className="field">{t('collabImport.file')}
          <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => { setFile(e.target.files?.[0] ?? null); setPreview(null); setDone(null); }} data-testid="collab-import-file" />
        </label>
        <div className="form-actions">
          <button type="submit" className="btn" disabled={!file || busy} data-testid="collab-import-preview">{t('collabImport.preview')}</button>
        </div>
        {refused ? <Notice kind="warning" testId="collab-import-refused">{t('collabImport.rejected', { rejected: formatNumber(Number(refused.rowsRejected ?? 0), lang), rows: formatNumber(Number(refused.rowsRead ?? 0), lang) })}</Notice>
          : <ErrorMessage error={error} />}
        {cancelled && <Notice kind="info" testId="collab-import-cancelled">{t('collabImport.cancelled')}</Notice>}
        {preview && (
          <div data-testid="collab-import-previewed">
            <Notice kind="info">{t('collabImport.previewed', counts(preview))}</Notice>
            {preview.encoding && <p className="muted">{t('collabImport.encoding', { encoding: preview.encoding })}</p>}
            <div className="form-actions">
              <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void send(false)} data-testid="collab-import-commit">{t('collabImport.commit')}</button>
              <button type="button" className="btn" disabled={busy} onClick={cancel} data-testid="collab-import-cancel">{t('collabImport.cancel')}</button>
            </div>
          </div>
        )}
        {done && <Notice kind="success" testId="collab-import-done">{t('collabImport.done', counts(done))}</Notice>}
        <LineTable lines={linesOf(answer.problems)} caption={t('dashboard.importErrors')} testId="collab-import-errors" />
        <LineTable lines={linesOf(answer.warnings)} caption={t('board.warnings')} testId="collab-import-warnings" />
      </form>
    </section>
  );
}
