import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { organisations } from '../../api/endpoints';
import { ApiError } from '../../api/problem';
import type { OrganisationInput, OrganisationKind } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { orgName } from '../../components/listing';
import { Badge, ErrorMessage, Field, Notice } from '../../components/ui';
import { useAsync, useLang } from '../../lib/hooks';
import { regionLabel } from '../../lib/region';
import { IntermediaryServicesForm } from './IntermediaryServices';
import { ConsentPanel } from '../calls/ConsentPanel';

/** For a member without an organisation: register one, or ask to join an existing one. */
export function OrganisationPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { me, refresh } = useAuth();
  const defaultKind: OrganisationKind = me?.roles.includes('EnterpriseMember') ? 'Enterprise' : me?.roles.includes('TechnologyManager') ? 'Intermediary' : 'Institution';
  const [form, setForm] = useState<OrganisationInput>({ kind: defaultKind, institutionType: defaultKind === 'Institution' ? 'University' : null, nameZh: '', nameEn: '', creditCode: '', regionCode: '210200', regionName: '辽宁省大连市', industry: '' });
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const found = useAsync(() => organisations.search({ Q: q || undefined, Kind: defaultKind, PageSize: 10 }), [q, defaultKind]);
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  const set = (k: keyof OrganisationInput) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value || (k === 'institutionType' ? null : '') }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await organisations.register({ ...form, nameEn: form.nameEn || null, creditCode: form.creditCode || null, industry: form.industry || null });
      setNotice(t('org.registered'));
      await refresh();
    } catch (err) { setError(err); }
  };
  const join = async (id: string) => {
    setError(null);
    try { await organisations.requestMembership(id, null); setNotice(t('org.requested')); } catch (err) { setError(err); }
  };

  return (
    <section className="page" aria-labelledby="org-title" data-testid="organisation-page">
      <h1 id="org-title">{t('org.register')}</h1>
      {me?.organisation && <Notice>{orgName(me.organisation, lang)} · <Badge>{t(`verification.${me.organisation.verification}`)}</Badge></Notice>}
      {notice && <Notice kind="success">{notice}</Notice>}
      {me?.organisation?.kind === 'Intermediary' && <IntermediaryServicesForm organisationId={me.organisation.id} />}
      {me?.organisation?.verification === 'Verified' && me.organisation.kind !== 'Intermediary' && <ConsentPanel />}
      <ErrorMessage error={error} />
      <div className="two-col">
        <form className="form card" onSubmit={submit} noValidate data-testid="organisation-form">
          <Field label={t('org.nameZh')} name="nameZh" errors={fe}>{(p) => <input {...p} value={form.nameZh ?? ''} onChange={set('nameZh')} />}</Field>
          <Field label={t('org.nameEn')} name="nameEn" errors={fe}>{(p) => <input {...p} value={form.nameEn ?? ''} onChange={set('nameEn')} />}</Field>
          <Field label={t('org.kind')} name="kind" errors={fe}>
            {(p) => <select {...p} value={form.kind} onChange={set('kind')}>{(['Institution', 'Enterprise', 'Intermediary'] as const).map((k) => <option key={k} value={k}>{t(`orgKind.${k}`)}</option>)}</select>}
          </Field>
          {form.kind === 'Institution' && (
            <Field label={t('org.institutionType')} name="institutionType" errors={fe}>
              {(p) => <select {...p} value={form.institutionType ?? 'University'} onChange={set('institutionType')}><option value="University">{t('org.University')}</option><option value="ResearchInstitute">{t('org.ResearchInstitute')}</option></select>}
            </Field>
          )}
          <Field label={t('org.creditCode')} name="creditCode" errors={fe}>{(p) => <input {...p} value={form.creditCode ?? ''} onChange={set('creditCode')} maxLength={18} />}</Field>
          <div className="grid-2">
            <Field label={t('org.regionCode')} name="regionCode" errors={fe}>{(p) => <input {...p} value={form.regionCode ?? ''} onChange={set('regionCode')} inputMode="numeric" maxLength={6} />}</Field>
            <Field label={t('org.regionName')} name="regionName" errors={fe}>{(p) => <input {...p} value={form.regionName ?? ''} onChange={set('regionName')} />}</Field>
          </div>
          {form.kind === 'Enterprise' && <Field label={t('org.industry')} name="industry" errors={fe}>{(p) => <input {...p} value={form.industry ?? ''} onChange={set('industry')} />}</Field>}
          <button type="submit" className="btn btn-primary">{t('org.register')}</button>
        </form>
        <section className="card" aria-labelledby="join-title">
          <h2 id="join-title">{t('org.requestMembership')}</h2>
          <label htmlFor="org-q" className="sr-only">{t('common.search')}</label>
          <input id="org-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('common.search')} />
          <ul className="plain-list">
            {(found.data?.items ?? []).map((o) => (
              <li key={o.id}>{orgName(o, lang)} <small className="muted">{regionLabel(o, lang)}</small>{' '}
                <button type="button" className="btn btn-small" onClick={() => join(o.id)}>{t('org.requestMembership')}</button></li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
