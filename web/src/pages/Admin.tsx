import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { organisations } from '../api/endpoints';
import type { Organisation, VerificationStatus } from '../api/types';
import { isAdmin, useAuth } from '../auth/AuthContext';
import { orgName } from '../components/listing';
import { Badge, DateText, ErrorMessage, Loading, Notice, Pager, verificationTone } from '../components/ui';
import { useAsync, useLang } from '../lib/hooks';
import { regionLabel } from '../lib/region';
import { AccountsSection } from './admin/Accounts';
import { AuditSection } from './admin/Audit';
import { ManagersSection } from './admin/Managers';
import { RankerSection } from './admin/Ranker';
import { CorrectKind, DraftsSection, MergeInto } from './admin/OrganisationIdentity';

type Tab = 'organisations' | 'drafts' | 'accounts' | 'managers' | 'audit' | 'ranker';

/**
 * `/admin`. Administrators: organisations, accounts, technology managers, audit log, the matching ranker. The bureau
 * (BureauAnalyst) opens the same page with the two sections it is entitled to: the managers'
 * verification queue and the audit log.
 */
export function AdminPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const admin = isAdmin(me);
  const tabs: Tab[] = admin ? ['organisations', 'drafts', 'accounts', 'managers', 'audit', 'ranker'] : ['managers', 'audit'];
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
        {tab === 'drafts' && <DraftsSection />}
        {tab === 'accounts' && <AccountsSection />}
        {tab === 'managers' && <ManagersSection onAccount={admin ? (id) => open('accounts', { account: id }) : undefined} />}
        {tab === 'audit' && <AuditSection />}
        {tab === 'ranker' && <RankerSection />}
      </div>
    </section>
  );
}

// ---------------------------------------------------------------- organisations

function OrganisationsSection() {
  const { t } = useTranslation();
  const lang = useLang();
  const [verification, setVerification] = useState<VerificationStatus | ''>('Pending');
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [openOrg, setOpenOrg] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState('');
  const [identity, setIdentity] = useState<{ org: Organisation; action: 'kind' | 'merge' } | null>(null);
  const res = useAsync(() => organisations.search({ Q: asked || undefined, Verification: verification || undefined, Page: page, PageSize: 20 }), [asked, verification, page]);
  const identityDone = (message: string) => { setIdentity(null); setNotice(message); res.reload(); };

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
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); setPage(1); setAsked(q.trim()); }}>
        <label htmlFor="admin-org-search">{t('orgIdentity.search')}</label>
        <input id="admin-org-search" value={q} onChange={(e) => setQ(e.target.value)} data-testid="admin-org-search" />
        <button type="submit" className="btn">{t('common.search')}</button>
      </form>
      <div className="toolbar">
        <label>{t('admin.filterVerification')}{' '}
          <select value={verification} onChange={(e) => { setVerification(e.target.value as VerificationStatus | ''); setPage(1); }} data-testid="admin-verification-filter">
            <option value="">{t('common.all')}</option>
            {(['Pending', 'Verified', 'Rejected', 'Draft'] as const).map((v) => <option key={v} value={v}>{t(`verification.${v}`)}</option>)}
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
                  <td data-label={t('admin.verification')}><Badge tone={verificationTone(o.verification)}>{t(`verification.${o.verification}`)}</Badge></td>
                  <td className="actions-cell">
                    {o.verification !== 'Verified' && o.verification !== 'Draft' && <button type="button" className="btn btn-small btn-primary" onClick={() => decide(o, 'Verified')} data-testid="admin-verify">{t('admin.verify')}</button>}
                    {o.verification !== 'Rejected' && o.verification !== 'Draft' && <button type="button" className="btn btn-small btn-ghost" onClick={() => decide(o, 'Rejected')} data-testid="admin-reject">{t('admin.reject')}</button>}
                    <button type="button" className="btn btn-small btn-ghost" aria-expanded={openOrg === o.id} onClick={() => setOpenOrg(openOrg === o.id ? null : o.id)} data-testid="admin-requests-toggle">{t('admin.membershipRequests')}</button>
                    <button type="button" className="btn btn-small btn-ghost" onClick={() => setIdentity({ org: o, action: 'kind' })} data-testid="admin-correct-kind">{t('orgIdentity.correctKind')}</button>
                    <button type="button" className="btn btn-small btn-ghost" onClick={() => setIdentity({ org: o, action: 'merge' })} data-testid="admin-merge">{t('orgIdentity.mergeIntoExisting')}</button>
                    <Link className="btn btn-small btn-ghost" to={`/admin?tab=audit&target=${o.id}`} data-testid="admin-org-audit">{t('orgIdentity.audit')}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {res.data && <Pager page={res.data.page} pageSize={res.data.pageSize} total={res.data.total} onPage={setPage} />}
      {openOrg && <MembershipRequests orgId={openOrg} />}
      {identity?.action === 'kind' && <CorrectKind key={identity.org.id} org={identity.org} onDone={identityDone} />}
      {identity?.action === 'merge' && <MergeInto key={identity.org.id} source={identity.org} onDone={identityDone} />}
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
