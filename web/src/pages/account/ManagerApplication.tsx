import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { managers } from '../../api/endpoints';
import { ApiError } from '../../api/problem';
import { CERTIFICATION_LEVELS, type CertificationLevel, type Me, type TechnologyManager } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { Badge, DateText, ErrorMessage, Field, Loading, Notice, verificationTone } from '../../components/ui';
import { useAsync } from '../../lib/hooks';
import { FormError } from '../Auth';
import { Section } from './Section';

type ManagerForm = { bio: string; certificationNumber: string; certificationLevel: CertificationLevel | ''; issuingBody: string; certificationExpiresOn: string; certificationIssuedOn: string };
const formOf = (p: TechnologyManager | null | undefined): ManagerForm => ({
  bio: p?.bio ?? '', certificationNumber: p?.certificationNumber ?? '', certificationLevel: p?.certificationLevel ?? '',
  issuingBody: p?.issuingBody ?? '', certificationExpiresOn: p?.certificationExpiresOn ?? '', certificationIssuedOn: p?.certificationIssuedOn ?? '',
});

/** The technology-manager application: its status, and the certification form (applicants, managers, and anyone who wants to apply). */
export function ManagerApplication({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { refresh } = useAuth();
  const applied = !!me.managerApplication;
  const profile = useAsync(async (signal) => {
    try { return await managers.get(me.id, signal); } catch (e) { if (e instanceof ApiError && e.status === 404) return null; throw e; }
  }, [me.id, applied], applied);
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<ManagerForm | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const p = profile.data;
  const f = form ?? formOf(p);
  const set = (k: keyof ManagerForm) => (e: { target: { value: string } }) => setForm({ ...f, [k]: e.target.value });
  const status = p?.verification ?? me.managerApplication?.verification ?? null;
  const valid = p?.certificationValid ?? me.managerApplication?.certificationValid ?? false;
  const expires = p?.certificationExpiresOn ?? me.managerApplication?.certificationExpiresOn ?? null;
  const showForm = open || (applied && !profile.loading);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const saved = await managers.saveMine({
        bio: f.bio.trim() || null, certificationNumber: f.certificationNumber.trim() || null,
        certificationLevel: f.certificationLevel || null, issuingBody: f.issuingBody.trim() || null,
        certificationExpiresOn: f.certificationExpiresOn || null, certificationIssuedOn: f.certificationIssuedOn || null, version: p?.version ?? null,
      });
      profile.setData(saved);
      setForm(null);
      setNotice(saved.verification === 'Pending' ? t('manager.submitted') : t('manager.saved'));
      await refresh();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.isStale) { setForm(null); profile.reload(); }
    } finally { setBusy(false); }
  };
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;

  return (
    <Section id="account-manager" title={t('account.manager')} lead={t('manager.lead')}>
      {applied && (
        <dl className="meta wide-meta" data-testid="manager-application">
          <dt>{t('admin.verification')}</dt>
          <dd><Badge tone={verificationTone(status)} testId="manager-status" value={status ?? ''}>{t(`verification.${status}`)}</Badge></dd>
          <dt>{t('manager.powers')}</dt>
          <dd data-testid="manager-powers" data-value={String(me.roles.includes('TechnologyManager'))}>
            {me.roles.includes('TechnologyManager') ? t('manager.powersOn') : t('manager.powersOff')}
          </dd>
          {expires && <><dt>{t('admin.expires')}</dt><dd><DateText value={expires} />{status === 'Verified' && !valid ? <> <Badge tone="bad">{t('manager.expired')}</Badge></> : null}</dd></>}
          {p?.verifiedAt && <><dt>{t('manager.decidedAt')}</dt><dd><DateText value={p.verifiedAt} /></dd></>}
        </dl>
      )}
      {applied && status === 'Pending' && !p?.certificationNumber && !profile.loading && <Notice kind="warning" testId="manager-needs-certification">{t('manager.needsCertification')}</Notice>}
      {applied && status === 'Pending' && p?.certificationNumber && <Notice testId="manager-waiting">{t('manager.waiting')}</Notice>}
      {applied && status === 'Rejected' && <Notice kind="warning">{t('manager.rejected')}</Notice>}
      {applied && status === 'Verified' && <p className="muted small">{t('manager.changeResets')}</p>}
      {notice && <Notice kind="success" testId="manager-notice">{notice}</Notice>}
      <ErrorMessage error={profile.error} onRetry={profile.reload} />
      {!applied && !open && (
        <div>
          <p>{t('manager.applyLead')}</p>
          <button type="button" className="btn btn-primary" onClick={() => setOpen(true)} data-testid="manager-apply">{t('manager.apply')}</button>
        </div>
      )}
      {applied && profile.loading && !p && <Loading />}
      {showForm && (
        <form className="form" onSubmit={submit} data-testid="manager-form" noValidate>
          <div className="grid-2">
            <Field label={t('manager.certificationNumber')} name="certificationNumber" errors={fe} hint={t('manager.certificationHint')}>
              {(q) => <input {...q} value={f.certificationNumber} maxLength={64} onChange={set('certificationNumber')} data-testid="manager-number" />}
            </Field>
            <Field label={t('manager.level')} name="certificationLevel" errors={fe}>
              {(q) => (
                <select {...q} value={f.certificationLevel} onChange={set('certificationLevel')} data-testid="manager-level">
                  <option value="">{t('manager.levelNone')}</option>
                  {CERTIFICATION_LEVELS.map((l) => <option key={l} value={l}>{t(`manager.levels.${l}`)}</option>)}
                </select>
              )}
            </Field>
          </div>
          <div className="grid-2">
            <Field label={t('manager.issuingBody')} name="issuingBody" errors={fe}>
              {(q) => <input {...q} value={f.issuingBody} maxLength={200} placeholder={t('manager.issuingBodyExample')} onChange={set('issuingBody')} data-testid="manager-issuer" />}
            </Field>
            <Field label={t('admin.expires')} name="certificationExpiresOn" errors={fe}>
              {(q) => <input {...q} type="date" value={f.certificationExpiresOn} onChange={set('certificationExpiresOn')} data-testid="manager-expires" />}
            </Field>
          </div>
          <Field label={t('filing.issuedOn')} name="certificationIssuedOn" errors={fe}>
            {(q) => <input {...q} type="date" value={f.certificationIssuedOn} onChange={set('certificationIssuedOn')} data-testid="manager-issued" />}
          </Field>
          <Field label={t('manager.bio')} name="bio" errors={fe} hint={t('manager.bioHint')}>
            {(q) => <textarea {...q} rows={3} value={f.bio} maxLength={2000} onChange={set('bio')} data-testid="manager-bio" />}
          </Field>
          <FormError error={error} fields={['bio', 'certificationNumber', 'certificationLevel', 'issuingBody', 'certificationExpiresOn', 'certificationIssuedOn']} testId="manager-error" />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="manager-save">{applied ? t('manager.save') : t('manager.submit')}</button>
            {!applied && <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>{t('common.cancel')}</button>}
          </div>
        </form>
      )}
    </Section>
  );
}
