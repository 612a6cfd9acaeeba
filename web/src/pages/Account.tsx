import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { auth as authApi, managers, organisations } from '../api/endpoints';
import { useCapabilities } from '../api/capabilities';
import { ApiError } from '../api/problem';
import { CERTIFICATION_LEVELS, type CertificationLevel, type Me, type Session, type TechnologyManager } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { orgName } from '../components/listing';
import { Badge, DateText, ErrorMessage, Field, Loading, Notice, NotAvailable, Pager } from '../components/ui';
import { formatDateTime, joinList } from '../lib/format';
import { useAsync, useLang } from '../lib/hooks';
import { describeUserAgent } from '../lib/useragent';
import { FormError, passwordErrors, type LoginState } from './Auth';

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
      <ChangePassword me={me} />
      <MySessions />
      {me.organisation && <Disclosures />}
      <MyData />
    </section>
  );
}

function Section({ id, title, lead, children }: { id: string; title: string; lead?: string; children: React.ReactNode }) {
  return (
    <section className="card account-section" id={id} aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {lead && <p className="muted small">{lead}</p>}
      {children}
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

const verificationTone = (v: string | null | undefined) => (v === 'Verified' ? 'good' : v === 'Rejected' ? 'bad' : 'warn');

type ManagerForm = { bio: string; certificationNumber: string; certificationLevel: CertificationLevel | ''; issuingBody: string; certificationExpiresOn: string };
const formOf = (p: TechnologyManager | null | undefined): ManagerForm => ({
  bio: p?.bio ?? '', certificationNumber: p?.certificationNumber ?? '', certificationLevel: p?.certificationLevel ?? '',
  issuingBody: p?.issuingBody ?? '', certificationExpiresOn: p?.certificationExpiresOn ?? '',
});

/** The technology-manager application: its status, and the certification form (applicants, managers, and anyone who wants to apply). */
function ManagerApplication({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { refresh } = useAuth();
  const caps = useCapabilities();
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
        certificationExpiresOn: f.certificationExpiresOn || null, version: p?.version ?? null,
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

  if (!caps.has('put', '/api/technology-managers/me')) {
    return <Section id="account-manager" title={t('account.manager')}><NotAvailable what="PUT /api/technology-managers/me" /></Section>;
  }
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
          <Field label={t('manager.bio')} name="bio" errors={fe} hint={t('manager.bioHint')}>
            {(q) => <textarea {...q} rows={3} value={f.bio} maxLength={2000} onChange={set('bio')} data-testid="manager-bio" />}
          </Field>
          <FormError error={error} fields={['bio', 'certificationNumber', 'certificationLevel', 'issuingBody', 'certificationExpiresOn']} testId="manager-error" />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="manager-save">{applied ? t('manager.save') : t('manager.submit')}</button>
            {!applied && <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>{t('common.cancel')}</button>}
          </div>
        </form>
      )}
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

/** Sign-ins as a list (mine with "end", or an account's for administrators). */
export function SessionList({ sessions, onEnd, testId = 'sessions-list' }: { sessions: Session[]; onEnd?: (s: Session) => void; testId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (sessions.length === 0) return <p className="muted" data-testid={`${testId}-empty`}>{t('account.noSessions')}</p>;
  return (
    <div className="table-wrap">
      <table className="table stack" data-testid={testId}>
        <thead><tr>
          <th scope="col">{t('account.device')}</th><th scope="col">{t('account.started')}</th><th scope="col">{t('account.lastActive')}</th>
          <th scope="col">{t('account.address')}</th><th scope="col">{t('listing.status')}</th>{onEnd && <th scope="col"><span className="sr-only">{t('account.endSession')}</span></th>}
        </tr></thead>
        <tbody>
          {sessions.map((s) => {
            const ended = !!s.revokedAt;
            return (
              <tr key={s.id} data-testid="session-row" data-id={s.id} data-current={String(s.current)} data-active={String(!ended)} className={s.current ? 'current' : ended ? 'ended' : ''}>
                <td data-label={t('account.device')}>
                  <strong>{describeUserAgent(s.userAgent) || t('account.unknownDevice')}</strong>
                  <small className="muted block">{t(`account.kind.${s.kind}`, { defaultValue: s.kind })}</small>
                </td>
                <td data-label={t('account.started')}>{formatDateTime(s.createdAt, lang)}</td>
                <td data-label={t('account.lastActive')}>{s.refreshedAt ? formatDateTime(s.refreshedAt, lang) : '—'}</td>
                <td data-label={t('account.address')}>{s.ipAddress || '—'}</td>
                <td data-label={t('listing.status')}>
                  {s.current ? <Badge tone="info" testId="session-current">{t('account.thisSession')}</Badge>
                    : ended ? <Badge>{t('account.ended')}{s.revokedReason ? ` · ${t(`account.revoked.${s.revokedReason}`, { defaultValue: s.revokedReason })}` : ''}</Badge>
                      : <Badge tone="good">{t('account.active')}</Badge>}
                  {ended && <small className="muted block">{formatDateTime(s.revokedAt, lang)}</small>}
                </td>
                {onEnd && (
                  <td className="actions-cell">
                    {!ended && !s.current && <button type="button" className="btn btn-small btn-danger" onClick={() => onEnd(s)} data-testid="session-end">{t('account.endSession')}</button>}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function MySessions() {
  const { t } = useTranslation();
  const list = useAsync(() => authApi.sessions(), []);
  const [showEnded, setShowEnded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const end = async (s: Session) => {
    setError(null);
    setNotice(null);
    try {
      await authApi.endSession(s.id);
      setNotice(t('account.sessionEnded'));
    } catch (e) { setError(e); }
    list.reload();
  };
  const all = list.data ?? [];
  const active = all.filter((s) => !s.revokedAt);
  const shown = showEnded ? all : active;
  const ended = all.length - active.length;
  return (
    <Section id="account-sessions" title={t('account.sessions')} lead={t('account.sessionsLead')}>
      {notice && <Notice kind="success" testId="sessions-notice">{notice}</Notice>}
      <ErrorMessage error={error ?? list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : <SessionList sessions={shown} onEnd={end} />}
      {ended > 0 && (
        <button type="button" className="btn btn-small btn-ghost" aria-pressed={showEnded} onClick={() => setShowEnded((x) => !x)} data-testid="sessions-show-ended">
          {showEnded ? t('account.hideEnded') : t('account.showEnded', { count: ended })}
        </button>
      )}
    </Section>
  );
}

/** Who outside my organisation was shown the consent-gated fields of our listings. */
function Disclosures() {
  const { t } = useTranslation();
  const lang = useLang();
  const caps = useCapabilities();
  const available = caps.has('get', '/api/organisations/mine/disclosures');
  const [page, setPage] = useState(1);
  const res = useAsync((signal) => organisations.disclosures({ page, pageSize: 20 }, signal), [page, available], available);
  return (
    <Section id="account-disclosures" title={t('account.disclosures')} lead={t('disclosure.lead')}>
      {!available ? <NotAvailable what="GET /api/organisations/mine/disclosures" /> : (
        <>
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
        </>
      )}
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
