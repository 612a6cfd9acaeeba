import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { data, http } from '../api/client';
import type { ListingKind } from '../api/endpoints';
import type { SavedSearch, TechnicalField } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { formatDate } from '../lib/format';
import { useAsync, useLang } from '../lib/hooks';
import { ErrorMessage, Notice } from './ui';

/** The catalogue URL that re-runs a saved search. */
export function savedSearchLink(s: SavedSearch): string {
  const q = new URLSearchParams();
  if (s.text) q.set('q', s.text);
  if (s.field) q.set('field', s.field);
  if (s.region) q.set('region', s.region);
  if (s.trlMin) q.set('trlMin', String(s.trlMin));
  const qs = q.toString();
  return `/${s.achievements ? 'achievements' : 'needs'}${qs ? `?${qs}` : ''}`;
}

/** "Save this search" on the catalogue: alerts arrive as notifications when a new listing matches. */
export function SaveSearchButton({ kind, params }: { kind: ListingKind; params: URLSearchParams }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [state, setState] = useState<'idle' | 'busy' | 'saved'>('idle');
  const [error, setError] = useState<unknown>(null);
  if (!me) return null;
  const save = async () => {
    setState('busy');
    setError(null);
    const text = params.get('q');
    const field = params.get('field') as TechnicalField | null;
    const name = [text, field ? t(`field.${field}`) : null].filter(Boolean).join(' · ') || t(kind === 'achievements' ? 'nav.achievements' : 'nav.needs');
    try {
      await data(http.POST('/api/saved-searches', { body: {
        name, achievements: kind === 'achievements', text: text || null, field: field || null, region: params.get('region') || null,
        trlMin: params.get('trlMin') ? Number(params.get('trlMin')) : null,
      } }));
      setState('saved');
    } catch (e) { setError(e); setState('idle'); }
  };
  return (
    <>
      {state === 'saved'
        ? <span className="badge badge-good" data-testid="search-saved">{t('search.saved')}</span>
        : <button type="button" className="btn btn-small btn-ghost" disabled={state === 'busy'} onClick={save} data-testid="save-search">{t('search.save')}</button>}
      <ErrorMessage error={error} />
    </>
  );
}

/** My saved searches and alerts (workspace). */
export function SavedSearches() {
  const { t } = useTranslation();
  const lang = useLang();
  const res = useAsync(() => data(http.GET('/api/saved-searches')), []);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = async (id: string) => {
    setError(null);
    try {
      await data(http.DELETE('/api/saved-searches/{id}', { params: { path: { id } } }));
      setNotice(t('search.deleted'));
      res.reload();
    } catch (e) { setError(e); }
  };
  return (
    <section aria-labelledby="saved-title" className="card saved-searches" data-testid="saved-searches">
      <h2 id="saved-title">{t('workspace.savedSearches')}</h2>
      <p className="muted small">{t('search.hint')}</p>
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorMessage error={error ?? res.error} onRetry={res.reload} />
      {res.data?.length === 0 && <p className="muted">{t('common.none')}</p>}
      <ul className="plain-list" data-testid="saved-searches-list">
        {(res.data ?? []).map((s) => (
          <li key={s.id} data-testid="saved-search">
            <Link to={savedSearchLink(s)}>{s.name}</Link>{' '}
            <small className="muted">{s.achievements ? t('nav.achievements') : t('nav.needs')} · {formatDate(s.createdAt, lang)}</small>{' '}
            <button type="button" className="btn btn-small btn-ghost" onClick={() => remove(s.id)} data-testid="saved-search-delete">{t('common.delete')}</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
