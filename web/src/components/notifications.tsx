import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { itemsOf, notifications as notificationsApi } from '../api/endpoints';
import { useCapabilities } from '../api/capabilities';
import type { NotificationItem } from '../api/types';
import { useLiveReload, useRealtime } from '../lib/realtime';
import { formatDateTime, formatNumber, formatPercent, type Lang } from '../lib/format';
import { clientLink } from '../lib/links';
import type { TFunction } from 'i18next';
import { useLang } from '../lib/hooks';
import { ErrorMessage, Loading, NotAvailable } from './ui';
import { NotificationPreferences } from './NotificationPreferences';

type NotificationsState = {
  available: boolean;
  items: NotificationItem[];
  unread: number;
  error: unknown;
  loading: boolean;
  reload: () => void;
  markRead: (id: string) => Promise<void>;
  markAllRead: () => Promise<void>;
};

const Ctx = createContext<NotificationsState>({ available: false, items: [], unread: 0, error: null, loading: false, reload: () => {}, markRead: async () => {}, markAllRead: async () => {} });

const isUnread = (n: NotificationItem) => !(n.readAt || n.read);

/** Hub client methods that mean "something new for you". */
export const NOTIFICATION_EVENTS = ['Notification', 'Digest'];

export function NotificationsProvider({ signedIn, children }: { signedIn: boolean; children: ReactNode }) {
  const caps = useCapabilities();
  const available = caps.has('get', '/api/notifications');
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [unreadFromServer, setUnreadFromServer] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const reload = useCallback(() => {
    if (!available || !signedIn) return;
    setLoading(true);
    notificationsApi.list({ pageSize: 50 })
      .then((r) => {
        setItems(itemsOf(r));
        setUnreadFromServer(!Array.isArray(r) && typeof r?.unread === 'number' ? r.unread : null);
        setError(null);
      })
      .catch(setError)
      .finally(() => setLoading(false));
  }, [available, signedIn]);

  useEffect(() => { reload(); }, [reload]);
  useLiveReload(NOTIFICATION_EVENTS, reload, 30_000, available && signedIn);

  const markRead = useCallback(async (id: string) => {
    if (caps.has('post', '/api/notifications/{id}/read')) {
      const r = await api<{ unread?: number } | undefined>(`/api/notifications/${id}/read`, { method: 'POST' }).catch(() => undefined);
      if (typeof r?.unread === 'number') setUnreadFromServer(r.unread);
      else setUnreadFromServer((u) => (u === null ? null : Math.max(0, u - 1)));
    }
    setItems((xs) => xs.map((n) => (n.id === id ? { ...n, readAt: new Date().toISOString(), read: true } : n)));
  }, [caps]);
  const markAllRead = useCallback(async () => {
    await api('/api/notifications/read-all', { method: 'POST' }).catch(() => undefined);
    setItems((xs) => xs.map((n) => ({ ...n, readAt: n.readAt ?? new Date().toISOString(), read: true })));
    setUnreadFromServer(0);
  }, []);

  const unread = unreadFromServer ?? items.filter(isUnread).length;
  return <Ctx.Provider value={{ available, items, unread, error, loading, reload, markRead, markAllRead }}>{children}</Ctx.Provider>;
}

export const useNotifications = () => useContext(Ctx);

export function NotificationsBadge() {
  const { t } = useTranslation();
  const { available, unread } = useNotifications();
  const { connected } = useRealtime();
  return (
    <Link to="/notifications" className="notif-link" data-testid="notifications-badge" aria-label={t('notifications.badge', { count: unread })}>
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round"><path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" /><path d="M13.73 21a2 2 0 0 1-3.46 0" /></svg>
      {available && unread > 0 && <span className="notif-count" data-testid="notifications-unread">{unread > 99 ? '99+' : unread}</span>}
      <span className={`live-dot ${connected ? 'on' : ''}`} title={connected ? t('notifications.live') : t('notifications.offline')} aria-hidden="true" />
    </Link>
  );
}

type NotificationData = Record<string, unknown>;
function parseData(n: NotificationItem): NotificationData {
  if (typeof n.data === 'string') { try { return JSON.parse(n.data) as NotificationData; } catch { return {}; } }
  return (n.data as NotificationData) ?? {};
}

/** One line of text for a notification, in the UI language, from its kind and data. */
export function describeNotification(n: NotificationItem, t: TFunction, lang: Lang): string {
  const d = parseData(n);
  const kind = String(n.kind ?? n.type ?? '');
  const str = (k: string) => (d[k] === undefined || d[k] === null ? '' : String(d[k]));
  const vars = {
    achievement: str('achievementTitle'), need: str('needTitle'), title: str('title') || str('achievementTitle') || str('needTitle'),
    score: typeof d.score === 'number' ? formatPercent(d.score, lang, 0) : '', search: str('searchName'), year: str('year'),
    stage: (d.to ?? d.toStage) ? t(`deals.stage.${String(d.to ?? d.toStage)}`, { defaultValue: String(d.to ?? d.toStage) }) : '',
    local: d.isLocal === true ? t('notifications.local') : d.isLocal === false ? t('notifications.nonLocal') : '',
    total: typeof d.total === 'number' ? formatNumber(d.total, lang) : '',
    deal: str('dealTitle'),
  };
  // A contract proposal reads differently waiting, confirmed and rejected.
  const key = kind === 'ContractProposal' ? `${kind}_${str('status') || 'Pending'}` : kind;
  return t(`notifications.kinds.${key}`, { ...vars, defaultValue: n.title ?? n.message ?? kind });
}

export function NotificationsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const caps = useCapabilities();
  const { available, items, error, loading, reload, markRead, markAllRead, unread } = useNotifications();
  const { connected } = useRealtime();
  return (
    <section className="page" aria-labelledby="notif-title">
      <header className="page-header row">
        <div>
          <h1 id="notif-title">{t('notifications.title')}</h1>
          <p className="muted">{t('notifications.unread', { count: unread })} · {connected ? t('notifications.live') : t('notifications.offline')}</p>
        </div>
        {available && unread > 0 && caps.has('post', '/api/notifications/read-all') && (
          <button type="button" className="btn btn-small" onClick={() => void markAllRead()} data-testid="notifications-read-all">{t('notifications.markAllRead')}</button>
        )}
      </header>
      {!available ? <NotAvailable what="/api/notifications" /> : (
        <>
          <NotificationPreferences />
          {error ? <ErrorMessage error={error} onRetry={reload} /> : null}
          {loading && !items.length ? <Loading /> : null}
          {!loading && !items.length && !error ? <p className="muted">{t('notifications.none')}</p> : null}
          <ul className="notif-list" data-testid="notifications-list">
            {items.map((n) => {
              const to = clientLink(n.link);
              return (
                <li key={n.id} className={isUnread(n) ? 'unread' : ''} data-testid="notification-item" data-kind={String(n.kind ?? '')}>
                  <div>
                    <p>{to ? <Link to={to} onClick={() => isUnread(n) && void markRead(n.id)}>{describeNotification(n, t, lang)}</Link> : describeNotification(n, t, lang)}</p>
                    <small className="muted">{formatDateTime(n.createdAt, lang)}</small>
                  </div>
                  {isUnread(n) && <button type="button" className="btn btn-small btn-ghost" onClick={() => void markRead(n.id)} data-testid="notification-read">{t('notifications.markRead')}</button>}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
