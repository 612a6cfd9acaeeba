import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { listings, organisations, type ListingKind } from '../api/endpoints';
import {
  COOPERATION_MODES, TECHNICAL_FIELDS, TRANSFER_MODES, type CooperationMode, type ListingQuery, type Organisation, type TechnicalField, type TransferMode,
} from '../api/types';
import { ListingCard, orgName } from '../components/listing';
import { ErrorMessage, Loading, Pager } from '../components/ui';
import { SaveSearchButton } from '../components/SavedSearches';
import { useAsync, useLang } from '../lib/hooks';
import { formatNumber } from '../lib/format';

export const REGIONS = ['210200', '210202', '210204', '210211', '210213', '210000'];
const PAGE_SIZE = 20;

/** Maturity stage ↔ TRL range, as in the domain glossary. */
export const STAGES: Record<string, [number, number]> = { early: [1, 4], middle: [5, 6], mature: [7, 9] };

/** The public catalogue of achievements or needs. Search state lives in the URL. */
export function Catalogue({ kind }: { kind: ListingKind }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const [filtersOpen, setFiltersOpen] = useState(false);
  useEffect(() => setText(q), [q]);
  const page = Number(params.get('page') ?? '1') || 1;
  const modeParam = kind === 'achievements' ? 'transferMode' : 'cooperationMode';

  const param = (name: string) => params.get(name) ?? undefined;
  const query: ListingQuery = {
    Q: q || undefined,
    Field: param('field') as TechnicalField | undefined,
    TrlMin: params.get('trlMin') ? Number(params.get('trlMin')) : undefined,
    TrlMax: params.get('trlMax') ? Number(params.get('trlMax')) : undefined,
    Region: param('region'),
    OrganisationId: param('organisationId'),
    ...(kind === 'achievements' ? { transferMode: param(modeParam) as TransferMode | undefined } : { cooperationMode: param(modeParam) as CooperationMode | undefined }),
    Sort: param('sort'),
    Page: page,
    PageSize: PAGE_SIZE,
  };
  const key = JSON.stringify(query);
  const result = useAsync((signal) => listings.search(kind, query, signal), [kind, key]);

  const orgKind = kind === 'achievements' ? 'Institution' : 'Enterprise';
  const orgs = useAsync(() => organisations.search({ Kind: orgKind, Verification: 'Verified', PageSize: 100 }), [orgKind]);

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k); else next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  const stage = Object.entries(STAGES).find(([, [a, b]]) => String(a) === params.get('trlMin') && String(b) === params.get('trlMax'))?.[0] ?? '';

  // A search by text is ranked by relevance unless the reader sorts otherwise (the server's default too).
  const defaultSort = q ? 'relevance' : 'newest';
  const filtered = ['field', 'trlMin', 'trlMax', 'region', 'organisationId', modeParam].some((k) => params.has(k));
  const onSearch = (e: FormEvent) => { e.preventDefault(); set({ q: text.trim() || null }); };
  const title = kind === 'achievements' ? t('catalogue.achievementsTitle') : t('catalogue.needsTitle');
  const data = result.data;

  return (
    <section className="page catalogue" aria-labelledby="catalogue-title">
      <header className="page-header">
        <h1 id="catalogue-title">{title}</h1>
      </header>
      <form className="search-bar" role="search" onSubmit={onSearch} data-testid="catalogue-search-form">
        <label htmlFor="catalogue-q" className="sr-only">{t('catalogue.query')}</label>
        <input id="catalogue-q" type="search" value={text} onChange={(e) => setText(e.target.value)}
          placeholder={t('catalogue.queryPlaceholder')} data-testid="catalogue-search" aria-label={t('catalogue.query')} />
        <button type="submit" className="btn btn-primary" data-testid="catalogue-search-submit">{t('common.search')}</button>
      </form>
      <div className="catalogue-layout">
        <button type="button" className="btn filters-toggle" aria-expanded={filtersOpen} aria-controls="catalogue-filters" onClick={() => setFiltersOpen((o) => !o)} data-testid="filters-toggle">
          {t('catalogue.filters')}
        </button>
        <aside id="catalogue-filters" className={`filters ${filtersOpen ? 'open' : ''}`} aria-label={t('catalogue.filters')} data-testid="catalogue-filters">
          <h2 className="sr-only">{t('catalogue.filters')}</h2>
          <label>{t('catalogue.field')}
            <select value={params.get('field') ?? ''} onChange={(e) => set({ field: e.target.value })} data-testid="filter-field">
              <option value="">{t('common.all')}</option>
              {TECHNICAL_FIELDS.map((f) => <option key={f} value={f}>{t(`field.${f}`)}</option>)}
            </select>
          </label>
          <label>{t('catalogue.maturity')}
            <select value={stage} onChange={(e) => { const r = STAGES[e.target.value]; set({ trlMin: r ? String(r[0]) : null, trlMax: r ? String(r[1]) : null }); }} data-testid="filter-maturity">
              <option value="">{t('common.any')}</option>
              {Object.keys(STAGES).map((s) => <option key={s} value={s}>{t(`stage.${s}`)} (TRL {STAGES[s][0]}–{STAGES[s][1]})</option>)}
            </select>
          </label>
          <label>{t('catalogue.region')}
            <select value={params.get('region') ?? ''} onChange={(e) => set({ region: e.target.value })} data-testid="filter-region">
              <option value="">{t('common.all')}</option>
              {REGIONS.map((r) => <option key={r} value={r}>{t(`region.${r}`)}</option>)}
            </select>
          </label>
          <label>{t('catalogue.institution')}
            <select value={params.get('organisationId') ?? ''} onChange={(e) => set({ organisationId: e.target.value })} data-testid="filter-organisation">
              <option value="">{t('common.all')}</option>
              {(orgs.data?.items ?? []).map((o: Organisation) => <option key={o.id} value={o.id}>{orgName(o, lang)}</option>)}
            </select>
          </label>
          {kind === 'achievements' ? (
            <label>{t('catalogue.transferMode')}
              <select value={params.get('transferMode') ?? ''} onChange={(e) => set({ transferMode: e.target.value })} data-testid="filter-mode">
                <option value="">{t('common.all')}</option>
                {TRANSFER_MODES.map((m) => <option key={m} value={m}>{t(`transferMode.${m}`)}</option>)}
              </select>
            </label>
          ) : (
            <label>{t('catalogue.cooperationMode')}
              <select value={params.get('cooperationMode') ?? ''} onChange={(e) => set({ cooperationMode: e.target.value })} data-testid="filter-mode">
                <option value="">{t('common.all')}</option>
                {COOPERATION_MODES.map((m) => <option key={m} value={m}>{t(`cooperationMode.${m}`)}</option>)}
              </select>
            </label>
          )}
          <label>{t('catalogue.sort')}
            <select value={params.get('sort') ?? defaultSort} onChange={(e) => set({ sort: e.target.value === defaultSort ? null : e.target.value })} data-testid="filter-sort">
              {q && <option value="relevance">{t('catalogue.sortRelevance')}</option>}
              <option value="newest">{t('catalogue.sortNewest')}</option>
              <option value="oldest">{t('catalogue.sortOldest')}</option>
              <option value="title">{t('catalogue.sortTitle')}</option>
              <option value="maturity">{t('catalogue.sortMaturity')}</option>
            </select>
          </label>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setParams(new URLSearchParams())} data-testid="filter-reset">{t('common.reset')}</button>
        </aside>
        <div className="results" aria-live="polite" aria-busy={result.loading}>
          {result.error ? <ErrorMessage error={result.error} onRetry={result.reload} /> : null}
          {result.loading && !data ? <Loading /> : null}
          {data && (
            <>
              <div className="row results-head">
                <p className="muted" data-testid="catalogue-count">{t('common.results', { count: data.total, formatted: formatNumber(data.total, lang) })}</p>
                <SaveSearchButton kind={kind} params={params} />
              </div>
              {data.items.length === 0 ? (
                <div className="empty" data-testid="catalogue-empty">
                  <p>{t('catalogue.noResults')}</p>
                  <ul className="suggestions" data-testid="catalogue-suggestions">
                    {filtered && <li><button type="button" className="btn btn-small" onClick={() => setParams(q ? new URLSearchParams({ q }) : new URLSearchParams())} data-testid="suggest-clear-filters">{t('catalogue.suggestClearFilters')}</button></li>}
                    {q && <li>{t('catalogue.suggestFewerWords')}</li>}
                    <li><Link to={`/${kind === 'achievements' ? 'needs' : 'achievements'}${q ? `?q=${encodeURIComponent(q)}` : ''}`} data-testid="suggest-other-kind">{kind === 'achievements' ? t('catalogue.suggestNeeds') : t('catalogue.suggestAchievements')}</Link></li>
                  </ul>
                </div>
              ) : (
                <div className="card-list" data-testid="catalogue-results" data-ranked={data.ranked} aria-label={t('catalogue.resultsLabel')} role="list">
                  {data.items.map((item) => <div role="listitem" key={item.id}><ListingCard kind={kind} item={item} terms={data.terms} /></div>)}
                </div>
              )}
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => { set({ page: String(p) }); window.scrollTo?.(0, 0); }} />
            </>
          )}
        </div>
      </div>
    </section>
  );
}
