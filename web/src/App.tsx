import { Navigate, useLocation, Route, Routes } from 'react-router-dom';
import { clientLink } from './lib/links';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Layout } from './components/Layout';
import { NotificationsPage, NotificationsProvider } from './components/notifications';
import { RealtimeProvider } from './lib/realtime';
import { AdminPage } from './pages/Admin';
import { AccountPage } from './pages/Account';
import { ConfirmEmailPage, ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage } from './pages/Auth';
import { ContractsPage, PartyDealPage } from './pages/workspace/Contracts';
import { NewContractPage } from './pages/workspace/ContractEntry';
import { ContractDetailPage, ContractListPage } from './pages/workspace/ContractRecords';
import { RegistrationFormPage } from './pages/workspace/RegistrationForm';
import { DataQualityPage } from './pages/workspace/DataQuality';
import { Catalogue } from './pages/Catalogue';
import { HomePage } from './pages/Home';
import { CallEditor } from './pages/calls/CallEditor';
import { CallPage } from './pages/calls/CallPage';
import { CallsPage, ManagedCallsPage } from './pages/calls/CallsList';
import { ReviewDesk } from './pages/calls/ReviewDesk';
import { ListingPage } from './pages/ListingPage';
import { DirectoryPage } from './pages/Directory';
import { ValidationCentresPage } from './pages/ValidationCentres';
import { ValidationPage } from './pages/workspace/Validation';
import { GuidelinesPage } from './pages/workspace/Guidelines';
import { FilingPage } from './pages/workspace/Filing';
import { FilingQueuePage } from './pages/workspace/FilingQueue';
import { BrokerPerformancePage } from './pages/workspace/BrokerPerformance';
import { NotFoundPage } from './pages/NotFound';
import { UnsubscribePage } from './pages/Unsubscribe';
import { Dashboard } from './pages/workspace/Dashboard';
import { IncentivesPage } from './pages/workspace/Incentives';
import { TargetsPage } from './pages/workspace/Targets';
import { CollaborationPage } from './pages/workspace/Collaboration';
import { DealsBoard } from './pages/workspace/Deals';
import { InterestsPage } from './pages/workspace/Interests';
import { ListingEditor } from './pages/workspace/ListingEditor';
import { MatchesPage } from './pages/workspace/Matches';
import { MyListings } from './pages/workspace/MyListings';
import { OrganisationPage } from './pages/workspace/Organisation';
import { TrialDetailPage, TrialStartPage, TrialsPage, TrialSummaryPage } from './pages/workspace/Trials';
import { RiskClaimsPage, RiskPoolPage } from './pages/workspace/RiskPool';
import { RequireAuth, WorkspaceHome } from './pages/workspace/WorkspaceHome';
import type { Me, Role } from './api/types';

/** Who reads contracts: the parties' members, the managers who brokered them, the bureau (administrators pass every gate). */
const CONTRACT_READERS: Role[] = ['InstitutionMember', 'EnterpriseMember', 'TechnologyManager', 'BureauAnalyst'];

export function AppRoutes() {
  const location = useLocation();
  return (
    <ErrorBoundary resetKey={location.pathname}>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<HomePage />} />
          <Route path="achievements" element={<Catalogue key="a" kind="achievements" />} />
          <Route path="achievements/:id" element={<ListingPage kind="achievements" />} />
          <Route path="needs" element={<Catalogue key="n" kind="needs" />} />
          <Route path="directory" element={<DirectoryPage />} />
          <Route path="calls" element={<CallsPage />} />
          <Route path="calls/:id" element={<CallPage />} />
          <Route path="workspace/calls" element={<RequireAuth roles={['BureauAnalyst', 'EnterpriseMember', 'Reviewer']}><ManagedCallsPage /></RequireAuth>} />
          <Route path="workspace/calls/new" element={<RequireAuth roles={['BureauAnalyst', 'EnterpriseMember']}><CallEditor key="new" /></RequireAuth>} />
          <Route path="workspace/calls/:id/edit" element={<RequireAuth roles={['BureauAnalyst', 'EnterpriseMember']}><CallEditor key="edit" /></RequireAuth>} />
          <Route path="workspace/calls/:id/review" element={<RequireAuth roles={['Reviewer']}><ReviewDesk /></RequireAuth>} />
          <Route path="validation" element={<ValidationCentresPage />} />
          <Route path="workspace/validation" element={<RequireAuth roles={['InstitutionMember', 'BureauAnalyst', 'Administrator']}><ValidationPage /></RequireAuth>} />
          <Route path="workspace/guidelines" element={<RequireAuth roles={['BureauAnalyst', 'Administrator']}><GuidelinesPage /></RequireAuth>} />
          <Route path="workspace/filing" element={<RequireAuth><FilingPage /></RequireAuth>} />
          <Route path="workspace/filings" element={<RequireAuth roles={['BureauAnalyst', 'Administrator']}><FilingQueuePage /></RequireAuth>} />
          <Route path="workspace/broker-performance" element={<RequireAuth roles={['BureauAnalyst', 'Administrator']}><BrokerPerformancePage /></RequireAuth>} />
          <Route path="needs/:id" element={<ListingPage kind="needs" />} />
          <Route path="login" element={<LoginPage />} />
          <Route path="register" element={<RegisterPage />} />
          {/* The links of the account mails. */}
          <Route path="confirm-email" element={<ConfirmEmailPage />} />
          <Route path="forgot-password" element={<ForgotPasswordPage />} />
          <Route path="reset-password" element={<ResetPasswordPage />} />
          {/* The unsubscribe link of the notification e-mails: no sign-in. */}
          <Route path="unsubscribe" element={<UnsubscribePage />} />
          <Route path="account" element={<RequireAuth><AccountPage /></RequireAuth>} />
          <Route path="workspace" element={<RequireAuth><WorkspaceHome /></RequireAuth>} />
          <Route path="workspace/organisation" element={<RequireAuth><OrganisationPage /></RequireAuth>} />
          <Route path="workspace/achievements" element={<RequireAuth roles={['InstitutionMember']}><MyListings key="a" kind="achievements" /></RequireAuth>} />
          <Route path="workspace/achievements/new" element={<RequireAuth roles={['InstitutionMember']}><ListingEditor key="a-editor" kind="achievements" /></RequireAuth>} />
          <Route path="workspace/achievements/:id/edit" element={<RequireAuth roles={['InstitutionMember']}><ListingEditor key="a-editor" kind="achievements" /></RequireAuth>} />
          <Route path="workspace/achievements/:id/matches" element={<RequireAuth roles={['InstitutionMember', 'TechnologyManager', 'BureauAnalyst']}><MatchesPage key="a-m" kind="achievements" /></RequireAuth>} />
          <Route path="workspace/needs" element={<RequireAuth roles={['EnterpriseMember']}><MyListings key="n" kind="needs" /></RequireAuth>} />
          <Route path="workspace/needs/new" element={<RequireAuth roles={['EnterpriseMember']}><ListingEditor key="n-editor" kind="needs" /></RequireAuth>} />
          <Route path="workspace/needs/:id/edit" element={<RequireAuth roles={['EnterpriseMember']}><ListingEditor key="n-editor" kind="needs" /></RequireAuth>} />
          <Route path="workspace/needs/:id/matches" element={<RequireAuth roles={['EnterpriseMember', 'TechnologyManager', 'BureauAnalyst']}><MatchesPage key="n-m" kind="needs" /></RequireAuth>} />
          <Route path="workspace/interests" element={<RequireAuth roles={['InstitutionMember', 'EnterpriseMember']}><InterestsPage /></RequireAuth>} />
          <Route path="workspace/collaboration" element={<RequireAuth roles={['InstitutionMember']}><CollaborationPage /></RequireAuth>} />
          <Route path="workspace/contracts" element={<RequireAuth roles={['InstitutionMember', 'EnterpriseMember']}><ContractsPage /></RequireAuth>} />
          <Route path="workspace/contract-records" element={<RequireAuth roles={CONTRACT_READERS}><ContractListPage /></RequireAuth>} />
          <Route path="workspace/data-quality" element={<RequireAuth roles={['BureauAnalyst']}><DataQualityPage /></RequireAuth>} />
          <Route path="workspace/contract-records/new" element={<RequireAuth roles={['BureauAnalyst']}><NewContractPage /></RequireAuth>} />
          <Route path="workspace/contract-records/:id/registration-form" element={<RequireAuth roles={CONTRACT_READERS}><RegistrationFormPage /></RequireAuth>} />
          <Route path="workspace/contract-records/:id" element={<RequireAuth roles={CONTRACT_READERS}><ContractDetailPage /></RequireAuth>} />
          <Route path="workspace/deal/:id" element={<RequireAuth><PartyDealPage /></RequireAuth>} />
          <Route path="workspace/deals" element={<RequireAuth roles={['TechnologyManager']}><DealsBoard /></RequireAuth>} />
          <Route path="workspace/indicators" element={<RequireAuth roles={['BureauAnalyst']}><Dashboard /></RequireAuth>} />
          <Route path="workspace/incentives" element={<RequireAuth roles={['BureauAnalyst']}><IncentivesPage /></RequireAuth>} />
          <Route path="workspace/targets" element={<RequireAuth roles={['BureauAnalyst', 'InstitutionMember']}><TargetsPage /></RequireAuth>} />
          <Route path="workspace/trials" element={<RequireAuth><TrialsPage /></RequireAuth>} />
          <Route path="workspace/trials/new" element={<RequireAuth><TrialStartPage /></RequireAuth>} />
          <Route path="workspace/trials/summary" element={<RequireAuth roles={['BureauAnalyst']}><TrialSummaryPage /></RequireAuth>} />
          <Route path="workspace/trials/:id" element={<RequireAuth><TrialDetailPage /></RequireAuth>} />
          <Route path="workspace/risk-claims" element={<RequireAuth roles={['InstitutionMember', 'EnterpriseMember']}><RiskClaimsPage /></RequireAuth>} />
          <Route path="workspace/risk-pool" element={<RequireAuth roles={['BureauAnalyst']}><RiskPoolPage /></RequireAuth>} />
          <Route path="notifications" element={<RequireAuth><NotificationsPage /></RequireAuth>} />
          <Route path="admin" element={<RequireAuth roles={['Administrator', 'BureauAnalyst']}><AdminPage /></RequireAuth>} />
          {/* Links the server writes into notifications. */}
          {['interests/:id', 'deals/:id', 'needs/:id/matches', 'achievements/:id/matches', 'contracts/:id', 'bureau/*'].map((p) => (
            <Route key={p} path={p} element={<ServerLink />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </ErrorBoundary>
  );
}

/** A link the server wrote; deals and contracts open the page of the person's role (manager's board or the parties' page). */
function ServerLink() {
  const { pathname } = useLocation();
  const { me, loading, hasRole } = useAuth();
  if (loading) return null;
  const deal = pathname.match(/^\/deals\/([^/?#]+)/);
  const member = !!me && hasRole('InstitutionMember', 'EnterpriseMember') && !hasRole('TechnologyManager');
  if (deal && member) return <Navigate to={`/workspace/deal/${deal[1]}`} replace />;
  const contract = pathname.match(/^\/contracts\/([0-9a-f-]{36})/);
  if (contract) return <Navigate to={`/workspace/contract-records/${contract[1]}`} replace />;
  if (/^\/contracts(\/|$)/.test(pathname) && member) return <Navigate to="/workspace/contracts" replace />;
  return <Navigate to={clientLink(pathname) ?? '/'} replace />;
}

function SignedInProviders({ children }: { children: React.ReactNode }) {
  const { me } = useAuth();
  return (
    <RealtimeProvider enabled={!!me}>
      <NotificationsProvider signedIn={!!me}>{children}</NotificationsProvider>
    </RealtimeProvider>
  );
}

/** The providers around the routes; tests pass a fixed user. */
export function AppProviders({ children, me }: { children: React.ReactNode; me?: Me | null }) {
  return (
    <AuthProvider initialMe={me}>
      <SignedInProviders>{children}</SignedInProviders>
    </AuthProvider>
  );
}
