import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auth as authApi } from '../../api/endpoints';
import type { Session } from '../../api/types';
import { Badge, ErrorMessage, Loading, Notice } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import { describeUserAgent } from '../../lib/useragent';
import { Section } from './Section';

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

export function MySessions() {
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
