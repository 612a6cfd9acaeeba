import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { auth as authApi } from '../api/endpoints';
import { ApiError } from '../api/problem';
import { SELF_REGISTER_ROLES } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorMessage, Field, Notice } from '../components/ui';
import { useLang } from '../lib/hooks';
import { homeFor } from './workspace/WorkspaceHome';

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string; registered?: boolean } | null)?.from;
  const registered = (location.state as { registered?: boolean } | null)?.registered;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await login(email.trim(), password);
      navigate(from && from !== '/login' ? from : homeFor(me), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : undefined;

  return (
    <section className="page narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('auth.loginTitle')}</h1>
      {registered && <Notice kind="success">{t('auth.registered')}</Notice>}
      <form className="form card" onSubmit={submit} data-testid="login-form" noValidate>
        <Field label={t('auth.email')} name="email" errors={fieldErrors}>
          {(p) => <input {...p} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="login-email" />}
        </Field>
        <Field label={t('auth.password')} name="password" errors={fieldErrors}>
          {(p) => <input {...p} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />}
        </Field>
        <ErrorMessage error={error} testId="login-error" />
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="login-submit">{t('auth.submit')}</button>
        <p className="muted small">{t('auth.demoHint')}</p>
        <p>{t('auth.noAccount')} <Link to="/register">{t('nav.register')}</Link></p>
      </form>
    </section>
  );
}

export function RegisterPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const [form, setForm] = useState({ email: '', password: '', displayName: '', role: 'InstitutionMember' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : undefined;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await authApi.register({ ...form, email: form.email.trim(), preferredLanguage: lang });
      navigate('/login', { state: { registered: true } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page narrow" aria-labelledby="register-title">
      <h1 id="register-title">{t('auth.registerTitle')}</h1>
      <form className="form card" onSubmit={submit} data-testid="register-form" noValidate>
        <Field label={t('auth.displayName')} name="displayName" errors={fieldErrors}>
          {(p) => <input {...p} autoComplete="name" value={form.displayName} onChange={set('displayName')} data-testid="register-name" />}
        </Field>
        <Field label={t('auth.email')} name="email" errors={fieldErrors}>
          {(p) => <input {...p} type="email" autoComplete="email" value={form.email} onChange={set('email')} data-testid="register-email" />}
        </Field>
        <Field label={t('auth.password')} name="password" errors={fieldErrors}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={form.password} onChange={set('password')} data-testid="register-password" />}
        </Field>
        <Field label={t('auth.role')} name="role" errors={fieldErrors}>
          {(p) => (
            <select {...p} value={form.role} onChange={set('role')} data-testid="register-role">
              {SELF_REGISTER_ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
            </select>
          )}
        </Field>
        <ErrorMessage error={error} testId="register-error" />
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="register-submit">{t('auth.registerSubmit')}</button>
        <p>{t('auth.haveAccount')} <Link to="/login">{t('nav.login')}</Link></p>
      </form>
    </section>
  );
}
