import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { listings, type ListingKind } from '../../api/endpoints';
import { ApiError } from '../../api/problem';
import { DateText, ErrorMessage, Field, Notice } from '../../components/ui';

/** An administrator takes a published record out of the catalogue; the reason goes to its owner. */
export function UnpublishAction({ kind, id, version, onDone }: { kind: ListingKind; id: string; version: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!open) {
    return <button type="button" className="btn btn-danger" onClick={() => setOpen(true)} data-testid="unpublish-open">{t('moderation.unpublish')}</button>;
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true); setError(null);
    try { await listings.unpublish(kind, id, reason, version); setOpen(false); onDone(); } catch (x) { setError(x); } finally { setBusy(false); }
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="unpublish-title" data-testid="unpublish-form">
      <h2 id="unpublish-title">{t('moderation.unpublishTitle')}</h2>
      <Field label={t('moderation.reason')} name="reason" hint={t('moderation.reasonHint')} errors={error instanceof ApiError ? error.fieldErrors : undefined}>
        {(p) => <textarea {...p} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} required />}
      </Field>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="btn btn-danger" disabled={busy} data-testid="unpublish-confirm">{t('moderation.confirm')}</button>
        <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>{t('moderation.cancel')}</button>
      </div>
    </form>
  );
}

/** What the owner sees on a record an administrator unpublished. */
export function ModerationNotice({ reason, at }: { reason: string | null | undefined; at: string | null | undefined }) {
  const { t } = useTranslation();
  if (!reason) return null;
  return (
    <Notice kind="warning" testId="moderation-notice">
      <strong>{t('moderation.ownerTitle')}</strong>{at ? <> · {t('moderation.at')} <DateText value={at} /></> : null}
      <br />{t('moderation.ownerLead', { reason })}
      <br /><small>{t('moderation.ownerNext')}</small>
    </Notice>
  );
}
