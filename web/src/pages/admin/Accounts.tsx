import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { accounts } from '../../api/endpoints';
import { ACCOUNT_ROLES, ACCOUNT_STATES, GRANTABLE_ROLES, type AccountSummary, type GrantableRole } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { Badge, DateText, ErrorMessage, Field, Loading, Notice, Pager, verificationTone } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import { SessionList } from '../account/Sessions';
import { AuditDetails, auditActionLabel } from './Audit';

/** The state an account is in, for its badge: erased, deactivated, unconfirmed or active. */
export function accountState(a: Pick<AccountSummary, 'erasedAt' | 'deactivatedAt' | 'emailConfirmed'>): 'erased' | 'deactivated' | 'unconfirmed' | 'active' {
  if (a.erasedAt) return 'erased';
  if (a.deactivatedAt) return 'deactivated';
  if (!a.emailConfirmed) return 'unconfirmed';
  return 'active';
}
const stateTone = { active: 'good', unconfirmed: 'warn', deactivated: 'bad', erased: 'neutral' } as const;

export function AccountsSection() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const role = params.get('role') ?? '';
  const state = params.get('state') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const selected = params.get('account');
  const [text, setText] = useState(q);
  const res = useAsync((signal) => accounts.search({ q, role, state, page, pageSize: 25 }, signal), [q, role, state, page]);
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) { if (v) next.set(k, v); else next.delete(k); }
    setParams(next);
  };
  const search = (e: FormEvent) => { e.preventDefault(); update({ q: text.trim() || null, page: null }); };

  return (
    <div className={`master-detail ${selected ? 'with-detail' : ''}`}>
      <div className="master">
        <h2 className="sr-only">{t('admin.tabs.accounts')}</h2>
        <form className="toolbar filter-bar" role="search" onSubmit={search} data-testid="accounts-search-form">
          <label className="grow">{t('admin.accountSearch')}
            <input type="search" value={text} placeholder={t('admin.accountSearchPlaceholder')} onChange={(e) => setText(e.target.value)} data-testid="accounts-search" />
          </label>
          <label>{t('admin.role')}
            <select value={role} onChange={(e) => update({ role: e.target.value || null, page: null })} data-testid="accounts-role">
              <option value="">{t('common.all')}</option>
              {ACCOUNT_ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
            </select>
          </label>
          <label>{t('admin.state')}
            <select value={state} onChange={(e) => update({ state: e.target.value || null, page: null })} data-testid="accounts-state">
              <option value="">{t('common.all')}</option>
              {ACCOUNT_STATES.map((s) => <option key={s} value={s}>{t(`admin.states.${s}`)}</option>)}
            </select>
          </label>
          <button type="submit" className="btn btn-primary" data-testid="accounts-search-submit">{t('common.search')}</button>
        </form>
        <ErrorMessage error={res.error} onRetry={res.reload} />
        {res.loading && !res.data ? <Loading /> : null}
        {res.data && <p className="muted small" data-testid="accounts-count">{t('common.results', { count: res.data.total, formatted: res.data.total.toLocaleString(lang) })}</p>}
        {res.data && (
          <div className="table-wrap">
            <table className="table stack" data-testid="accounts-list">
              <thead><tr>
                <th scope="col">{t('admin.account')}</th><th scope="col">{t('account.roles')}</th><th scope="col">{t('listing.organisation')}</th>
                <th scope="col">{t('admin.state')}</th><th scope="col">{t('admin.lastSignIn')}</th>
              </tr></thead>
              <tbody>
                {res.data.items.length === 0 && <tr><td colSpan={5} className="muted" data-testid="accounts-empty">{t('admin.noAccounts')}</td></tr>}
                {res.data.items.map((a) => {
                  const st = accountState(a);
                  return (
                    <tr key={a.id} data-testid="account-row" data-id={a.id} data-state={st} className={selected === a.id ? 'selected' : ''}>
                      <td data-label={t('admin.account')}>
                        <button type="button" className="link-button" aria-expanded={selected === a.id} onClick={() => update({ account: selected === a.id ? null : a.id })} data-testid="account-open">
                          <strong>{a.displayName}</strong>
                        </button>
                        <small className="muted block">{a.email}</small>
                      </td>
                      <td data-label={t('account.roles')}><RoleBadges account={a} /></td>
                      <td data-label={t('listing.organisation')}>{a.organisationName || '—'}</td>
                      <td data-label={t('admin.state')}><Badge tone={stateTone[st]} testId="account-state" value={st}>{t(`admin.states.${st}`)}</Badge></td>
                      <td data-label={t('admin.lastSignIn')}>{a.lastSignInAt ? formatDateTime(a.lastSignInAt, lang) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {res.data && <Pager page={res.data.page} pageSize={res.data.pageSize} total={res.data.total} onPage={(p) => update({ page: String(p) })} />}
      </div>
      {selected && <AccountDetailPanel key={selected} id={selected} onClose={() => update({ account: null })} onChanged={res.reload} />}
    </div>
  );
}

function RoleBadges({ account }: { account: Pick<AccountSummary, 'roles' | 'managerStatus'> }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      {account.roles.map((r) => <Badge key={r} tone="info" value={r}>{t(`role.${r}`, { defaultValue: r })}</Badge>)}
      {account.managerStatus === 'Verified' && !account.roles.includes('TechnologyManager') && (
        <Badge tone="info" value="TechnologyManager">{t('role.TechnologyManager')}</Badge>
      )}
      {account.managerStatus && account.managerStatus !== 'Verified' && (
        <Badge tone={verificationTone(account.managerStatus)} value={`manager-${account.managerStatus}`}>{t('admin.managerStatus', { status: t(`verification.${account.managerStatus}`) })}</Badge>
      )}
      {account.roles.length === 0 && !account.managerStatus && <span className="muted">—</span>}
    </span>
  );
}

function AccountDetailPanel({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const detail = useAsync((signal) => accounts.get(id, signal), [id]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmAdmin, setConfirmAdmin] = useState(false);
  const [deactivating, setDeactivating] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    // On a phone the panel is below the list: bring it into view.
    if (panel.current && typeof panel.current.scrollIntoView === 'function' && window.matchMedia?.('(max-width: 1100px)').matches) {
      panel.current.scrollIntoView({ block: 'start', behavior: 'smooth' });
    }
  }, []);

  const act = async (call: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await call();
      setNotice(done);
      onChanged();
    } catch (e) { setError(e); }
    setBusy(false);
    detail.reload();
  };
  const d = detail.data;
  const a = d?.account;
  const st = a ? accountState(a) : null;
  const own = a?.id === me?.id;
  const grant = (r: GrantableRole) => {
    if (r === 'Administrator' && !confirmAdmin) { setConfirmAdmin(true); return; }
    setConfirmAdmin(false);
    void act(() => accounts.grant(id, r), t('admin.roleGranted', { role: t(`role.${r}`) }));
  };

  return (
    <aside className="detail card" ref={panel} aria-labelledby="account-detail-title" data-testid="account-detail" data-id={id} data-state={st ?? ''}>
      <div className="row">
        <h2 id="account-detail-title">{a?.displayName ?? '…'}</h2>
        <button type="button" className="btn btn-small btn-ghost" onClick={onClose} data-testid="account-detail-close">{t('common.close')}</button>
      </div>
      <ErrorMessage error={detail.error} onRetry={detail.reload} />
      {!a ? <Loading /> : (
        <>
          <dl className="meta">
            <dt>{t('auth.email')}</dt><dd>{a.email}</dd>
            <dt>{t('admin.state')}</dt><dd><Badge tone={stateTone[st!]} testId="account-detail-state" value={st!}>{t(`admin.states.${st}`)}</Badge>{a.deactivatedAt && <> · <DateText value={a.deactivatedAt} /></>}</dd>
            <dt>{t('listing.organisation')}</dt><dd>{a.organisationName || '—'}</dd>
            <dt>{t('admin.created')}</dt><dd>{formatDateTime(a.createdAt, lang)}</dd>
            <dt>{t('admin.lastSignIn')}</dt><dd>{a.lastSignInAt ? formatDateTime(a.lastSignInAt, lang) : '—'}</dd>
            <dt>{t('account.roles')}</dt><dd><RoleBadges account={a} /></dd>
          </dl>
          {notice && <Notice kind="success" testId="account-notice">{notice}</Notice>}
          <ErrorMessage error={error} testId="account-error" />

          {!a.erasedAt && (
            <>
              <h3>{t('admin.grantedRoles')}</h3>
              <p className="muted small">{t('admin.grantedRolesHint')}</p>
              <ul className="role-list" data-testid="account-roles-edit">
                {GRANTABLE_ROLES.map((r) => {
                  const held = a.roles.includes(r);
                  return (
                    <li key={r} data-testid={`account-role-${r}`} data-held={String(held)}>
                      <span>{t(`role.${r}`)} {held ? <Badge tone="good">{t('admin.held')}</Badge> : null}</span>
                      {held ? (
                        <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => act(() => accounts.revoke(id, r), t('admin.roleRevoked', { role: t(`role.${r}`) }))} data-testid={`role-revoke-${r}`}>{t('admin.revoke')}</button>
                      ) : (
                        <button type="button" className={`btn btn-small ${r === 'Administrator' && confirmAdmin ? 'btn-danger' : ''}`} disabled={busy || st === 'deactivated'} onClick={() => grant(r)} data-testid={`role-grant-${r}`}>
                          {r === 'Administrator' && confirmAdmin ? t('admin.confirmGrantAdmin') : t('admin.grant')}
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>

              <h3>{t('admin.access')}</h3>
              {st === 'deactivated' ? (
                <button type="button" className="btn" disabled={busy} onClick={() => act(() => accounts.reactivate(id), t('admin.reactivated'))} data-testid="account-reactivate">{t('admin.reactivate')}</button>
              ) : own ? (
                <p className="muted small">{t('admin.ownAccount')}</p>
              ) : !deactivating ? (
                <button type="button" className="btn btn-danger" onClick={() => setDeactivating(true)} data-testid="account-deactivate">{t('admin.deactivate')}</button>
              ) : (
                <form className="form" data-testid="deactivate-form" onSubmit={(e) => {
                  e.preventDefault();
                  if (!reason.trim()) return;
                  void act(() => accounts.deactivate(id, reason.trim()), t('admin.deactivated')).then(() => { setDeactivating(false); setReason(''); });
                }}>
                  <Field label={t('admin.deactivateReason')} name="reason" hint={t('admin.deactivateHint')}>
                    {(p) => <textarea {...p} rows={2} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} data-testid="deactivate-reason" />}
                  </Field>
                  <div className="form-actions">
                    <button type="submit" className="btn btn-danger-solid" disabled={busy || !reason.trim()} data-testid="deactivate-confirm">{t('admin.deactivate')}</button>
                    <button type="button" className="btn btn-ghost" onClick={() => setDeactivating(false)}>{t('common.cancel')}</button>
                  </div>
                </form>
              )}
            </>
          )}

          <h3>{t('admin.signIns')}</h3>
          <SessionList sessions={d!.signIns.slice(0, 10)} testId="account-signins" />
          {d!.signIns.length > 10 && <p className="muted small">{t('admin.latestOnly', { count: 10 })}</p>}

          <h3>{t('admin.auditLines')}</h3>
          {d!.audit.length === 0 ? <p className="muted">{t('admin.noAudit')}</p> : (
            <ol className="timeline" data-testid="account-audit">
              {d!.audit.map((l) => (
                <li key={l.id} data-testid="account-audit-line" data-action={l.action}>
                  <small className="muted">{formatDateTime(l.at, lang)}</small>{' '}
                  <strong>{auditActionLabel(l.action, t)}</strong>{l.actorName ? <> · {t('audit.by', { name: l.actorName })}</> : null}
                  <AuditDetails line={l} />
                </li>
              ))}
            </ol>
          )}
          <p><Link to={`/admin?tab=audit&target=${id}`} data-testid="account-audit-all">{t('admin.allAudit')}</Link></p>
        </>
      )}
    </aside>
  );
}
