import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { data, http } from '../api/client';
import type { Notification } from '../api/types';
import { useLiveReload, useRealtime } from '../lib/realtime';
import { formatDateTime, formatNumber, formatPercent, type Lang } from '../lib/format';
import { clientLink } from '../lib/links';
import type { TFunction } from 'i18next';
import { useLang } from '../lib/hooks';
import { ErrorMessage, Loading } from './ui';
import { NotificationPreferences } from './NotificationPreferences';

type NotificationsState = {
  items: Notification[];
  unread: number;
  error: unknown;
  loading: boolean;
  reload: () => void;
  markRead: (id: string) => Promise<void>;
  markAllRead: () => Promise<void>;
};

const Ctx = createContext<NotificationsState>({ items: [], unread: 0, error: null, loading: false, reload: () => {}, markRead: async () => {}, markAllRead: async () => {} });

const isUnread = (n: Notification) => !n.readAt;

/** Hub client methods that mean "something new for you". */
export const NOTIFICATION_EVENTS = ['Notification', 'Digest'];

export function NotificationsProvider({ signedIn, children }: { signedIn: boolean; children: ReactNode }) {
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const reload = useCallback(() => {
    if (!signedIn) return;
    setLoading(true);
    data(http.GET('/api/notifications', { params: { query: { pageSize: 50 } } }))
      .then((page) => {
        setItems(page.items);
        setUnread(page.unread);
        setError(null);
      })
      .catch(setError)
      .finally(() => setLoading(false));
  }, [signedIn]);

  useEffect(() => { reload(); }, [reload]);
  useLiveReload(NOTIFICATION_EVENTS, reload, 30_000, signedIn);

  const markRead = useCallback(async (id: string) => {
    const r = await data(http.POST('/api/notifications/{id}/read', { params: { path: { id } } })).catch(() => undefined);
    if (r) setUnread(r.unread);
    else setUnread((u) => Math.max(0, u - 1));
    setItems((xs) => xs.map((n) => (n.id === id ? { ...n, readAt: new Date().toISOString() } : n)));
  }, []);
  const markAllRead = useCallback(async () => {
    await data(http.POST('/api/notifications/read-all')).catch(() => undefined);
    setItems((xs) => xs.map((n) => ({ ...n, readAt: n.readAt ?? new Date().toISOString() })));
    setUnread(0);
  }, []);

  return <Ctx.Provider value={{ items, unread, error, loading, reload, markRead, markAllRead }}>{children}</Ctx.Provider>;
}

export const useNotifications = () => useContext(Ctx);

export function NotificationsBadge() {
  const { t } = useTranslation();
  const { unread } = useNotifications();
  const { connected } = useRealtime();
  return (
    <Link to="/notifications" className="notif-link" data-testid="notifications-badge" aria-label={t('notifications.badge', { count: unread })}>
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round"><path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" /><path d="M13.73 21a2 2 0 0 1-3.46 0" /></svg>
      {unread > 0 && <span className="notif-count" data-testid="notifications-unread">{unread > 99 ? '99+' : unread}</span>}
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
    deal: str('dealTitle'), reason: str('reason'),
  };
  // A contract proposal reads differently waiting, confirmed and rejected.
  const key = kind === 'ContractProposal' ? `${kind}_${str('status') || 'Pending'}` : kind;
  return t(`notifications.kinds.${key}`, { ...vars, defaultValue: kind });
}

export function NotificationsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { items, error, loading, reload, markRead, markAllRead, unread } = useNotifications();
  const { connected } = useRealtime();
  return (
    <section className="page" aria-labelledby="notif-title">
      <header className="page-header row">
        <div>
          <h1 id="notif-title">{t('notifications.title')}</h1>
          <p className="muted">{t('notifications.unread', { count: unread })} · {connected ? t('notifications.live') : t('notifications.offline')}</p>
        </div>
        {unread > 0 && (
          <button type="button" className="btn btn-small" onClick={() => void markAllRead()} data-testid="notifications-read-all">{t('notifications.markAllRead')}</button>
        )}
      </header>
      <NotificationPreferences />
      {error ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {loading && !items.length ? <Loading /> : null}
      {!loading && !items.length && !error ? <p className="muted">{t('notifications.none')}</p> : null}
      <ul className="notif-list" data-testid="notifications-list">
        {items.map((n) => {
          const to = clientLink(n.link);
          return (
            <li key={n.id} className={isUnread(n) ? 'unread' : ''} data-testid="notification-item" data-kind={n.kind}>
              <div>
                <p>{to ? <Link to={to} onClick={() => isUnread(n) && void markRead(n.id)}>{describeNotification(n, t, lang)}</Link> : describeNotification(n, t, lang)}</p>
                <small className="muted">{formatDateTime(n.createdAt, lang)}</small>
              </div>
              {isUnread(n) && <button type="button" className="btn btn-small btn-ghost" onClick={() => void markRead(n.id)} data-testid="notification-read">{t('notifications.markRead')}</button>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
