import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { auth as authApi } from '../api/endpoints';
import { ApiError, describeError } from '../api/problem';
import { SELF_REGISTER_ROLES, type Role } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorMessage, Field, Loading, Notice } from '../components/ui';
import { useLang } from '../lib/hooks';
import { usePortal } from '../lib/portal';
import { homeFor } from './workspace/WorkspaceHome';

/** What other pages tell the sign-in page when they send the visitor there. */
export type LoginState = {
  from?: string;
  email?: string;
  /** Why the visitor is here: a notice above the form. */
  reason?: 'confirmed' | 'passwordReset' | 'passwordChanged' | 'erased' | 'sessionEnded';
};

/** The sign-in failures the page explains itself (the server's 429 texts are shown as they come). */
const LOGIN_CODES = ['invalid_credentials', 'email_not_confirmed', 'account_deactivated'] as const;

/** Field errors of a password form: the API names the new password `password` or `newPassword`. */
function passwordErrors(error: unknown, field: string): Record<string, string[]> | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const fe = { ...error.fieldErrors };
  const msgs = [...(fe.password ?? []), ...(fe.newPassword ?? [])];
  delete fe.password;
  delete fe.newPassword;
  if (msgs.length) fe[field] = msgs;
  return fe;
}

/** A form's error below its fields, unless every message is already shown next to a field. */
function FormError({ error, fields, testId }: { error: unknown; fields: string[]; testId: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (error instanceof ApiError && error.status === 400 && error.problem.errors) {
    const keys = Object.keys(error.fieldErrors).map((k) => (k === 'password' || k === 'newPassword' ? fields.find((f) => f.toLowerCase().includes('password')) ?? k : k));
    if (keys.every((k) => fields.includes(k))) {
      return <div className="alert alert-error" role="alert" data-testid={testId}><p>{t('errors.validation')}</p></div>;
    }
  }
  return <ErrorMessage error={error} testId={testId} />;
}

/** "Send the confirmation mail again" for an address; always answered 202 by the server. */
function ResendConfirmation({ email, testId, compact }: { email: string; testId: string; compact?: boolean }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'busy' | 'sent'>('idle');
  const [error, setError] = useState<unknown>(null);
  const send = async () => {
    setState('busy');
    setError(null);
    try {
      await authApi.resendConfirmation(email);
      setState('sent');
    } catch (e) { setError(e); setState('idle'); }
  };
  return (
    <div className={compact ? 'inline-actions' : 'form-actions'}>
      <button type="button" className="btn btn-small" disabled={state === 'busy' || !email} onClick={send} data-testid={testId}>
        {state === 'sent' ? t('auth.resendAgain') : t('auth.resend')}
      </button>
      {state === 'sent' && <span className="badge badge-good" role="status" data-testid={`${testId}-sent`}>{t('auth.resent')}</span>}
      <ErrorMessage error={error} />
    </div>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const { login, forget } = useAuth();
  const portal = usePortal();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state as LoginState | null) ?? {};
  // Sent here because the session ended on the server (password changed, account erased): forget the user here too.
  const ended = state.reason === 'passwordChanged' || state.reason === 'erased' || state.reason === 'sessionEnded';
  useEffect(() => { if (ended) forget(); }, [ended, forget]);
  const [email, setEmail] = useState(state.email ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await login(email.trim(), password);
      navigate(state.from && state.from !== '/login' ? state.from : homeFor(me), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const code = error instanceof ApiError ? error.code : undefined;
  const known = error instanceof ApiError && error.status === 401 && LOGIN_CODES.includes(code as never);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : undefined;

  return (
    <section className="page narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('auth.loginTitle')}</h1>
      {state.reason && <Notice kind="success" testId="login-notice">{t(`auth.notice.${state.reason}`)}</Notice>}
      <form className="form card" onSubmit={submit} data-testid="login-form" noValidate>
        <Field label={t('auth.email')} name="email" errors={fieldErrors}>
          {(p) => <input {...p} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="login-email" />}
        </Field>
        <Field label={t('auth.password')} name="password" errors={fieldErrors}>
          {(p) => <input {...p} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />}
        </Field>
        <p className="field-aside"><Link to="/forgot-password" state={{ email: email.trim() }} data-testid="login-forgot">{t('auth.forgot')}</Link></p>
        {known ? (
          <div className="alert alert-error" role="alert" data-testid="login-error" data-code={code}>
            <p>{t(`auth.code.${code}`)}</p>
            {code === 'email_not_confirmed' && <ResendConfirmation email={email.trim()} testId="login-resend" compact />}
          </div>
        ) : error ? (
          <div data-code={code}><ErrorMessage error={error} testId="login-error" /></div>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="login-submit">{t('auth.submit')}</button>
        {portal?.demoPassword && <p className="muted small" data-testid="login-demo-hint">{t('auth.demoHint', { password: portal.demoPassword })}</p>}
        <p>{t('auth.noAccount')} <Link to="/register">{t('nav.register')}</Link></p>
      </form>
    </section>
  );
}

export function RegisterPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [form, setForm] = useState<{ email: string; password: string; displayName: string; role: Role }>({ email: '', password: '', displayName: '', role: 'InstitutionMember' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : undefined;
  const set = (k: 'email' | 'password' | 'displayName') => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const accepted = await authApi.register({ ...form, email: form.email.trim(), displayName: form.displayName.trim(), preferredLanguage: lang });
      // The same answer for new and existing addresses: the person confirms from the mail, then signs in.
      setSentTo(accepted?.email || form.email.trim());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (sentTo) {
    return (
      <section className="page narrow" aria-labelledby="register-title">
        <h1 id="register-title">{t('auth.checkMailTitle')}</h1>
        <div className="card stack" data-testid="register-done">
          <p>{t('auth.checkMail', { email: sentTo })}</p>
          {form.role === 'TechnologyManager' && <p className="muted">{t('auth.managerNext')}</p>}
          <p className="muted small">{t('auth.checkMailHint')}</p>
          <ResendConfirmation email={sentTo} testId="register-resend" />
          <p><Link className="btn btn-primary" to="/login" state={{ email: sentTo } satisfies LoginState}>{t('auth.toLogin')}</Link></p>
        </div>
      </section>
    );
  }

  return (
    <section className="page narrow" aria-labelledby="register-title">
      <h1 id="register-title">{t('auth.registerTitle')}</h1>
      <form className="form card" onSubmit={submit} data-testid="register-form" noValidate>
        <fieldset className="field choice-group" data-testid="register-role">
          <legend>{t('auth.role')}</legend>
          {SELF_REGISTER_ROLES.map((r) => (
            <label key={r} className={`choice ${form.role === r ? 'chosen' : ''}`}>
              <input type="radio" name="role" value={r} checked={form.role === r} onChange={() => setForm((f) => ({ ...f, role: r }))} data-testid={`register-role-${r}`} />
              <span>
                <strong>{t(`auth.roleChoice.${r}`)}</strong>
                <small>{t(`auth.roleHint.${r}`)}</small>
              </span>
            </label>
          ))}
          {fieldErrors?.role && <small className="field-error" data-testid="field-error-role">{fieldErrors.role.join(' ')}</small>}
        </fieldset>
        <Field label={t('auth.displayName')} name="displayName" errors={fieldErrors}>
          {(p) => <input {...p} autoComplete="name" value={form.displayName} onChange={set('displayName')} data-testid="register-name" />}
        </Field>
        <Field label={t('auth.email')} name="email" errors={fieldErrors} hint={t('auth.emailHint')}>
          {(p) => <input {...p} type="email" autoComplete="email" value={form.email} onChange={set('email')} data-testid="register-email" />}
        </Field>
        <Field label={t('auth.password')} name="password" errors={fieldErrors} hint={t('auth.passwordRules')}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={form.password} onChange={set('password')} data-testid="register-password" />}
        </Field>
        <FormError error={error} fields={['displayName', 'email', 'password', 'role']} testId="register-error" />
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="register-submit">{t('auth.registerSubmit')}</button>
        <p>{t('auth.haveAccount')} <Link to="/login">{t('nav.login')}</Link></p>
      </form>
    </section>
  );
}

/** One confirmation per link, also when React runs the effect twice (StrictMode). */
const confirmations = new Map<string, Promise<void>>();

/** `/confirm-email?userId=..&token=..`, the link of the confirmation mail. */
export function ConfirmEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const userId = params.get('userId') ?? '';
  const token = params.get('token') ?? '';
  const [state, setState] = useState<'busy' | 'done' | 'failed'>(userId && token ? 'busy' : 'failed');
  const [error, setError] = useState<unknown>(null);
  const [email, setEmail] = useState('');

  useEffect(() => {
    if (!userId || !token) return;
    const key = `${userId}\n${token}`;
    let promise = confirmations.get(key);
    if (!promise) {
      promise = authApi.confirmEmail(userId, token);
      confirmations.set(key, promise);
    }
    let live = true;
    promise.then(() => live && setState('done'), (e) => { if (live) { setError(e); setState('failed'); } });
    return () => { live = false; };
  }, [userId, token]);

  return (
    <AuthCard titleKey="auth.confirmTitle">
      {state === 'busy' && <Loading label={t('auth.confirming')} />}
      {state === 'done' && (
        <div data-testid="confirm-success">
          <Notice kind="success">{t('auth.confirmed')}</Notice>
          <Link className="btn btn-primary" to="/login" state={{ reason: 'confirmed' } satisfies LoginState} data-testid="confirm-login">{t('auth.toLogin')}</Link>
        </div>
      )}
      {state === 'failed' && (
        <div data-testid="confirm-failed">
          <div className="alert alert-error" role="alert" data-testid="confirm-error">
            <p>{error instanceof ApiError && error.status !== 400 ? describeError(error, t) : t('auth.confirmInvalid')}</p>
          </div>
          <p>{t('auth.confirmAskAgain')}</p>
          <Field label={t('auth.email')} name="email">
            {(p) => <input {...p} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="confirm-email" />}
          </Field>
          <ResendConfirmation email={email.trim()} testId="confirm-resend" />
        </div>
      )}
    </AuthCard>
  );
}

/** `/forgot-password`: asks for a reset mail; the answer never says whether the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const [email, setEmail] = useState((location.state as LoginState | null)?.email ?? '');
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await authApi.forgotPassword(email.trim());
      setSent(email.trim());
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  return (
    <AuthCard titleKey="auth.forgotTitle">
      {sent ? (
        <div data-testid="forgot-sent">
          <Notice kind="success">{t('auth.forgotSent', { email: sent })}</Notice>
          <p className="muted small">{t('auth.checkMailHint')}</p>
          <Link to="/login" state={{ email: sent } satisfies LoginState}>{t('auth.toLogin')}</Link>
        </div>
      ) : (
        <form className="form" onSubmit={submit} data-testid="forgot-form" noValidate>
          <p className="muted">{t('auth.forgotLead')}</p>
          <Field label={t('auth.email')} name="email" errors={fe}>
            {(p) => <input {...p} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="forgot-email" />}
          </Field>
          <FormError error={error} fields={['email']} testId="forgot-error" />
          <button type="submit" className="btn btn-primary" disabled={busy || !email.trim()} data-testid="forgot-submit">{t('auth.forgotSubmit')}</button>
          <p><Link to="/login">{t('auth.backToLogin')}</Link></p>
        </form>
      )}
    </AuthCard>
  );
}

/** `/reset-password?email=..&token=..`, the link of the reset mail. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const email = params.get('email') ?? '';
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (password !== again) { setMismatch(true); return; }
    setMismatch(false);
    setBusy(true);
    try {
      await authApi.resetPassword(email, token, password);
      navigate('/login', { replace: true, state: { email, reason: 'passwordReset' } satisfies LoginState });
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  const invalid = !email || !token || (error instanceof ApiError && error.code === 'invalid_token');
  const fe = { ...passwordErrors(error, 'newPassword'), ...(mismatch ? { again: [t('auth.mismatch')] } : {}) };
  return (
    <AuthCard titleKey="auth.resetTitle">
      {invalid ? (
        <div data-testid="reset-invalid">
          <div className="alert alert-error" role="alert" data-testid="reset-error"><p>{t('auth.resetInvalid')}</p></div>
          <Link className="btn" to="/forgot-password" state={{ email }}>{t('auth.forgotSubmit')}</Link>
        </div>
      ) : (
        <form className="form" onSubmit={submit} data-testid="reset-form" noValidate>
          <p className="muted">{t('auth.resetFor', { email })}</p>
          {/* The account's address for password managers, not editable. */}
          <input type="email" autoComplete="username" value={email} readOnly hidden />
          <Field label={t('auth.newPassword')} name="newPassword" errors={fe} hint={t('auth.passwordRules')}>
            {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="reset-password" />}
          </Field>
          <Field label={t('auth.repeatPassword')} name="again" errors={fe}>
            {(p) => <input {...p} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} data-testid="reset-repeat" />}
          </Field>
          <FormError error={error} fields={['newPassword']} testId="reset-error" />
          <button type="submit" className="btn btn-primary" disabled={busy || !password} data-testid="reset-submit">{t('auth.resetSubmit')}</button>
        </form>
      )}
    </AuthCard>
  );
}

function AuthCard({ titleKey, children }: { titleKey: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="page narrow" aria-labelledby="auth-card-title">
      <h1 id="auth-card-title">{t(titleKey)}</h1>
      <div className="card">{children}</div>
    </section>
  );
}

export { passwordErrors, FormError };
