import { useState } from 'react';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { useTranslation } from 'react-i18next';
import { organisations } from '../api/endpoints';
import { useCapabilities } from '../api/capabilities';
import type { Organisation, VerificationStatus } from '../api/types';
import { orgName } from '../components/listing';
import { Badge, DateText, ErrorMessage, Loading, Notice, NotAvailable, Pager } from '../components/ui';
import { useAsync, useLang } from '../lib/hooks';
import { regionLabel } from '../lib/region';

/** Administrator: verify organisations and decide membership requests. */
export function AdminPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const caps = useCapabilities();
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
    <section className="page wide" aria-labelledby="admin-title" data-testid="admin-page">
      <h1 id="admin-title">{t('admin.title')}</h1>
      <h2>{t('admin.organisations')}</h2>
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
          <table className="table" data-testid="admin-organisations">
            <thead><tr>
              <th scope="col">{t('org.nameZh')}</th><th scope="col">{t('admin.kind')}</th><th scope="col">{t('admin.creditCode')}</th>
              <th scope="col">{t('admin.region')}</th><th scope="col">{t('admin.verification')}</th><th scope="col"><span className="sr-only">{t('admin.requests')}</span></th>
            </tr></thead>
            <tbody>
              {res.data.items.length === 0 && <tr><td colSpan={6} className="muted">{t('common.none')}</td></tr>}
              {res.data.items.map((o) => (
                <tr key={o.id} data-testid="admin-org-row" data-id={o.id}>
                  <td>{orgName(o, lang)}{lang === 'en' ? null : <small className="muted"> {o.nameEn}</small>}</td>
                  <td>{t(`orgKind.${o.kind}`)}</td>
                  <td>{o.creditCode ?? '—'}</td>
                  <td>{regionLabel(o, lang)} <small className="muted">{o.regionCode}</small></td>
                  <td><Badge tone={o.verification === 'Verified' ? 'good' : o.verification === 'Rejected' ? 'bad' : 'warn'}>{t(`verification.${o.verification}`)}</Badge></td>
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
      <h2>{t('admin.managers')}</h2>
      {!caps.has('get', '/api/technology-managers') && <NotAvailable what="GET /api/technology-managers" testId="managers-not-available" />}
      {caps.has('get', '/api/technology-managers') && <ManagerQueue />}
    </section>
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

type Manager = components['schemas']['TechnologyManagerView'];

/** Technology managers by verification status (pending first): verify or reject each certification. */
function ManagerQueue() {
  const { t } = useTranslation();
  const caps = useCapabilities();
  const [status, setStatus] = useState<VerificationStatus>('Pending');
  const list = useAsync(() => api<Manager[]>(`/api/technology-managers?verification=${status}`), [status]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const decide = async (manager: Manager, decision: VerificationStatus) => {
    setError(null); setNotice(null);
    try {
      await api<Manager>(`/api/technology-managers/${manager.userId}/verification`, { method: 'POST', body: { status: decision, version: manager.version } });
      setNotice(t('admin.decided'));
    } catch (err) { setError(err); }
    list.reload();
  };
  const canDecide = caps.has('post', '/api/technology-managers/{userId}/verification');
  return (
    <div className="card" data-testid="managers">
      <div className="toolbar">
        <label>{t('admin.filterVerification')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as VerificationStatus)} data-testid="managers-filter">
            {(['Pending', 'Verified', 'Rejected'] as const).map((v) => <option key={v} value={v}>{t(`verification.${v}`)}</option>)}
          </select>
        </label>
      </div>
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorMessage error={error ?? list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data?.length === 0 && <p className="muted" data-testid="managers-empty">{t('admin.noManagers')}</p>}
      {(list.data ?? []).map((manager) => (
        <dl className="meta" key={manager.userId} data-testid="manager-card" data-id={manager.userId}>
          <dt>{t('auth.displayName')}</dt><dd>{manager.displayName}</dd>
          <dt>{t('admin.certification')}</dt><dd>{manager.certificationNumber ?? '—'}{manager.certificationLevel ? ` · ${manager.certificationLevel}` : ''}{manager.issuingBody ? ` · ${manager.issuingBody}` : ''}</dd>
          <dt>{t('admin.expires')}</dt><dd><DateText value={manager.certificationExpiresOn} /></dd>
          <dt>{t('admin.verification')}</dt><dd><Badge tone={manager.verification === 'Verified' ? 'good' : manager.verification === 'Rejected' ? 'bad' : 'warn'}>{t(`verification.${manager.verification}`)}</Badge></dd>
          {canDecide && (
            <dd className="actions">
              {manager.verification !== 'Verified' && <button type="button" className="btn btn-small btn-primary" onClick={() => decide(manager, 'Verified')} data-testid="manager-verify">{t('admin.verify')}</button>}
              {manager.verification !== 'Rejected' && <button type="button" className="btn btn-small btn-ghost" onClick={() => decide(manager, 'Rejected')} data-testid="manager-reject">{t('admin.reject')}</button>}
            </dd>
          )}
        </dl>
      ))}
    </div>
  );
}
