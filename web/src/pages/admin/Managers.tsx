import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { managers } from '../../api/endpoints';
import type { TechnologyManager, VerificationStatus } from '../../api/types';
import { Badge, DateText, ErrorMessage, Field, Loading, Notice, verificationTone } from '../../components/ui';
import { useAsync } from '../../lib/hooks';

export function ManagersSection({ onAccount }: { onAccount?: (userId: string) => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<VerificationStatus>('Pending');
  const list = useAsync((signal) => managers.list(status, signal), [status]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

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
        {(list.data ?? []).map((m) => <ManagerCard key={m.userId} manager={m} onDecide={decide} onAccount={onAccount} />)}
      </ul>
    </div>
  );
}

function ManagerCard({ manager: m, onDecide, onAccount }: {
  manager: TechnologyManager; onAccount?: (id: string) => void;
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
        <Badge tone={verificationTone(m.verification)} testId="manager-card-status" value={m.verification}>{t(`verification.${m.verification}`)}</Badge>
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
        {m.verification !== 'Verified' && (
          <button type="button" className="btn btn-small btn-primary" disabled={!m.certificationNumber} title={!m.certificationNumber ? t('admin.noCertification') : undefined}
            onClick={() => void onDecide(m, 'Verified', null)} data-testid="manager-verify">{t('admin.verify')}</button>
        )}
        {m.verification !== 'Rejected' && !refusing && (
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
