import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { data, http } from '../api/client';
import type { NotificationKind } from '../api/types';
import { Loading, Notice } from '../components/ui';

/** One request per token, even when React runs the effect twice. */
const requests = new Map<string, Promise<{ kind: NotificationKind }>>();

/**
 * The page of a notification e-mail's unsubscribe link: no sign-in needed, the signed token says who and which
 * kind; that kind goes back to the app only. In the UI's language, switchable like every page.
 */
export function UnsubscribePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [kind, setKind] = useState<NotificationKind | null>(null);
  const [failed, setFailed] = useState(!token);

  useEffect(() => {
    if (!token) return;
    let promise = requests.get(token);
    if (!promise) {
      promise = data(http.POST('/api/notifications/unsubscribe', { params: { query: { token } } }));
      requests.set(token, promise);
    }
    let live = true;
    promise.then((r) => live && setKind(r.kind), () => live && setFailed(true));
    return () => { live = false; };
  }, [token]);

  const name = kind ? t(`notifications.kindNames.${kind}`) : '';
  return (
    <section className="page narrow" aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t('notify.unsubscribe.title')}</h1>
      <div className="card">
        {!kind && !failed && <Loading label={t('notify.unsubscribe.working')} />}
        {kind && (
          <div data-testid="unsubscribe-done">
            <Notice kind="success">{t('notify.unsubscribe.done', { kind: name })}</Notice>
            <p>{t('notify.unsubscribe.again')}</p>
            <Link className="btn" to="/notifications">{t('notify.unsubscribe.manage')}</Link>
          </div>
        )}
        {failed && <div className="alert alert-error" role="alert" data-testid="unsubscribe-invalid">{t('notify.unsubscribe.invalid')}</div>}
      </div>
    </section>
  );
}
