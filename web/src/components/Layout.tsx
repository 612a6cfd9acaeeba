import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { isAdmin, useAuth } from '../auth/AuthContext';
import { usePortal } from '../lib/portal';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationsBadge } from './notifications';
import { LiveToasts } from './Toasts';

type NavItem = { to: string; label: string; testId: string };

export function Layout() {
  const { t, i18n } = useTranslation();
  const { me, hasRole } = useAuth();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const orgName = me?.organisation ? (i18n.language === 'en' ? me.organisation.nameEn || me.organisation.nameZh : me.organisation.nameZh) : null;

  const links: NavItem[] = [
    { to: '/achievements', label: t('nav.achievements'), testId: 'nav-achievements' },
    { to: '/needs', label: t('nav.needsShort'), testId: 'nav-needs' },
  ];
  // The city's programmes (calls, trials, incentives, targets, validation, guidelines) share one menu: with them as
  // top-level links the bureau's navigation would wrap at desktop widths (docs/programmes.md).
  const programmes: NavItem[] = [];
  // Open calls are public: a top-level link for visitors, the first programme for members.
  (me ? programmes : links).push({ to: '/calls', label: t('calls.nav'), testId: 'nav-calls' });
  // The public directory sits with the catalogues for visitors; members reach it from the footer and the home page.
  if (!me) links.push({ to: '/directory', label: t('directory.nav'), testId: 'nav-directory' });
  if (!me) links.push({ to: '/validation', label: t('validation.nav'), testId: 'nav-validation-centres' });
  if (me) {
    if (hasRole('InstitutionMember')) links.push({ to: '/workspace/achievements', label: t('nav.myAchievements'), testId: 'nav-my-achievements' });
    if (hasRole('InstitutionMember')) links.push({ to: '/workspace/collaboration', label: t('nav.collaboration'), testId: 'nav-collaboration' });
    if (hasRole('EnterpriseMember')) links.push({ to: '/workspace/needs', label: t('nav.myNeeds'), testId: 'nav-my-needs' });
    if (hasRole('InstitutionMember', 'EnterpriseMember')) links.push({ to: '/workspace/interests', label: t('nav.interests'), testId: 'nav-interests' });
    if (hasRole('InstitutionMember', 'EnterpriseMember') && !isAdmin(me)) links.push({ to: '/workspace/contracts', label: t('nav.contracts'), testId: 'nav-contracts' });
    if (hasRole('TechnologyManager')) links.push({ to: '/workspace/deals', label: t('nav.deals'), testId: 'nav-deals' });
    // Parties and brokers follow their trials; the bureau sees the overview.
    if (hasRole('BureauAnalyst') || isAdmin(me)) programmes.push({ to: '/workspace/trials/summary', label: t('trials.nav'), testId: 'nav-trials' });
    else if (hasRole('InstitutionMember', 'EnterpriseMember', 'TechnologyManager')) programmes.push({ to: '/workspace/trials', label: t('trials.nav'), testId: 'nav-trials' });
    // Risk compensation: the bureau's pools, the parties' claims (docs/programmes.md#risk-compensation).
    if (hasRole('BureauAnalyst') || isAdmin(me)) programmes.push({ to: '/workspace/risk-pool', label: t('riskPool.poolNav'), testId: 'nav-risk-pool' });
    else if (hasRole('InstitutionMember', 'EnterpriseMember')) programmes.push({ to: '/workspace/risk-claims', label: t('riskPool.claimsNav'), testId: 'nav-risk-claims' });
    // Members reach their organisation's contract records from their contracts page: one contracts entry each.
    if (hasRole('TechnologyManager', 'BureauAnalyst') || isAdmin(me)) {
      links.push({ to: '/workspace/contract-records', label: t('contractRecords.nav'), testId: 'nav-contract-records' });
    }
    if (hasRole('BureauAnalyst') || isAdmin(me)) links.push({ to: '/workspace/indicators', label: t('nav.dashboard'), testId: 'nav-dashboard' });
    if (hasRole('BureauAnalyst') || isAdmin(me)) links.push({ to: '/workspace/data-quality', label: t('dataQuality.nav'), testId: 'nav-data-quality' });
    // Incentive schemes are the bureau's; targets also each institution's own (docs/programmes.md).
    if (hasRole('BureauAnalyst') || isAdmin(me)) programmes.push({ to: '/workspace/incentives', label: t('incentives.nav'), testId: 'nav-incentives' });
    if (hasRole('BureauAnalyst', 'InstitutionMember') || isAdmin(me)) programmes.push({ to: '/workspace/targets', label: t('targets.nav'), testId: 'nav-targets' });
    if (hasRole('InstitutionMember', 'BureauAnalyst') || isAdmin(me)) programmes.push({ to: '/workspace/validation', label: t('validation.navWorkspace'), testId: 'nav-validation' });
    if (hasRole('BureauAnalyst') || isAdmin(me)) programmes.push({ to: '/workspace/guidelines', label: t('guidelines.nav'), testId: 'nav-guidelines' });
    // Intermediary filing: the intermediary's members file, the bureau approves, reviews and sees brokers' performance.
    if (me.organisation?.kind === 'Intermediary') programmes.push({ to: '/workspace/filing', label: t('filing.nav'), testId: 'nav-filing' });
    if (hasRole('BureauAnalyst') || isAdmin(me)) programmes.push({ to: '/workspace/filings', label: t('filing.queueNav'), testId: 'nav-filings' });
    if (hasRole('BureauAnalyst') || isAdmin(me)) programmes.push({ to: '/workspace/broker-performance', label: t('filing.performanceNav'), testId: 'nav-broker-performance' });
    if (isAdmin(me)) links.push({ to: '/admin', label: t('nav.admin'), testId: 'nav-admin' });
    else if (hasRole('BureauAnalyst')) links.push({ to: '/admin', label: t('nav.oversight'), testId: 'nav-admin' });
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
            {programmes.length > 0 && <NavGroup label={t('nav.programmes')} items={programmes} testId="nav-programmes" />}
          </nav>
          <div className="topbar-tools">
            <LanguageSwitch />
            {me ? (
              <>
                <NotificationsBadge />
                <LiveToasts />
                <UserMenu name={me.displayName} email={me.email} orgName={orgName} />
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
      <Footer />
    </div>
  );
}

/** Who runs the site and how to reach them, as a government-run portal shows it; lines without a configured value are left out. */
function Footer() {
  const { t } = useTranslation();
  const portal = usePortal();
  return (
    <footer className="footer" data-testid="footer">
      <p>© {t('app.name')} · {t('app.tagline')} · <Link to="/directory" data-testid="footer-directory">{t('directory.title')}</Link></p>
      {portal?.operator && <p data-testid="footer-operator">{t('footer.operator')}{portal.operator}</p>}
      {(portal?.contactEmail || portal?.contactPhone) && (
        <p data-testid="footer-contact">
          {t('footer.contact')}
          {portal.contactEmail && <a href={`mailto:${portal.contactEmail}`}>{portal.contactEmail}</a>}
          {portal.contactEmail && portal.contactPhone && ' · '}
          {portal.contactPhone}
        </p>
      )}
      {(portal?.filingNumber || portal?.publicSecurityFilingNumber) && (
        <p data-testid="footer-filing">
          {portal.filingNumber && <a href="https://beian.miit.gov.cn/" target="_blank" rel="noreferrer">{portal.filingNumber}</a>}
          {portal.filingNumber && portal.publicSecurityFilingNumber && ' · '}
          {portal.publicSecurityFilingNumber}
        </p>
      )}
    </footer>
  );
}

/** The signed-in person's menu: my account, notifications, sign out. Closes on Escape, outside clicks and navigation. */
function UserMenu({ name, email, orgName }: { name: string; email: string; orgName: string | null }) {
  const { t } = useTranslation();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => { setOpen(false); }, [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => { if (box.current && !box.current.contains(e.target as Node)) setOpen(false); };
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') { setOpen(false); toggle.current?.focus(); } };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => { document.removeEventListener('mousedown', onDown); document.removeEventListener('keydown', onKey); };
  }, [open]);
  const initial = (name.trim()[0] ?? '?').toUpperCase();
  return (
    <div className="user-menu" ref={box}>
      <button type="button" ref={toggle} className="user-toggle" aria-haspopup="true" aria-expanded={open} aria-controls="user-menu-list"
        aria-label={t('nav.userMenu', { name })} title={[email, orgName].filter(Boolean).join(' · ')} onClick={() => setOpen((o) => !o)} data-testid="current-user">
        <span className="avatar" aria-hidden="true">{initial}</span>
        <span className="user">{name}</span>
        <span className="caret" aria-hidden="true">▾</span>
      </button>
      {open && (
        <div id="user-menu-list" className="user-dropdown" data-testid="user-menu">
          <p className="user-dropdown-head"><strong>{name}</strong><small>{email}</small>{orgName ? <small>{orgName}</small> : null}</p>
          <Link to="/account" data-testid="nav-account">{t('nav.account')}</Link>
          <Link to="/notifications" data-testid="nav-notifications">{t('nav.notifications')}</Link>
          <button type="button" className="link-button" data-testid="logout"
            onClick={async () => { setOpen(false); await logout(); navigate('/'); }}>{t('nav.logout')}</button>
        </div>
      )}
    </div>
  );
}

/** A group of navigation links behind one button; closes on Escape, outside clicks and navigation, like the user menu. */
function NavGroup({ label, items, testId }: { label: string; items: NavItem[]; testId: string }) {
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => { setOpen(false); }, [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => { if (box.current && !box.current.contains(e.target as Node)) setOpen(false); };
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') { setOpen(false); toggle.current?.focus(); } };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => { document.removeEventListener('mousedown', onDown); document.removeEventListener('keydown', onKey); };
  }, [open]);
  const active = items.some((i) => location.pathname.startsWith(i.to.replace(/\/summary$/, '')));
  return (
    // Clicks inside must not reach the nav's own handler, which closes the phone menu before the group opens.
    <div className="nav-group" ref={box} onClick={(e) => e.stopPropagation()}>
      <button type="button" ref={toggle} className={`nav-group-toggle ${active ? 'active' : ''}`} aria-haspopup="true" aria-expanded={open}
        onClick={() => setOpen((o) => !o)} data-testid={testId}>
        {label} <span className="caret" aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="nav-dropdown" data-testid={`${testId}-menu`}>
          {items.map((l) => <NavLink key={l.to} to={l.to} data-testid={l.testId}>{l.label}</NavLink>)}
        </div>
      )}
    </div>
  );
}
