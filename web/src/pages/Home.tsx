import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { listings, organisations } from '../api/endpoints';
import { useAuth } from '../auth/AuthContext';
import { ListingCard } from '../components/listing';
import { HomeCalls } from './calls/CallsList';
import { ErrorMessage, Loading } from '../components/ui';
import { useAsync, useLang } from '../lib/hooks';
import { formatNumber } from '../lib/format';
import { useHubEvent } from '../lib/realtime';

/** Home: live figures from the catalogue and the newest listings. */
export function HomePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<'achievements' | 'needs'>('achievements');
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    const q = text.trim();
    navigate(q ? `/${kind}?q=${encodeURIComponent(q)}` : `/${kind}`);
  };
  const figures = useAsync(async (signal) => {
    const [a, n, i, e] = await Promise.all([
      listings.search('achievements', { PageSize: 3 }, signal),
      listings.search('needs', { PageSize: 3 }, signal),
      organisations.search({ Kind: 'Institution', Verification: 'Verified', PageSize: 1 }),
      organisations.search({ Kind: 'Enterprise', Verification: 'Verified', PageSize: 1 }),
    ]);
    return { a, n, institutions: i.total, enterprises: e.total };
  }, []);
  useHubEvent(['ListingPublished', 'listingPublished', 'ContractRecorded', 'IndicatorsChanged'], () => figures.reload());
  const d = figures.data;
  const stats = d ? [
    { label: t('home.achievements'), value: d.a.total, to: '/achievements', id: 'achievements' },
    { label: t('home.needs'), value: d.n.total, to: '/needs', id: 'needs' },
    { label: t('home.institutions'), value: d.institutions, id: 'institutions' },
    { label: t('home.enterprises'), value: d.enterprises, id: 'enterprises' },
  ] : [];

  return (
    <div className="page home">
      <section className="hero">
        <h1>{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <form className="search-bar home-search" role="search" onSubmit={onSearch} data-testid="home-search-form">
          <label htmlFor="home-kind" className="sr-only">{t('home.searchIn')}</label>
          <select id="home-kind" value={kind} onChange={(e) => setKind(e.target.value as 'achievements' | 'needs')} data-testid="home-search-kind">
            <option value="achievements">{t('nav.achievements')}</option>
            <option value="needs">{t('nav.needs')}</option>
          </select>
          <label htmlFor="home-q" className="sr-only">{t('catalogue.query')}</label>
          <input id="home-q" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('home.searchPlaceholder')} data-testid="home-search" />
          <button type="submit" className="btn btn-primary" data-testid="home-search-submit">{t('common.search')}</button>
        </form>
        <div className="actions">
          <Link className="btn btn-primary" to="/achievements">{t('home.browseAchievements')}</Link>
          <Link className="btn" to="/needs">{t('home.browseNeeds')}</Link>
          {!me && <Link className="btn btn-ghost" to="/login">{t('home.signInCta')}</Link>}
        </div>
      </section>
      <section aria-labelledby="figures-title">
        <h2 id="figures-title">{t('home.figures')}</h2>
        {figures.error ? <ErrorMessage error={figures.error} onRetry={figures.reload} /> : null}
        {!d && figures.loading ? <Loading /> : null}
        <ul className="stats" data-testid="home-figures">
          {stats.map((s) => (
            <li key={s.id} className="stat" data-testid={`figure-${s.id}`}>
              <span className="stat-value">{formatNumber(s.value, lang)}</span>
              <span className="stat-label">{s.to ? <Link to={s.to}>{s.label}</Link> : s.label}</span>
            </li>
          ))}
        </ul>
      </section>
      <HomeCalls />
      {d && (
        <div className="two-col">
          <section aria-labelledby="latest-a"><h2 id="latest-a">{t('home.latestAchievements')}</h2>
            <div className="card-list">{d.a.items.map((x) => <ListingCard key={x.id} kind="achievements" item={x} />)}</div>
          </section>
          <section aria-labelledby="latest-n"><h2 id="latest-n">{t('home.latestNeeds')}</h2>
            <div className="card-list">{d.n.items.map((x) => <ListingCard key={x.id} kind="needs" item={x} />)}</div>
          </section>
        </div>
      )}
    </div>
  );
}
