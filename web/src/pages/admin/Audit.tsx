import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { audit } from '../../api/endpoints';
import { ApiError } from '../../api/problem';
import { AUDIT_ACTIONS, type AuditLine } from '../../api/types';
import { isAdmin, useAuth } from '../../auth/AuthContext';
import { Badge, ErrorMessage, Field, Loading, Pager } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';

/** The audit action's name in the UI language ("role.granted" → "Role granted"). */
export function auditActionLabel(action: string, t: (k: string, o?: Record<string, unknown>) => string) {
  return t(`audit.actions.${action.replace(/\./g, '_')}`, { defaultValue: action });
}

/** An audit line's details (a JSON object) as "key: value" pairs; roles and statuses translated. */
export function AuditDetails({ line }: { line: Pick<AuditLine, 'details'> }) {
  const { t } = useTranslation();
  let parsed: unknown = null;
  try { parsed = line.details ? JSON.parse(line.details) : null; } catch { parsed = line.details; }
  if (parsed === null || parsed === undefined) return null;
  if (typeof parsed !== 'object') return <span className="audit-details muted small"> {String(parsed)}</span>;
  const entries = Object.entries(parsed as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (entries.length === 0) return null;
  const value = (k: string, v: unknown) => {
    if (k === 'role' && typeof v === 'string') return t(`role.${v}`, { defaultValue: v });
    if ((k === 'status' || k === 'verification' || k === 'from' || k === 'to') && typeof v === 'string') return t(`verification.${v}`, { defaultValue: v });
    if (k === 'by' && v === 'owner') return t('audit.owner');
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  return (
    <span className="audit-details small">
      {entries.map(([k, v]) => <span key={k} className="kv"><span className="muted">{t(`audit.detail.${k}`, { defaultValue: k })}:</span> {value(k, v)}</span>)}
    </span>
  );
}

export function AuditSection() {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const admin = isAdmin(me);
  const [params, setParams] = useSearchParams();
  const filters = {
    action: params.get('action') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '',
    actorId: params.get('actor') ?? '', targetId: params.get('target') ?? '',
  };
  const page = Number(params.get('page') ?? '1') || 1;
  const [draft, setDraft] = useState(filters);
  const res = useAsync((signal) => audit.search({ ...filters, page, pageSize: 50 }, signal),
    [filters.action, filters.from, filters.to, filters.actorId, filters.targetId, page]);
  const [exportError, setExportError] = useState<unknown>(null);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams({ tab: 'audit' });
    if (draft.action) next.set('action', draft.action);
    if (draft.from) next.set('from', draft.from);
    if (draft.to) next.set('to', draft.to);
    if (draft.actorId.trim()) next.set('actor', draft.actorId.trim());
    if (draft.targetId.trim()) next.set('target', draft.targetId.trim());
    setParams(next);
  };
  const reset = () => { setDraft({ action: '', from: '', to: '', actorId: '', targetId: '' }); setParams({ tab: 'audit' }); };
  const exportAs = async (format: 'csv' | 'xlsx') => {
    setExportError(null);
    try { await audit.export(filters, format); } catch (e) { setExportError(e); }
  };
  const badId = (v: string) => v.trim() !== '' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v.trim());
  const fe = res.error instanceof ApiError ? res.error.fieldErrors : undefined;

  return (
    <div data-testid="audit">
      <h2 className="sr-only">{t('admin.tabs.audit')}</h2>
      <form className="filter-grid" onSubmit={apply} data-testid="audit-filters">
        <Field label={t('audit.action')} name="action" errors={fe}>
          {(p) => (
            <select {...p} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} data-testid="audit-action">
              <option value="">{t('common.all')}</option>
              {AUDIT_ACTIONS.map((a) => <option key={a} value={a}>{auditActionLabel(a, t)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('audit.from')} name="from" errors={fe}>{(p) => <input {...p} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} data-testid="audit-from" />}</Field>
        <Field label={t('audit.to')} name="to" errors={fe}>{(p) => <input {...p} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} data-testid="audit-to" />}</Field>
        <Field label={t('audit.actorId')} name="actorId" errors={badId(draft.actorId) ? { actorId: [t('audit.badId')] } : fe}>
          {(p) => <input {...p} value={draft.actorId} placeholder="00000000-0000-…" onChange={(e) => setDraft({ ...draft, actorId: e.target.value })} data-testid="audit-actor" />}
        </Field>
        <Field label={t('audit.targetId')} name="targetId" errors={badId(draft.targetId) ? { targetId: [t('audit.badId')] } : fe}>
          {(p) => <input {...p} value={draft.targetId} placeholder="00000000-0000-…" onChange={(e) => setDraft({ ...draft, targetId: e.target.value })} data-testid="audit-target" />}
        </Field>
        <div className="form-actions filter-actions">
          <button type="submit" className="btn btn-primary" disabled={badId(draft.actorId) || badId(draft.targetId)} data-testid="audit-apply">{t('audit.apply')}</button>
          <button type="button" className="btn btn-ghost" onClick={reset}>{t('common.reset')}</button>
          <span className="spacer" />
          <button type="button" className="btn btn-small" onClick={() => exportAs('csv')} data-testid="audit-export-csv">{t('dashboard.exportCsv')}</button>
          <button type="button" className="btn btn-small" onClick={() => exportAs('xlsx')} data-testid="audit-export-xlsx">{t('dashboard.exportXlsx')}</button>
        </div>
      </form>
      <ErrorMessage error={exportError} />
      <ErrorMessage error={res.error} onRetry={res.reload} />
      {res.loading && !res.data ? <Loading /> : null}
      {res.data && <p className="muted small" data-testid="audit-count">{t('common.results', { count: res.data.total, formatted: res.data.total.toLocaleString(lang) })}</p>}
      {res.data && (
        <div className="table-wrap">
          <table className="table stack" data-testid="audit-list">
            <thead><tr>
              <th scope="col">{t('audit.at')}</th><th scope="col">{t('audit.action')}</th><th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.target')}</th><th scope="col">{t('audit.details')}</th><th scope="col">{t('account.address')}</th>
            </tr></thead>
            <tbody>
              {res.data.items.length === 0 && <tr><td colSpan={6} className="muted" data-testid="audit-empty">{t('audit.none')}</td></tr>}
              {res.data.items.map((l) => (
                <tr key={l.id} data-testid="audit-row" data-action={l.action}>
                  <td data-label={t('audit.at')} className="nowrap">{formatDateTime(l.at, lang)}</td>
                  <td data-label={t('audit.action')}><Badge tone={/deactivated|rejected|revoked|erased/.test(l.action) ? 'bad' : /verified|granted|approved|reactivated/.test(l.action) ? 'good' : 'neutral'}>{auditActionLabel(l.action, t)}</Badge></td>
                  <td data-label={t('audit.actor')}>{l.actorName || (l.actorUserId ? <code className="id" title={l.actorUserId}>…{l.actorUserId.slice(-6)}</code> : t('audit.system'))}</td>
                  <td data-label={t('audit.target')}>
                    {t(`audit.targetTypes.${l.targetType}`, { defaultValue: l.targetType })}
                    {l.targetId && (
                      <>
                        {' '}
                        <button type="button" className="link-button" title={`${l.targetId} — ${t('audit.filterTarget')}`} aria-label={t('audit.filterTargetNamed', { id: l.targetId })}
                          onClick={() => { const next = new URLSearchParams({ tab: 'audit', target: l.targetId! }); setDraft({ ...draft, targetId: l.targetId! }); setParams(next); }}
                          data-testid="audit-row-target">
                          <code className="id">…{l.targetId.slice(-6)}</code>
                        </button>
                        {admin && (l.targetType === 'user' || l.targetType === 'technology-manager') && (
                          <> <Link to={`/admin?tab=accounts&account=${l.targetId}`} className="small" data-testid="audit-open-account">{t('admin.openAccount')}</Link></>
                        )}
                      </>
                    )}
                  </td>
                  <td data-label={t('audit.details')}><AuditDetails line={l} /></td>
                  <td data-label={t('account.address')}>{l.ipAddress || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {res.data && <Pager page={res.data.page} pageSize={res.data.pageSize} total={res.data.total} onPage={(p) => { const next = new URLSearchParams(params); next.set('page', String(p)); setParams(next); }} />}
    </div>
  );
}
