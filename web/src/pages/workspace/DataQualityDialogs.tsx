import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { data, http } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { ErrorMessage, Field } from '../../components/ui';

export type Finding = components['schemas']['QualityFinding'];
type QualityContract = components['schemas']['QualityContract'];

/** A contract as a finding names it: its registration number, else "unregistered". */
export function contractLabel(c: QualityContract, unregistered: string) {
  return c.registrationNumber ?? `${unregistered} (${c.projectName})`;
}

/** The reason a person types, required by the server: its 400 names `reason` and the field shows it. */
function ReasonField({ value, onChange, errors, testId }: { value: string; onChange: (v: string) => void; errors: unknown; testId: string }) {
  const { t } = useTranslation();
  const fe = errors instanceof ApiError ? errors.fieldErrors : undefined;
  return (
    <Field label={t('quality.reason')} name="reason" errors={fe} hint={t('quality.reasonHint')}>
      {(p) => <textarea {...p} rows={3} maxLength={500} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} />}
    </Field>
  );
}

/** Dismisses a finding with a required reason (`POST /api/contracts/quality/dismissals`). */
export function DismissDialog({ finding, onCancel, onDone }: { finding: Finding; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await data(http.POST('/api/contracts/quality/dismissals', { body: { code: finding.code, contractIds: finding.contracts.map((c) => c.id), reason } }));
      onDone();
    } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <form className="dialog card form" role="dialog" aria-modal="true" aria-labelledby="dismiss-title" data-testid="dismiss-dialog"
        onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <h2 id="dismiss-title">{t('quality.dismissTitle')}</h2>
        <p className="muted">{finding.message}</p>
        <ReasonField value={reason} onChange={setReason} errors={error} testId="dismiss-reason" />
        <ErrorMessage error={error instanceof ApiError && error.fieldErrors.reason ? null : error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="dismiss-confirm">{t('quality.dismiss')}</button>
          <button type="button" className="btn btn-ghost" onClick={onCancel}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}

/**
 * Marks the records of a probable duplicate as second records of the one kept (`POST /api/contracts/{id}/duplicate`
 * for each of the others), with a required reason: the indicators then count the kept one only.
 */
export function MarkDuplicateDialog({ finding, onCancel, onDone }: { finding: Finding; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const open = finding.contracts.filter((c) => !c.duplicateOfContractId);
  const [keep, setKeep] = useState(open[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      for (const c of open.filter((x) => x.id !== keep)) {
        await data(http.POST('/api/contracts/{id}/duplicate', { params: { path: { id: c.id } }, body: { version: c.version, duplicateOfContractId: keep, reason } }));
      }
      onDone();
    } catch (e) { setError(e); } finally { setBusy(false); }
  };
  const unregistered = t('contractRecords.unregistered');
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <form className="dialog card form" role="dialog" aria-modal="true" aria-labelledby="mark-title" data-testid="mark-duplicate-dialog"
        onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <h2 id="mark-title">{t('quality.markTitle')}</h2>
        <fieldset>
          <legend>{t('quality.keep')}</legend>
          {open.map((c) => (
            <label key={c.id} className="choice">
              <input type="radio" name="keep" value={c.id} checked={keep === c.id} onChange={() => setKeep(c.id)} data-testid="mark-keep" />{' '}
              {contractLabel(c, unregistered)}
            </label>
          ))}
        </fieldset>
        <p className="muted small">{t('quality.markHint')}</p>
        <ReasonField value={reason} onChange={setReason} errors={error} testId="mark-reason" />
        <ErrorMessage error={error instanceof ApiError && error.fieldErrors.reason ? null : error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !keep} data-testid="mark-confirm">{t('quality.markDuplicate')}</button>
          <button type="button" className="btn btn-ghost" onClick={onCancel}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}
