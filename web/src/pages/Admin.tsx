import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { accounts, audit, managers, organisations } from '../api/endpoints';
import { useCapabilities } from '../api/capabilities';
import { ApiError } from '../api/problem';
import {
  ACCOUNT_ROLES, ACCOUNT_STATES, AUDIT_ACTIONS, GRANTABLE_ROLES,
  type AccountSummary, type AuditLine, type GrantableRole, type Organisation, type TechnologyManager, type VerificationStatus,
} from '../api/types';
import { isAdmin, useAuth } from '../auth/AuthContext';
import { orgName } from '../components/listing';
import { Badge, DateText, ErrorMessage, Field, Loading, Notice, NotAvailable, Pager } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { useAsync, useLang } from '../lib/hooks';
import { regionLabel } from '../lib/region';
import { SessionList } from './Account';

type Tab = 'organisations' | 'accounts' | 'managers' | 'audit';

/**
 * `/admin`. Administrators: organisations, accounts, technology managers, audit log. The bureau
 * (BureauAnalyst) opens the same page with the two sections it is entitled to: the managers'
 * verification queue and the audit log.
 */
export function AdminPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const admin = isAdmin(me);
  const tabs: Tab[] = admin ? ['organisations', 'accounts', 'managers', 'audit'] : ['managers', 'audit'];
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && tabs.includes(asked) ? asked : tabs[0];
  const open = (next: Tab, extra: Record<string, string> = {}) => setParams({ tab: next, ...extra });

  return (
    <section className="page wide" aria-labelledby="admin-title" data-testid="admin-page">
      <h1 id="admin-title">{admin ? t('admin.title') : t('admin.oversightTitle')}</h1>
      <div className="tabs" role="tablist" aria-label={admin ? t('admin.title') : t('admin.oversightTitle')}>
        {tabs.map((x) => (
          <button key={x} type="button" role="tab" id={`admin-tab-${x}`} aria-selected={tab === x} aria-controls="admin-panel"
            className={tab === x ? 'active' : ''} onClick={() => open(x)} data-testid={`admin-tab-${x}`}>
            {t(`admin.tabs.${x}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="admin-panel" aria-labelledby={`admin-tab-${tab}`}>
        {tab === 'organisations' && <OrganisationsSection />}
        {tab === 'accounts' && <AccountsSection />}
        {tab === 'managers' && <ManagersSection onAccount={admin ? (id) => open('accounts', { account: id }) : undefined} />}
        {tab === 'audit' && <AuditSection />}
      </div>
    </section>
  );
}

const tone = (v: string | null | undefined) => (v === 'Verified' ? 'good' : v === 'Rejected' ? 'bad' : 'warn');

// ---------------------------------------------------------------- organisations

function OrganisationsSection() {
  const { t } = useTranslation();
  const lang = useLang();
  const [verification, setVerification] = useState<string>('Pending');
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [openOrg, setOpenOrg] = useState<string | null>(null);
  const res = useAsync(() => organisations.search({ verification: verification || undefined, page, pageSize: 20 }), [verification, page]);

  const decide = async (o: Organisation, status: VerificationStatus) => {
    setError(null);
    setNotice(null);
    try {
      await organisations.verify(o.id, status, Number(o.version));
      setNotice(t('admin.decided'));
    } catch (e) { setError(e); }
    res.reload();
  };

  return (
    <>
      <h2 className="sr-only">{t('admin.organisations')}</h2>
      <div className="toolbar">
        <label>{t('admin.filterVerification')}{' '}
          <select value={verification} onChange={(e) => { setVerification(e.target.value); setPage(1); }} data-testid="admin-verification-filter">
            <option value="">{t('common.all')}</option>
            {(['Pending', 'Verified', 'Rejected'] as const).map((v) => <option key={v} value={v}>{t(`verification.${v}`)}</option>)}
          </select>
        </label>
      </div>
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorMessage error={error ?? res.error} onRetry={res.reload} />
      {res.loading && !res.data ? <Loading /> : null}
      {res.data && (
        <div className="table-wrap">
          <table className="table stack" data-testid="admin-organisations">
            <thead><tr>
              <th scope="col">{t('org.nameZh')}</th><th scope="col">{t('admin.kind')}</th><th scope="col">{t('admin.creditCode')}</th>
              <th scope="col">{t('admin.region')}</th><th scope="col">{t('admin.verification')}</th><th scope="col"><span className="sr-only">{t('admin.requests')}</span></th>
            </tr></thead>
            <tbody>
              {res.data.items.length === 0 && <tr><td colSpan={6} className="muted">{t('common.none')}</td></tr>}
              {res.data.items.map((o) => (
                <tr key={o.id} data-testid="admin-org-row" data-id={o.id}>
                  <td data-label={t('org.nameZh')}>{orgName(o, lang)}{lang === 'en' ? null : <small className="muted"> {o.nameEn}</small>}</td>
                  <td data-label={t('admin.kind')}>{t(`orgKind.${o.kind}`)}</td>
                  <td data-label={t('admin.creditCode')}>{o.creditCode ?? '—'}</td>
                  <td data-label={t('admin.region')}>{regionLabel(o, lang)} <small className="muted">{o.regionCode}</small></td>
                  <td data-label={t('admin.verification')}><Badge tone={tone(o.verification)}>{t(`verification.${o.verification}`)}</Badge></td>
                  <td className="actions-cell">
                    {o.verification !== 'Verified' && <button type="button" className="btn btn-small btn-primary" onClick={() => decide(o, 'Verified')} data-testid="admin-verify">{t('admin.verify')}</button>}
                    {o.verification !== 'Rejected' && <button type="button" className="btn btn-small btn-ghost" onClick={() => decide(o, 'Rejected')} data-testid="admin-reject">{t('admin.reject')}</button>}
                    <button type="button" className="btn btn-small btn-ghost" aria-expanded={openOrg === o.id} onClick={() => setOpenOrg(openOrg === o.id ? null : o.id)} data-testid="admin-requests-toggle">{t('admin.membershipRequests')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {res.data && <Pager page={res.data.page} pageSize={res.data.pageSize} total={res.data.total} onPage={setPage} />}
      {openOrg && <MembershipRequests orgId={openOrg} />}
    </>
  );
}

function MembershipRequests({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const res = useAsync(() => organisations.membershipRequests(orgId, 'Pending'), [orgId]);
  const [error, setError] = useState<unknown>(null);
  const decide = async (requestId: string, d: 'approve' | 'reject') => {
    setError(null);
    try { await organisations.decideMembership(orgId, requestId, d); } catch (e) { setError(e); }
    res.reload();
  };
  return (
    <section className="card" aria-label={t('admin.membershipRequests')} data-testid="membership-requests">
      <h3>{t('admin.membershipRequests')}</h3>
      <ErrorMessage error={error ?? res.error} onRetry={res.reload} />
      {res.loading && !res.data ? <Loading /> : null}
      {res.data?.length === 0 && <p className="muted">{t('admin.noRequests')}</p>}
      <ul className="plain-list">
        {(res.data ?? []).map((r) => (
          <li key={r.id} data-testid="membership-request">
            <strong>{r.userDisplayName}</strong> &lt;{r.userEmail}&gt; · <DateText value={r.createdAt} />
            {r.message && <p>{r.message}</p>}
            <button type="button" className="btn btn-small btn-primary" onClick={() => decide(r.id, 'approve')} data-testid="membership-approve">{t('admin.approve')}</button>{' '}
            <button type="button" className="btn btn-small btn-ghost" onClick={() => decide(r.id, 'reject')} data-testid="membership-reject">{t('admin.reject')}</button>
          </li>
        ))}
      </ul>
    </section>
  );
}

// ---------------------------------------------------------------- accounts

/** The state an account is in, for its badge: erased, deactivated, unconfirmed or active. */
export function accountState(a: Pick<AccountSummary, 'erasedAt' | 'deactivatedAt' | 'emailConfirmed'>): 'erased' | 'deactivated' | 'unconfirmed' | 'active' {
  if (a.erasedAt) return 'erased';
  if (a.deactivatedAt) return 'deactivated';
  if (!a.emailConfirmed) return 'unconfirmed';
  return 'active';
}
const stateTone = { active: 'good', unconfirmed: 'warn', deactivated: 'bad', erased: 'neutral' } as const;

function AccountsSection() {
  const { t } = useTranslation();
  const lang = useLang();
  const caps = useCapabilities();
  const available = caps.has('get', '/api/accounts');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const role = params.get('role') ?? '';
  const state = params.get('state') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const selected = params.get('account');
  const [text, setText] = useState(q);
  const res = useAsync((signal) => accounts.search({ q, role, state, page, pageSize: 25 }, signal), [q, role, state, page, available], available);
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) { if (v) next.set(k, v); else next.delete(k); }
    setParams(next);
  };
  const search = (e: FormEvent) => { e.preventDefault(); update({ q: text.trim() || null, page: null }); };

  if (!available) return <NotAvailable what="GET /api/accounts" testId="accounts-not-available" />;
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
        <Badge tone={tone(account.managerStatus)} value={`manager-${account.managerStatus}`}>{t('admin.managerStatus', { status: t(`verification.${account.managerStatus}`) })}</Badge>
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

// ---------------------------------------------------------------- technology managers

function ManagersSection({ onAccount }: { onAccount?: (userId: string) => void }) {
  const { t } = useTranslation();
  const caps = useCapabilities();
  const [status, setStatus] = useState<VerificationStatus>('Pending');
  const available = caps.has('get', '/api/technology-managers');
  const list = useAsync((signal) => managers.list(status, signal), [status, available], available);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canDecide = caps.has('post', '/api/technology-managers/{userId}/verification');

  const decide = async (m: TechnologyManager, decision: 'Verified' | 'Rejected', reason: string | null) => {
    setError(null);
    setNotice(null);
    try {
      await managers.decide(m.userId, decision, m.version, reason);
      const key = decision === 'Verified' ? 'managerVerified' : m.verification === 'Verified' ? 'managerRevoked' : 'managerRejected';
      setNotice(t(`admin.${key}`, { name: m.displayName }));
    } catch (err) { setError(err); }
    list.reload();
  };

  if (!available) return <NotAvailable what="GET /api/technology-managers" testId="managers-not-available" />;
  return (
    <div data-testid="managers">
      <h2 className="sr-only">{t('admin.managers')}</h2>
      <p className="muted small">{t('admin.managersLead')}</p>
      <div className="toolbar">
        <label>{t('admin.filterVerification')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as VerificationStatus)} data-testid="managers-filter">
            {(['Pending', 'Verified', 'Rejected'] as const).map((v) => <option key={v} value={v}>{t(`verification.${v}`)}</option>)}
          </select>
        </label>
      </div>
      {notice && <Notice kind="success" testId="managers-notice">{notice}</Notice>}
      <ErrorMessage error={error ?? list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data?.length === 0 && <p className="empty" data-testid="managers-empty">{t('admin.noManagers')}</p>}
      <ul className="card-list manager-grid">
        {(list.data ?? []).map((m) => <ManagerCard key={m.userId} manager={m} canDecide={canDecide} onDecide={decide} onAccount={onAccount} />)}
      </ul>
    </div>
  );
}

function ManagerCard({ manager: m, canDecide, onDecide, onAccount }: {
  manager: TechnologyManager; canDecide: boolean; onAccount?: (id: string) => void;
  onDecide: (m: TechnologyManager, d: 'Verified' | 'Rejected', reason: string | null) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const revoking = m.verification === 'Verified';
  return (
    <li className="card" data-testid="manager-card" data-id={m.userId} data-status={m.verification}>
      <div className="row">
        <h3>{m.displayName}</h3>
        <Badge tone={tone(m.verification)} testId="manager-card-status" value={m.verification}>{t(`verification.${m.verification}`)}</Badge>
      </div>
      <dl className="meta">
        <dt>{t('admin.certification')}</dt>
        <dd>{m.certificationNumber || <span className="muted">{t('admin.noCertification')}</span>}</dd>
        <dt>{t('manager.level')}</dt><dd>{m.certificationLevel ? t(`manager.levels.${m.certificationLevel}`) : '—'}</dd>
        <dt>{t('manager.issuingBody')}</dt><dd>{m.issuingBody || '—'}</dd>
        <dt>{t('admin.expires')}</dt>
        <dd>{m.certificationExpiresOn ? <DateText value={m.certificationExpiresOn} /> : '—'}{m.verification === 'Verified' && !m.certificationValid ? <> <Badge tone="bad">{t('manager.expired')}</Badge></> : null}</dd>
        {m.verifiedAt && <><dt>{t('manager.decidedAt')}</dt><dd><DateText value={m.verifiedAt} /></dd></>}
      </dl>
      {m.bio && <p className="small prose clamp">{m.bio}</p>}
      <div className="card-actions">
        {canDecide && m.verification !== 'Verified' && (
          <button type="button" className="btn btn-small btn-primary" disabled={!m.certificationNumber} title={!m.certificationNumber ? t('admin.noCertification') : undefined}
            onClick={() => void onDecide(m, 'Verified', null)} data-testid="manager-verify">{t('admin.verify')}</button>
        )}
        {canDecide && m.verification !== 'Rejected' && !refusing && (
          <button type="button" className={`btn btn-small ${revoking ? 'btn-danger' : 'btn-ghost'}`} onClick={() => setRefusing(true)} data-testid={revoking ? 'manager-revoke' : 'manager-reject'}>
            {revoking ? t('admin.revokeManager') : t('admin.reject')}
          </button>
        )}
        {onAccount && <button type="button" className="btn btn-small btn-ghost" onClick={() => onAccount(m.userId)} data-testid="manager-account">{t('admin.openAccount')}</button>}
      </div>
      {refusing && (
        <form className="form" data-testid="manager-decision-form" onSubmit={(e) => { e.preventDefault(); void onDecide(m, 'Rejected', reason.trim() || null).then(() => setRefusing(false)); }}>
          <Field label={revoking ? t('admin.revokeReason') : t('admin.rejectReason')} name="reason" hint={revoking ? t('admin.revokeHint') : undefined}>
            {(p) => <textarea {...p} rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="manager-reason" />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-small btn-danger-solid" data-testid="manager-decision-confirm">{revoking ? t('admin.revokeManager') : t('admin.reject')}</button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setRefusing(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
    </li>
  );
}

// ---------------------------------------------------------------- audit log

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

function AuditSection() {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const admin = isAdmin(me);
  const caps = useCapabilities();
  const available = caps.has('get', '/api/audit');
  const [params, setParams] = useSearchParams();
  const filters = {
    action: params.get('action') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '',
    actorId: params.get('actor') ?? '', targetId: params.get('target') ?? '',
  };
  const page = Number(params.get('page') ?? '1') || 1;
  const [draft, setDraft] = useState(filters);
  const res = useAsync((signal) => audit.search({ ...filters, page, pageSize: 50 }, signal),
    [filters.action, filters.from, filters.to, filters.actorId, filters.targetId, page, available], available);
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

  if (!available) return <NotAvailable what="GET /api/audit" testId="audit-not-available" />;
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
          {caps.has('get', '/api/audit/export') && (
            <>
              <button type="button" className="btn btn-small" onClick={() => exportAs('csv')} data-testid="audit-export-csv">{t('dashboard.exportCsv')}</button>
              <button type="button" className="btn btn-small" onClick={() => exportAs('xlsx')} data-testid="audit-export-xlsx">{t('dashboard.exportXlsx')}</button>
            </>
          )}
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
