import { Navigate } from 'react-router-dom';
import type { Me } from '../../api/types';
import { isAdmin, useAuth } from '../../auth/AuthContext';
import { Loading } from '../../components/ui';
import type { ReactNode } from 'react';
import type { Role } from '../../api/types';
import { useLocation } from 'react-router-dom';

/** Where a signed-in user lands: their role's workspace. */
export function homeFor(me: Me | null): string {
  if (!me) return '/';
  const r = me.roles;
  if (r.includes('InstitutionMember')) return '/workspace/achievements';
  if (r.includes('EnterpriseMember')) return '/workspace/needs';
  if (r.includes('TechnologyManager')) return '/workspace/deals';
  if (r.includes('BureauAnalyst')) return '/workspace/indicators';
  if (isAdmin(me)) return '/admin';
  // No working role yet (a technology-manager applicant, or an account whose roles were removed): the account page.
  return '/account';
}

export function WorkspaceHome() {
  const { me, loading } = useAuth();
  if (loading) return <Loading />;
  return <Navigate to={homeFor(me)} replace />;
}

/** Requires a signed-in user (and one of the roles, when given); else sends to sign-in. */
export function RequireAuth({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { me, loading, hasRole, sessionEnded } = useAuth();
  const location = useLocation();
  if (loading) return <div className="page"><Loading /></div>;
  if (!me) return <Navigate to="/login" state={{ from: location.pathname + location.search, reason: sessionEnded ? 'sessionEnded' : undefined }} replace />;
  if (roles && !hasRole(...roles) && !isAdmin(me)) return <Navigate to={homeFor(me)} replace />;
  return <>{children}</>;
}
