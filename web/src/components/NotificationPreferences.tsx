import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { data, http } from '../api/client';
import { NOTIFICATION_KINDS } from '../api/types';
import type { components } from '../api/schema';
import { useAsync } from '../lib/hooks';
import { ErrorMessage, Loading, Notice } from './ui';

type Prefs = components['schemas']['PreferencesView'];
type Channel = components['schemas']['NotificationChannel'];
const CHANNELS: Channel[] = ['InApp', 'Email', 'Digest'];
/** The digest is not a kind to e-mail on its own: it counts the kinds chosen for it. */
const MAILABLE = NOTIFICATION_KINDS.filter((k) => k !== 'Digest');

/** Which alerts to receive, from which match score, instantly or as a daily digest, and per kind whether to e-mail it. */
export function NotificationPreferences() {
  const { t } = useTranslation();
  const res = useAsync(() => data(http.GET('/api/notifications/preferences')), []);
  const [form, setForm] = useState<Prefs | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => { if (res.data) setForm(res.data); }, [res.data]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null); setSaved(false);
    if (!form) return;
    try { setForm(await data(http.PUT('/api/notifications/preferences', { body: form }))); setSaved(true); } catch (err) { setError(err); }
  };
  return (
    <details className="card prefs" data-testid="notification-preferences">
      <summary>{t('notifications.preferences')}</summary>
      {!form ? (res.error ? <ErrorMessage error={res.error} onRetry={res.reload} /> : <Loading />) : (
        <form className="form" onSubmit={submit}>
          <fieldset className="field">
            <legend>{t('notifications.kindsToReceive')}</legend>
            <div className="checks">
              {NOTIFICATION_KINDS.map((k) => (
                <label key={k} className="check">
                  <input type="checkbox" checked={!form.mutedKinds.includes(k)} data-testid={`pref-kind-${k}`}
                    onChange={(e) => setForm({ ...form, mutedKinds: e.target.checked ? form.mutedKinds.filter((x) => x !== k) : [...form.mutedKinds, k] })} />
                  {t(`notifications.kindNames.${k}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="field" data-testid="pref-channels">
            <legend>{t('notify.channel.legend')}</legend>
            <p className="muted">{t('notify.channel.hint')}</p>
            <div className="channel-grid">
              {MAILABLE.map((k) => (
                <label key={k} className="field">{t(`notifications.kindNames.${k}`)}
                  <select value={channelOf(form, k)} data-testid={`pref-channel-${k}`} onChange={(e) => setForm(withChannel(form, k, e.target.value as Channel))}>
                    {CHANNELS.map((c) => <option key={c} value={c}>{t(`notify.channel.${c}`)}</option>)}
                  </select>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="grid-2">
            <label className="field">{t('notifications.minScore')}
              <select value={String(form.minMatchScore)} onChange={(e) => setForm({ ...form, minMatchScore: Number(e.target.value) })} data-testid="pref-min-score">
                {[0, 0.2, 0.3, 0.4, 0.5, 0.6].map((v) => <option key={v} value={String(v)}>{Math.round(v * 100)}%</option>)}
              </select>
            </label>
            <label className="field">{t('notifications.delivery')}
              <select value={form.delivery} onChange={(e) => setForm({ ...form, delivery: e.target.value as Prefs['delivery'] })} data-testid="pref-delivery">
                <option value="Instant">{t('notifications.instant')}</option>
                <option value="DailyDigest">{t('notifications.digest')}</option>
              </select>
            </label>
          </div>
          {saved && <Notice kind="success">{t('workspace.saved')}</Notice>}
          <ErrorMessage error={error} />
          <div className="form-actions"><button type="submit" className="btn btn-primary" data-testid="pref-save">{t('common.save')}</button></div>
        </form>
      )}
    </details>
  );
}

function channelOf(form: Prefs, kind: string): Channel {
  return form.channels.find((c) => c.kind === kind)?.channel ?? 'InApp';
}

/** Kinds left in the app are simply not listed. */
function withChannel(form: Prefs, kind: Prefs['channels'][number]['kind'], channel: Channel): Prefs {
  const others = form.channels.filter((c) => c.kind !== kind);
  return { ...form, channels: channel === 'InApp' ? others : [...others, { kind, channel }] };
}
