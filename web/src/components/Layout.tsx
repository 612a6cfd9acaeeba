import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { isAdmin, useAuth } from '../auth/AuthContext';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationsBadge } from './notifications';

export function Layout() {
  const { t, i18n } = useTranslation();
  const { me, logout, hasRole } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const orgName = me?.organisation ? (i18n.language === 'en' ? me.organisation.nameEn || me.organisation.nameZh : me.organisation.nameZh) : null;

  const links: { to: string; label: string; testId: string }[] = [
    { to: '/achievements', label: t('nav.achievements'), testId: 'nav-achievements' },
    { to: '/needs', label: t('nav.needs'), testId: 'nav-needs' },
  ];
  if (me) {
    if (hasRole('InstitutionMember')) links.push({ to: '/workspace/achievements', label: t('nav.myAchievements'), testId: 'nav-my-achievements' });
    if (hasRole('InstitutionMember')) links.push({ to: '/workspace/collaboration', label: t('nav.collaboration'), testId: 'nav-collaboration' });
    if (hasRole('EnterpriseMember')) links.push({ to: '/workspace/needs', label: t('nav.myNeeds'), testId: 'nav-my-needs' });
    if (hasRole('InstitutionMember', 'EnterpriseMember')) links.push({ to: '/workspace/interests', label: t('nav.interests'), testId: 'nav-interests' });
    if (hasRole('TechnologyManager')) links.push({ to: '/workspace/deals', label: t('nav.deals'), testId: 'nav-deals' });
    if (hasRole('BureauAnalyst') || isAdmin(me)) links.push({ to: '/workspace/indicators', label: t('nav.dashboard'), testId: 'nav-dashboard' });
    if (isAdmin(me)) links.push({ to: '/admin', label: t('nav.admin'), testId: 'nav-admin' });
  }

  return (
    <div className="app">
      <a href="#main" className="skip-link">{t('app.skip')}</a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand" data-testid="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span><strong>{t('app.name')}</strong><small>{t('app.tagline')}</small></span>
          </Link>
          <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen((o) => !o)}>
            {t('app.menu')}
          </button>
          <nav id="main-nav" className={`main-nav ${menuOpen ? 'open' : ''}`} aria-label={t('nav.main')} onClick={() => setMenuOpen(false)}>
            {links.map((l) => <NavLink key={l.to} to={l.to} data-testid={l.testId}>{l.label}</NavLink>)}
          </nav>
          <div className="topbar-tools">
            <LanguageSwitch />
            {me ? (
              <>
                <NotificationsBadge />
                <span className="user" data-testid="current-user" title={me.email}>
                  {me.displayName}{orgName ? <small> · {orgName}</small> : null}
                </span>
                <button type="button" className="btn btn-small btn-ghost" data-testid="logout"
                  onClick={async () => { await logout(); navigate('/'); }}>{t('nav.logout')}</button>
              </>
            ) : (
              <>
                <Link className="btn btn-small" to="/login" state={{ from: location.pathname + location.search }} data-testid="nav-login">{t('nav.login')}</Link>
                <Link className="btn btn-small btn-ghost" to="/register" data-testid="nav-register">{t('nav.register')}</Link>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer"><p>© TechTransfer.Match · {t('app.tagline')}</p></footer>
    </div>
  );
}
