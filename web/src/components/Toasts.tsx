import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { NOTIFICATION_KINDS, type Notification, type NotificationKind } from '../api/types';
import { useLang } from '../lib/hooks';
import { clientLink } from '../lib/links';
import { useHubEvent } from '../lib/realtime';
import { describeGroup } from './notifications';

/** How long a toast stays unless the pointer or focus is on it. */
export const TOAST_MS = 8_000;
const MAX_TOASTS = 3;

type Toast = { key: string; kind: NotificationKind; link: string | null; items: Notification[] };

/**
 * SignalR's JSON protocol sends enums as numbers, in declaration order, which NOTIFICATION_KINDS follows
 * (a test compares it with the OpenAPI document); the REST API sends names.
 */
export function hubKind(kind: unknown): NotificationKind | null {
  if (typeof kind === 'number') return NOTIFICATION_KINDS[kind] ?? null;
  return typeof kind === 'string' && (NOTIFICATION_KINDS as string[]).includes(kind) ? (kind as NotificationKind) : null;
}

/** A hub "Notification" or "Digest" message as a notification the list's wording can describe. */
export function fromHub(method: string, message: unknown): Notification | null {
  const m = (message ?? {}) as Record<string, unknown>;
  if (method === 'Digest') {
    return { id: String(m.id), kind: 'Digest', data: JSON.stringify({ total: m.total }), link: '/notifications', createdAt: String(m.windowEnd ?? ''), readAt: null };
  }
  const kind = hubKind(m.kind);
  if (!kind || typeof m.id !== 'string') return null;
  return { id: m.id, kind, data: typeof m.data === 'string' ? m.data : '{}', link: typeof m.link === 'string' ? m.link : null, createdAt: String(m.createdAt ?? ''), readAt: null };
}

function publishedListing(n: Notification): string | null {
  try { return (JSON.parse(n.data) as { publishedListingId?: string }).publishedListingId ?? null; } catch { return null; }
}

/**
 * Live events as toasts, besides the bell: one per kind and subject (five proposals arriving together are
 * one toast, "5 new proposals for …"), newest on top, at most three, each gone after a few seconds unless
 * hovered or focused. Announced politely to screen readers through the region's role="status".
 */
export function LiveToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((n: Notification) => {
    setToasts((xs) => {
      // As in the list: one publication's proposals are one toast, though each links to the party's own record.
      const key = `${n.kind}|${publishedListing(n) ?? n.link ?? ''}`;
      const same = xs.find((x) => x.key === key);
      const toast: Toast = same ? { ...same, link: n.link ?? same.link, items: [n, ...same.items] } : { key, kind: n.kind, link: n.link ?? null, items: [n] };
      return [toast, ...xs.filter((x) => x.key !== key)].slice(0, MAX_TOASTS);
    });
  }, []);
  const dismiss = useCallback((key: string) => setToasts((xs) => xs.filter((x) => x.key !== key)), []);
  useHubEvent(['Notification'], (message) => { const n = fromHub('Notification', message); if (n) push(n); });
  useHubEvent(['Digest'], (message) => { const n = fromHub('Digest', message); if (n) push(n); });
  return <ToastStack toasts={toasts} onDismiss={dismiss} />;
}

export function ToastStack({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (key: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label={t('notify.toast.region')} data-testid="toasts">
      {toasts.map((toast) => <ToastItem key={toast.key} toast={toast} onDismiss={onDismiss} />)}
    </div>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (key: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [held, setHeld] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Each new item restarts the countdown; hovering or focusing the toast holds it.
  useEffect(() => {
    if (held) return;
    timer.current = setTimeout(() => onDismiss(toast.key), TOAST_MS);
    return () => clearTimeout(timer.current);
  }, [held, toast.items.length, toast.key, onDismiss]);
  const latest = toast.items[0];
  const text = describeGroup({ id: latest.id, kind: toast.kind, link: toast.link, day: latest.createdAt, count: toast.items.length, unread: toast.items.length, latest }, t, lang);
  const to = clientLink(toast.link);
  return (
    <div className="toast" data-testid="toast" data-kind={toast.kind}
      onMouseEnter={() => setHeld(true)} onMouseLeave={() => setHeld(false)} onFocus={() => setHeld(true)} onBlur={() => setHeld(false)}>
      <p>{text}</p>
      <div className="toast-actions">
        {to && <Link to={to} className="btn btn-small" onClick={() => onDismiss(toast.key)} data-testid="toast-open">{t('notify.toast.open')}</Link>}
        <button type="button" className="btn btn-small btn-ghost" aria-label={t('notify.toast.dismiss')} onClick={() => onDismiss(toast.key)} data-testid="toast-dismiss">×</button>
      </div>
    </div>
  );
}
