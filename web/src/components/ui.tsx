import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, describeError } from '../api/problem';
import { formatAmount, formatAmountRange, formatDate, formatNumber } from '../lib/format';
import { useLang } from '../lib/hooks';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return <p className="loading" role="status" aria-live="polite" data-testid="loading">{label ?? t('common.loading')}</p>;
}

/** Shows any error as a readable sentence; validation details, trace id and a retry button when given. */
export function ErrorMessage({ error, onRetry, testId = 'error' }: { error: unknown; onRetry?: () => void; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const trace = error instanceof ApiError ? error.problem.traceId : undefined;
  const unmapped = error instanceof ApiError && error.status === 400 && error.problem.errors
    ? Object.entries(error.fieldErrors) : [];
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      <p>{describeError(error, t)}</p>
      {unmapped.length > 0 && (
        <ul className="field-errors-summary">
          {unmapped.map(([f, msgs]) => <li key={f}><code>{f}</code>: {msgs.join(' ')}</li>)}
        </ul>
      )}
      {trace && (
        <details className="muted small error-details">
          <summary>{t('errors.details')}</summary>
          <p>{t('errors.reference', { id: trace })}</p>
        </details>
      )}
      {onRetry && <button type="button" className="btn btn-small" onClick={onRetry}>{t('common.retry')}</button>}
    </div>
  );
}

export function Notice({ children, kind = 'info', testId }: { children: ReactNode; kind?: 'info' | 'success' | 'warning'; testId?: string }) {
  return <div className={`alert alert-${kind}`} role="status" aria-live="polite" data-testid={testId}>{children}</div>;
}

/** The badge tone of a verification status (organisations, technology managers). */
export const verificationTone = (v: string | null | undefined) => (v === 'Verified' ? 'good' : v === 'Rejected' ? 'bad' : 'warn');

type FieldProps = {
  label: string;
  name: string;
  errors?: Record<string, string[]>;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean | undefined; 'aria-describedby': string | undefined; name: string }) => ReactNode;
  className?: string;
};

/** A labelled form control with its hint and the API's validation messages beside it. */
export function Field({ label, name, errors, hint, children, className }: FieldProps) {
  const id = useId();
  const msgs = errors?.[name];
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = msgs?.length ? `${id}-err` : undefined;
  return (
    <div id={`field-${name}`} className={`field ${msgs?.length ? 'field-invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, name, 'aria-invalid': msgs?.length ? true : undefined, 'aria-describedby': [hintId, errId].filter(Boolean).join(' ') || undefined })}
      {hint && <small id={hintId} className="hint">{hint}</small>}
      {msgs?.length ? <small id={errId} className="field-error" data-testid={`field-error-${name}`}>{msgs.join(' ')}</small> : null}
    </div>
  );
}

export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t('common.page', { page, pages })} data-testid="pager">
      <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>{t('common.previous')}</button>
      <span>{t('common.page', { page, pages })}</span>
      <button type="button" className="btn btn-small" disabled={page >= pages} onClick={() => onPage(page + 1)}>{t('common.next')}</button>
    </nav>
  );
}

export function Amount({ value }: { value: number | null | undefined }) {
  const lang = useLang();
  return <>{formatAmount(value, lang)}</>;
}
export function AmountRange({ min, max }: { min: number | null | undefined; max: number | null | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  return <>{formatAmountRange(min, max, lang) ?? t('common.negotiable')}</>;
}
export function DateText({ value }: { value: string | null | undefined }) {
  const lang = useLang();
  return <time dateTime={value ?? undefined}>{formatDate(value, lang)}</time>;
}
export function NumberText({ value }: { value: number | null | undefined }) {
  const lang = useLang();
  return <>{formatNumber(value, lang)}</>;
}

export function Badge({ children, tone = 'neutral', testId, value }: { children: ReactNode; tone?: 'neutral' | 'good' | 'warn' | 'bad' | 'info'; testId?: string; value?: string }) {
  return <span className={`badge badge-${tone}`} data-testid={testId} data-value={value}>{children}</span>;
}
