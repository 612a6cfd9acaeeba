import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { auth as authApi, organisations } from '../api/endpoints';
import { ApiError } from '../api/problem';
import type { Me } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { orgName } from '../components/listing';
import { Badge, ErrorMessage, Field, Loading, Pager } from '../components/ui';
import { formatDateTime, joinList } from '../lib/format';
import { useAsync, useLang } from '../lib/hooks';
import { FormError, passwordErrors, type LoginState } from './Auth';
import { ManagerApplication } from './account/ManagerApplication';
import { ManagerTraining } from './account/ManagerTraining';
import { Section } from './account/Section';
import { MySessions } from './account/Sessions';

/** `/account`: who I am, my password and sign-ins, my data, my technology-manager application, and who saw our confidential details. */
export function AccountPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  if (!me) return <Loading />;
  const sections = [
    ['account-profile', t('account.profile')],
    ['account-manager', t('account.manager')],
    ['account-password', t('account.password')],
    ['account-sessions', t('account.sessions')],
    ...(me.organisation ? [['account-disclosures', t('account.disclosures')]] : []),
    ['account-data', t('account.data')],
  ];
  return (
    <section className="page account-page" aria-labelledby="account-title" data-testid="account-page">
      <h1 id="account-title">{t('account.title')}</h1>
      <nav className="section-nav" aria-label={t('account.sectionsNav')} data-testid="account-nav">
        {sections.map(([id, label]) => <a key={id} href={`#${id}`}>{label}</a>)}
      </nav>
      <ProfileSummary me={me} />
      <ManagerApplication me={me} />
      {me.managerApplication && <ManagerTraining me={me} />}
      <ChangePassword me={me} />
      <MySessions />
      {me.organisation && <Disclosures />}
      <MyData />
    </section>
  );
}

function ProfileSummary({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Section id="account-profile" title={t('account.profile')}>
      <dl className="meta wide-meta">
        <dt>{t('auth.displayName')}</dt><dd data-testid="account-name">{me.displayName}</dd>
        <dt>{t('auth.email')}</dt><dd data-testid="account-email">{me.email}</dd>
        <dt>{t('account.roles')}</dt>
        <dd className="badges" data-testid="account-roles">
          {me.roles.length === 0 && <span className="muted">{t('account.noRoles')}</span>}
          {me.roles.map((r) => <Badge key={r} tone="info" value={r}>{t(`role.${r}`, { defaultValue: r })}</Badge>)}
        </dd>
        <dt>{t('listing.organisation')}</dt>
        <dd>
          {me.organisation
            ? <>{orgName(me.organisation, lang)} <Badge tone={me.organisation.verification === 'Verified' ? 'good' : 'warn'}>{t(`verification.${me.organisation.verification}`)}</Badge></>
            : <>{t('account.noOrganisation')} <Link to="/workspace/organisation">{t('account.joinOrganisation')}</Link></>}
        </dd>
        <dt>{t('auth.preferredLanguage')}</dt><dd>{me.preferredLanguage === 'en' ? 'English' : '中文'}</dd>
      </dl>
    </Section>
  );
}

function ChangePassword({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (next !== again) { setMismatch(true); return; }
    setMismatch(false);
    setBusy(true);
    try {
      await authApi.changePassword(current, next);
      // Every session ended with the change, this one too: sign in again with the new password
      // (the sign-in page forgets the signed-in user).
      navigate('/login', { replace: true, state: { email: me.email, reason: 'passwordChanged' } satisfies LoginState });
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  const fe = { ...passwordErrors(error, 'newPassword'), ...(mismatch ? { again: [t('auth.mismatch')] } : {}) };
  return (
    <Section id="account-password" title={t('account.password')} lead={t('account.passwordLead')}>
      <form className="form narrow-form" onSubmit={submit} data-testid="password-form" noValidate>
        <input type="email" autoComplete="username" value={me.email} readOnly hidden />
        <Field label={t('account.currentPassword')} name="currentPassword" errors={fe}>
          {(p) => <input {...p} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} data-testid="password-current" />}
        </Field>
        <Field label={t('auth.newPassword')} name="newPassword" errors={fe} hint={t('auth.passwordRules')}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} data-testid="password-new" />}
        </Field>
        <Field label={t('auth.repeatPassword')} name="again" errors={fe}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} data-testid="password-repeat" />}
        </Field>
        <FormError error={error} fields={['currentPassword', 'newPassword']} testId="password-error" />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !current || !next} data-testid="password-submit">{t('account.changePassword')}</button>
        </div>
      </form>
    </Section>
  );
}

/** Who outside my organisation was shown the consent-gated fields of our listings. */
function Disclosures() {
  const { t } = useTranslation();
  const lang = useLang();
  const [page, setPage] = useState(1);
  const res = useAsync((signal) => organisations.disclosures({ page, pageSize: 20 }, signal), [page]);
  return (
    <Section id="account-disclosures" title={t('account.disclosures')} lead={t('disclosure.lead')}>
      <ErrorMessage error={res.error} onRetry={res.reload} />
      {res.loading && !res.data ? <Loading /> : null}
      {res.data && res.data.items.length === 0 && <p className="muted" data-testid="disclosures-empty">{t('disclosure.none')}</p>}
      {res.data && res.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table stack" data-testid="disclosures-list">
            <thead><tr>
              <th scope="col">{t('disclosure.at')}</th><th scope="col">{t('disclosure.listing')}</th><th scope="col">{t('disclosure.viewer')}</th>
              <th scope="col">{t('disclosure.fields')}</th><th scope="col">{t('disclosure.reason')}</th>
            </tr></thead>
            <tbody>
              {res.data.items.map((d) => (
                <tr key={d.id} data-testid="disclosure-row" data-reason={d.reason}>
                  <td data-label={t('disclosure.at')}>{formatDateTime(d.at, lang)}</td>
                  <td data-label={t('disclosure.listing')}>
                    <Link to={`/${d.isAchievement ? 'achievements' : 'needs'}/${d.listingId}`}>{d.listingTitle || t('common.unknown')}</Link>
                    <small className="muted block">{d.isAchievement ? t('nav.achievements') : t('nav.needs')}</small>
                  </td>
                  <td data-label={t('disclosure.viewer')}>{d.viewerName}{d.viewerOrganisationName ? <small className="muted block">{d.viewerOrganisationName}</small> : null}</td>
                  <td data-label={t('disclosure.fields')}>{joinList(d.fields.map((f) => t(`disclosure.field.${f}`, { defaultValue: f })), lang)}</td>
                  <td data-label={t('disclosure.reason')}>{t(`disclosure.reasons.${d.reason}`, { defaultValue: d.reason })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {res.data && <Pager page={res.data.page} pageSize={res.data.pageSize} total={res.data.total} onPage={setPage} />}
    </Section>
  );
}

function MyData() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const [erasing, setErasing] = useState(false);
  const [password, setPassword] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const exportData = async () => {
    setExportError(null);
    setExporting(true);
    try { await authApi.exportMyData(); } catch (e) { setExportError(e); } finally { setExporting(false); }
  };
  const erase = async (e: FormEvent) => {
    e.preventDefault();
    if (!understood || !password) return;
    setBusy(true);
    setError(null);
    try {
      await authApi.eraseMyAccount(password);
      navigate('/login', { replace: true, state: { reason: 'erased' } satisfies LoginState });
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  return (
    <Section id="account-data" title={t('account.data')}>
      <div className="data-block">
        <h3>{t('account.exportTitle')}</h3>
        <p className="muted small">{t('account.exportLead')}</p>
        <button type="button" className="btn" disabled={exporting} onClick={exportData} data-testid="account-export">{t('account.export')}</button>
        <ErrorMessage error={exportError} />
      </div>
      <div className="data-block danger-zone">
        <h3>{t('account.eraseTitle')}</h3>
        <p className="muted small">{t('account.eraseLead')}</p>
        {!erasing ? (
          <button type="button" className="btn btn-danger" onClick={() => setErasing(true)} data-testid="account-erase-open">{t('account.erase')}</button>
        ) : (
          <form className="form narrow-form" onSubmit={erase} data-testid="erase-form" noValidate>
            <Field label={t('account.erasePassword')} name="password" errors={fe}>
              {(p) => <input {...p} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="erase-password" />}
            </Field>
            <label className="check">
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} data-testid="erase-confirm" />
              {t('account.eraseConfirm')}
            </label>
            <FormError error={error} fields={['password']} testId="erase-error" />
            <div className="form-actions">
              <button type="submit" className="btn btn-danger-solid" disabled={busy || !understood || !password} data-testid="erase-submit">{t('account.eraseSubmit')}</button>
              <button type="button" className="btn btn-ghost" onClick={() => { setErasing(false); setPassword(''); setUnderstood(false); setError(null); }}>{t('common.cancel')}</button>
            </div>
          </form>
        )}
      </div>
    </Section>
  );
}
