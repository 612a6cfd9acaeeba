import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { filings } from '../../api/endpoints';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { INTERMEDIARY_SERVICES } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { Badge, DateText, ErrorMessage, Field, Loading, Notice } from '../../components/ui';
import { useAsync } from '../../lib/hooks';

type S = components['schemas'];
type Filing = S['FilingView'];

export const filingTone = (f: Filing) => (f.filed ? 'good' : f.expired || f.state === 'Returned' || f.state === 'Revoked' ? 'bad' : 'warn');

/** The state a person reads: "expired" for a filed record past its expiry date (docs/programmes.md). */
export function FilingState({ filing }: { filing: Filing }) {
  const { t } = useTranslation();
  return <Badge tone={filingTone(filing)} testId="filing-state" value={filing.expired ? 'Expired' : filing.state ?? undefined}>{filing.expired ? t('filing.expired') : t(`filing.states.${filing.state}`)}</Badge>;
}

const empty = (): S['FilingInput'] => ({
  services: [], staff: [{ name: '', role: '', credential: '' }], credentials: [], contactName: '', contactPhone: '', contactEmail: '',
});
const inputOf = (f: Filing): S['FilingInput'] => ({
  services: f.services, staff: f.staff, credentials: f.credentials, contactName: f.contactName, contactPhone: f.contactPhone, contactEmail: f.contactEmail,
});

/** An intermediary's members draft, revise and submit its filing with the bureau, and follow its state. */
export function FilingPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const organisationId = me?.organisation?.kind === 'Intermediary' ? me.organisation.id : null;
  const list = useAsync((s) => filings.list({}, s), [organisationId], !!organisationId);
  const current = list.data?.find((f) => f.state !== 'Revoked') ?? null;
  const [form, setForm] = useState<S['FilingInput'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const editable = !current || current.state === 'Draft' || current.state === 'Returned';
  const f = form ?? (current ? inputOf(current) : empty());
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  const set = (patch: Partial<S['FilingInput']>) => setForm({ ...f, ...patch });

  if (!organisationId) return <section className="page"><h1>{t('filing.title')}</h1><Notice kind="warning">{t('filing.notIntermediary')}</Notice></section>;

  const act = async (action: () => Promise<Filing>, message: string) => {
    setError(null); setNotice(null);
    try {
      await action();
      setForm(null);
      setNotice(message);
      list.reload();
    } catch (x) { setError(x); if (x instanceof ApiError && x.isStale) { setForm(null); list.reload(); } }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void act(() => (current ? filings.revise(current.id, f, Number(current.version)) : filings.draft(organisationId, f)), t('filing.saved'));
  };
  const staffAt = (i: number, patch: Partial<S['FilingStaffInput']>) => set({ staff: f.staff.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const credentialAt = (i: number, patch: Partial<S['FilingCredentialInput']>) => set({ credentials: f.credentials.map((c, j) => (j === i ? { ...c, ...patch } : c)) });

  return (
    <section className="page" aria-labelledby="filing-title" data-testid="filing-page">
      <header className="page-header">
        <h1 id="filing-title">{t('filing.title')}</h1>
        <p className="muted">{t('filing.lead')}</p>
      </header>
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {notice && <Notice kind="success" testId="filing-notice">{notice}</Notice>}
      {current && (
        <dl className="meta wide-meta card" data-testid="filing-status">
          <dt>{t('filing.state')}</dt><dd><FilingState filing={current} /></dd>
          {current.filingNumber && <><dt>{t('filing.number')}</dt><dd data-testid="filing-number">{current.filingNumber}</dd></>}
          {current.filedOn && <><dt>{t('filing.filedOn')}</dt><dd><DateText value={current.filedOn} /></dd></>}
          {current.expiresOn && <><dt>{t('filing.expiresOn')}</dt><dd><DateText value={current.expiresOn} /></dd></>}
          {current.state === 'Returned' && <><dt>{t('filing.returnReason')}</dt><dd data-testid="filing-return-reason">{current.returnReason}</dd></>}
        </dl>
      )}
      {list.data && (
        <form className="form card" onSubmit={save} noValidate data-testid="filing-form">
          <fieldset disabled={!editable}>
            <fieldset className={fe?.services ? 'field-invalid' : undefined}>
              <legend>{t('filing.services')}</legend>
              {INTERMEDIARY_SERVICES.map((s) => (
                <label key={s} className="check"><input type="checkbox" checked={f.services.includes(s)} data-testid={`filing-service-${s}`}
                  onChange={() => set({ services: f.services.includes(s) ? f.services.filter((x) => x !== s) : [...f.services, s] })} /> {t(`directory.services.${s}`)}</label>
              ))}
              {fe?.services && <small className="field-error">{fe.services.join(' ')}</small>}
            </fieldset>
            <fieldset>
              <legend>{t('filing.staff')}</legend>
              {fe?.staff && <small className="field-error">{fe.staff.join(' ')}</small>}
              {f.staff.map((s, i) => (
                <div className="grid-3" key={i}>
                  <Field label={t('filing.staffName')} name={`staff[${i}].name`} errors={fe}>{(q) => <input {...q} value={s.name} maxLength={100} onChange={(e) => staffAt(i, { name: e.target.value })} data-testid={`filing-staff-name-${i}`} />}</Field>
                  <Field label={t('filing.staffRole')} name={`staff[${i}].role`} errors={fe}>{(q) => <input {...q} value={s.role} maxLength={100} onChange={(e) => staffAt(i, { role: e.target.value })} data-testid={`filing-staff-role-${i}`} />}</Field>
                  <Field label={t('filing.staffCredential')} name={`staff[${i}].credential`} errors={fe}>{(q) => <input {...q} value={s.credential ?? ''} maxLength={200} onChange={(e) => staffAt(i, { credential: e.target.value })} />}</Field>
                </div>
              ))}
              <button type="button" className="btn btn-ghost" onClick={() => set({ staff: [...f.staff, { name: '', role: '', credential: '' }] })}>{t('filing.addStaff')}</button>
              {f.staff.length > 1 && <button type="button" className="btn btn-ghost" onClick={() => set({ staff: f.staff.slice(0, -1) })}>{t('filing.removeLast')}</button>}
            </fieldset>
            <fieldset>
              <legend>{t('filing.credentials')}</legend>
              {f.credentials.map((c, i) => (
                <div className="grid-2" key={i}>
                  <Field label={t('filing.credentialName')} name={`credentials[${i}].name`} errors={fe}>{(q) => <input {...q} value={c.name} maxLength={200} onChange={(e) => credentialAt(i, { name: e.target.value })} data-testid={`filing-credential-name-${i}`} />}</Field>
                  <Field label={t('filing.credentialNumber')} name={`credentials[${i}].number`} errors={fe}>{(q) => <input {...q} value={c.number} maxLength={100} onChange={(e) => credentialAt(i, { number: e.target.value })} data-testid={`filing-credential-number-${i}`} />}</Field>
                  <Field label={t('filing.credentialIssuer')} name={`credentials[${i}].issuer`} errors={fe}>{(q) => <input {...q} value={c.issuer} maxLength={200} onChange={(e) => credentialAt(i, { issuer: e.target.value })} data-testid={`filing-credential-issuer-${i}`} />}</Field>
                  <Field label={t('filing.validUntil')} name={`credentials[${i}].validUntil`} errors={fe}>{(q) => <input {...q} type="date" value={c.validUntil ?? ''} onChange={(e) => credentialAt(i, { validUntil: e.target.value || null })} />}</Field>
                </div>
              ))}
              <button type="button" className="btn btn-ghost" onClick={() => set({ credentials: [...f.credentials, { name: '', number: '', issuer: '', validUntil: null }] })} data-testid="filing-add-credential">{t('filing.addCredential')}</button>
              {f.credentials.length > 0 && <button type="button" className="btn btn-ghost" onClick={() => set({ credentials: f.credentials.slice(0, -1) })}>{t('filing.removeLast')}</button>}
            </fieldset>
            <div className="grid-3">
              <Field label={t('filing.contactName')} name="contactName" errors={fe}>{(q) => <input {...q} value={f.contactName} maxLength={100} onChange={(e) => set({ contactName: e.target.value })} data-testid="filing-contact-name" />}</Field>
              <Field label={t('filing.contactPhone')} name="contactPhone" errors={fe}>{(q) => <input {...q} type="tel" value={f.contactPhone} maxLength={40} onChange={(e) => set({ contactPhone: e.target.value })} data-testid="filing-contact-phone" />}</Field>
              <Field label={t('filing.contactEmail')} name="contactEmail" errors={fe}>{(q) => <input {...q} type="email" value={f.contactEmail} maxLength={200} onChange={(e) => set({ contactEmail: e.target.value })} data-testid="filing-contact-email" />}</Field>
            </div>
          </fieldset>
          <ErrorMessage error={error} testId="filing-error" />
          {editable && (
            <div className="form-actions">
              <button type="submit" className="btn" data-testid="filing-save">{current ? t('filing.saveChanges') : t('filing.saveDraft')}</button>
              {current && <button type="button" className="btn btn-primary" data-testid="filing-submit" disabled={form !== null}
                onClick={() => void act(() => filings.submit(current.id, Number(current.version)), t('filing.submittedNotice'))}>{t('filing.submit')}</button>}
            </div>
          )}
          {editable && current && form !== null && <p className="muted small">{t('filing.saveFirst')}</p>}
        </form>
      )}
    </section>
  );
}
