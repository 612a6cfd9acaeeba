import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { data, http } from '../api/client';
import type { Notification, NotificationGroup } from '../api/types';
import { useLiveReload, useRealtime } from '../lib/realtime';
import { formatDateTime, formatNumber, formatPercent, type Lang } from '../lib/format';
import { clientLink } from '../lib/links';
import type { TFunction } from 'i18next';
import { useAsync, useLang } from '../lib/hooks';
import { ErrorMessage, Loading } from './ui';
import { NotificationPreferences } from './NotificationPreferences';

type NotificationsState = {
  groups: NotificationGroup[];
  /** Unread notifications, and the rows (groups) holding one: the bell counts rows. */
  unread: number;
  unreadGroups: number;
  error: unknown;
  loading: boolean;
  reload: () => void;
  markRead: (id: string, groupId: string) => Promise<void>;
  markGroupRead: (groupId: string) => Promise<void>;
  markAllRead: () => Promise<void>;
};

const Ctx = createContext<NotificationsState>({
  groups: [], unread: 0, unreadGroups: 0, error: null, loading: false, reload: () => {}, markRead: async () => {}, markGroupRead: async () => {}, markAllRead: async () => {},
});

const isUnread = (n: Notification) => !n.readAt;

/** Hub client methods that mean "something new for you". */
export const NOTIFICATION_EVENTS = ['Notification', 'Digest'];

export function NotificationsProvider({ signedIn, children }: { signedIn: boolean; children: ReactNode }) {
  const [groups, setGroups] = useState<NotificationGroup[]>([]);
  const [counts, setCounts] = useState({ unread: 0, unreadGroups: 0 });
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const reload = useCallback(() => {
    if (!signedIn) return;
    setLoading(true);
    data(http.GET('/api/notifications/groups', { params: { query: { pageSize: 50 } } }))
      .then((page) => {
        setGroups(page.items);
        setCounts({ unread: page.unread, unreadGroups: page.unreadGroups });
        setError(null);
      })
      .catch(setError)
      .finally(() => setLoading(false));
  }, [signedIn]);

  useEffect(() => { reload(); }, [reload]);
  useLiveReload(NOTIFICATION_EVENTS, reload, 30_000, signedIn);

  const markRead = useCallback(async (id: string, groupId: string) => {
    const r = await data(http.POST('/api/notifications/{id}/read', { params: { path: { id } } })).catch(() => undefined);
    if (r) setCounts(r);
    setGroups((xs) => xs.map((g) => (g.id === groupId ? { ...g, unread: Math.max(0, g.unread - 1) } : g)));
  }, []);
  const markGroupRead = useCallback(async (groupId: string) => {
    const r = await data(http.POST('/api/notifications/{id}/read-group', { params: { path: { id: groupId } } })).catch(() => undefined);
    if (r) setCounts(r);
    setGroups((xs) => xs.map((g) => (g.id === groupId ? { ...g, unread: 0 } : g)));
  }, []);
  const markAllRead = useCallback(async () => {
    await data(http.POST('/api/notifications/read-all')).catch(() => undefined);
    setGroups((xs) => xs.map((g) => ({ ...g, unread: 0 })));
    setCounts({ unread: 0, unreadGroups: 0 });
  }, []);

  return (
    <Ctx.Provider value={{ groups, ...counts, error, loading, reload, markRead, markGroupRead, markAllRead }}>{children}</Ctx.Provider>
  );
}

export const useNotifications = () => useContext(Ctx);

export function NotificationsBadge() {
  const { t } = useTranslation();
  const { unreadGroups } = useNotifications();
  const { connected } = useRealtime();
  return (
    <Link to="/notifications" className="notif-link" data-testid="notifications-badge" aria-label={t('notify.badge', { count: unreadGroups })}>
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round"><path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" /><path d="M13.73 21a2 2 0 0 1-3.46 0" /></svg>
      {unreadGroups > 0 && <span className="notif-count" data-testid="notifications-unread">{unreadGroups > 99 ? '99+' : unreadGroups}</span>}
      <span className={`live-dot ${connected ? 'on' : ''}`} title={connected ? t('notifications.live') : t('notifications.offline')} aria-hidden="true" />
    </Link>
  );
}

type NotificationData = Record<string, unknown>;
function parseData(n: Notification): NotificationData {
  try { return (JSON.parse(n.data) as NotificationData) ?? {}; } catch { return {}; }
}

/** One line of text for a notification, in the UI language, from its kind and data. */
export function describeNotification(n: Notification, t: TFunction, lang: Lang): string {
  const d = parseData(n);
  const kind: string = n.kind;
  const str = (k: string) => (d[k] === undefined || d[k] === null ? '' : String(d[k]));
  const vars = {
    achievement: str('achievementTitle'), need: str('needTitle'), title: str('title') || str('achievementTitle') || str('needTitle'),
    score: typeof d.score === 'number' ? formatPercent(d.score, lang, 0) : '', search: str('searchName'), year: str('year'),
    stage: (d.to ?? d.toStage) ? t(`deals.stage.${String(d.to ?? d.toStage)}`, { defaultValue: String(d.to ?? d.toStage) }) : '',
    local: d.isLocal === true ? t('notifications.local') : d.isLocal === false ? t('notifications.nonLocal') : '',
    total: typeof d.total === 'number' ? formatNumber(d.total, lang) : '',
    deal: str('dealTitle'), reason: str('reason'), dueOn: str('dueOn'),
    period: str('period'), amount: typeof d.amount === 'number' ? formatNumber(d.amount, lang) : '',
  };
  // A contract proposal reads differently waiting, confirmed and rejected.
  // The bureau's decisions on an entitlement or a claim read differently approved and rejected.
  const decided = kind === 'EntitlementDecided' || kind === 'RiskClaimDecided';
  const key = kind === 'ContractProposal' ? `${kind}_${str('status') || 'Pending'}` : kind === 'CallConsent' ? `${kind}_${str('consent') || 'Pending'}`
    : kind === 'TrialReminder' && d.end === true ? 'TrialReminder_end'
    : decided ? `${kind}_${d.approved === true ? 'Approved' : 'Rejected'}` : kind;
  return t(`notifications.kinds.${key}`, { ...vars, defaultValue: kind });
}

/** One row's text: the notification itself, or "8 new proposals for …" for a group of several. */
export function describeGroup(g: NotificationGroup, t: TFunction, lang: Lang): string {
  if (g.count <= 1) return describeNotification(g.latest, t, lang);
  const d = parseData(g.latest);
  const str = (k: string) => (d[k] === undefined || d[k] === null ? '' : String(d[k]));
  // Proposals are grouped by the listing whose publication made them; otherwise the subject is the recipient's own record.
  const published = str('publishedListingId');
  const subject = published && published === str('achievementId') ? str('achievementTitle')
    : published && published === str('needId') ? str('needTitle')
      : g.link?.startsWith('/achievements/') ? str('achievementTitle') : str('needTitle') || str('title') || str('dealTitle');
  return t(`notify.group.${g.kind}`, { count: g.count, subject, defaultValue: describeNotification(g.latest, t, lang) });
}

function GroupRow({ group }: { group: NotificationGroup }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { markRead, markGroupRead } = useNotifications();
  const [open, setOpen] = useState(false);
  const items = useAsync(() => data(http.GET('/api/notifications/{id}/group', { params: { path: { id: group.id } } })), [group.id, group.count], open);
  const to = clientLink(group.link);
  const text = describeGroup(group, t, lang);
  const unread = group.unread > 0;
  return (
    <li className={unread ? 'unread' : ''} data-testid="notification-group" data-kind={group.kind} data-count={group.count}>
      <div className="notif-body">
        <p>{to ? <Link to={to} onClick={() => unread && void markGroupRead(group.id)}>{text}</Link> : text}</p>
        <small className="muted">
          {formatDateTime(group.latest.createdAt, lang)}
          {unread && group.count > 1 ? ` · ${t('notify.unreadInGroup', { count: group.unread })}` : ''}
        </small>
        {group.count > 1 && (
          <button type="button" className="btn btn-small btn-ghost" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="notification-group-expand">
            {open ? t('notify.collapse') : t('notify.expand', { count: group.count })}
          </button>
        )}
        {open && (items.error ? <ErrorMessage error={items.error} onRetry={items.reload} /> : !items.data ? <Loading /> : (
          <ul className="notif-items" data-testid="notification-group-items">
            {items.data.map((n) => (
              <li key={n.id} className={isUnread(n) ? 'unread' : ''} data-testid="notification-item" data-kind={n.kind}>
                <span>{describeNotification(n, t, lang)} <small className="muted">{formatDateTime(n.createdAt, lang)}</small></span>
                {isUnread(n) && (
                  <button type="button" className="btn btn-small btn-ghost" data-testid="notification-read"
                    onClick={() => void markRead(n.id, group.id).then(items.reload)}>{t('notifications.markRead')}</button>
                )}
              </li>
            ))}
          </ul>
        ))}
      </div>
      {unread && (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => void markGroupRead(group.id)} data-testid="notification-group-read">
          {group.count > 1 ? t('notify.markGroupRead') : t('notifications.markRead')}
        </button>
      )}
    </li>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation();
  const { groups, error, loading, reload, markAllRead, unread, unreadGroups } = useNotifications();
  const { connected } = useRealtime();
  return (
    <section className="page" aria-labelledby="notif-title">
      <header className="page-header row">
        <div>
          <h1 id="notif-title">{t('notifications.title')}</h1>
          <p className="muted" data-testid="notifications-summary">
            {t('notify.unreadSummary', { count: unread, groups: unreadGroups })} · {connected ? t('notifications.live') : t('notifications.offline')}
          </p>
        </div>
        {unread > 0 && (
          <button type="button" className="btn btn-small" onClick={() => void markAllRead()} data-testid="notifications-read-all">{t('notifications.markAllRead')}</button>
        )}
      </header>
      <NotificationPreferences />
      {error ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {loading && !groups.length ? <Loading /> : null}
      {!loading && !groups.length && !error ? <p className="muted">{t('notifications.none')}</p> : null}
      <ul className="notif-list" data-testid="notifications-list">
        {groups.map((g) => <GroupRow key={`${g.kind}|${g.link ?? ''}|${g.day}`} group={g} />)}
      </ul>
    </section>
  );
}
