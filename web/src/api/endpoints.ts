import { api, download, type Query } from './client';
import type {
  Achievement, AchievementInput, Need, NeedInput, Organisation, OrganisationInput, MembershipRequest, Me, Paged,
  QualityWarning, VerificationStatus, MatchItem, NotificationItem, RegisterInput, RegistrationAccepted, Session,
  AccountSummary, AccountDetail, AuditLine, Disclosure, TechnologyManager, TechnologyManagerInput, ContractInput,
  ContractProposal, ContractProposalStatus, Deal, GrantableRole,
} from './types';

export type ListingKind = 'achievements' | 'needs';
export type ListingFor<K extends ListingKind> = K extends 'achievements' ? Achievement : Need;
export type InputFor<K extends ListingKind> = K extends 'achievements' ? AchievementInput : NeedInput;

export const auth = {
  me: () => api<Me>('/api/auth/me'),
  login: (email: string, password: string) =>
    api<void>('/api/auth/login', { method: 'POST', query: { useCookies: true }, body: { email, password } }),
  logout: () => api<void>('/api/auth/logout', { method: 'POST' }),
  /** 202 for new and existing addresses alike: the person confirms the address from the mail before signing in. */
  register: (body: RegisterInput) => api<RegistrationAccepted>('/api/auth/register', { method: 'POST', body }),
  confirmEmail: (userId: string, token: string) => api<void>('/api/auth/confirm-email', { method: 'POST', body: { userId, token } }),
  resendConfirmation: (email: string) => api<void>('/api/auth/resend-confirmation', { method: 'POST', body: { email } }),
  forgotPassword: (email: string) => api<void>('/api/auth/forgot-password', { method: 'POST', body: { email } }),
  resetPassword: (email: string, token: string, newPassword: string) =>
    api<void>('/api/auth/reset-password', { method: 'POST', body: { email, token, newPassword } }),
  /** Ends every session of the person, this one included. */
  changePassword: (currentPassword: string, newPassword: string) =>
    api<void>('/api/auth/change-password', { method: 'POST', body: { currentPassword, newPassword } }),
  sessions: () => api<Session[]>('/api/auth/me/sessions'),
  endSession: (id: string) => api<void>(`/api/auth/me/sessions/${id}`, { method: 'DELETE' }),
  exportMyData: () => download('/api/auth/me/export', {}, 'my-data.json'),
  eraseMyAccount: (password: string) => api<void>('/api/auth/me/erase', { method: 'POST', body: { password } }),
};

export const accounts = {
  search: (query: Query, signal?: AbortSignal) => api<Paged<AccountSummary>>('/api/accounts', { query, signal }),
  get: (id: string, signal?: AbortSignal) => api<AccountDetail>(`/api/accounts/${id}`, { signal }),
  grant: (id: string, role: GrantableRole) => api<AccountSummary>(`/api/accounts/${id}/roles`, { method: 'POST', body: { role } }),
  revoke: (id: string, role: GrantableRole) => api<AccountSummary>(`/api/accounts/${id}/roles/${role}`, { method: 'DELETE' }),
  deactivate: (id: string, reason: string) => api<AccountSummary>(`/api/accounts/${id}/deactivate`, { method: 'POST', body: { reason } }),
  reactivate: (id: string) => api<AccountSummary>(`/api/accounts/${id}/reactivate`, { method: 'POST' }),
};

export const audit = {
  search: (query: Query, signal?: AbortSignal) => api<Paged<AuditLine>>('/api/audit', { query, signal }),
  export: (query: Query, format: 'csv' | 'xlsx') => download('/api/audit/export', { ...query, format }, `audit.${format}`),
};

export const managers = {
  list: (verification: VerificationStatus | null, signal?: AbortSignal) =>
    api<TechnologyManager[]>('/api/technology-managers', { query: { verification }, signal }),
  get: (userId: string, signal?: AbortSignal) => api<TechnologyManager>(`/api/technology-managers/${userId}`, { signal }),
  saveMine: (input: TechnologyManagerInput) => api<TechnologyManager>('/api/technology-managers/me', { method: 'PUT', body: input }),
  decide: (userId: string, status: 'Verified' | 'Rejected', version: number, reason: string | null) =>
    api<TechnologyManager>(`/api/technology-managers/${userId}/verification`, { method: 'POST', body: { status, version, reason } }),
};

export type MyDeal = import('./schema').components['schemas']['MyDeal'];

export const deals = {
  get: (id: string, signal?: AbortSignal) => api<Deal>(`/api/deals/${id}`, { signal }),
  /** The deals my organisation is a party to, newest activity first. */
  mine: (signal?: AbortSignal) => api<Paged<MyDeal>>('/api/deals/mine', { query: { pageSize: 50 }, signal }),
  contractDraft: (id: string, signal?: AbortSignal) => api<ContractInput>(`/api/deals/${id}/contract-draft`, { signal }),
  /** A party of a signed deal proposes its contract; the other party confirms it. */
  proposeContract: (id: string, input: ContractInput) => api<ContractProposal>(`/api/deals/${id}/contract-proposal`, { method: 'POST', body: input }),
};

export const contractProposals = {
  list: (status: ContractProposalStatus | null, page = 1, signal?: AbortSignal) =>
    api<Paged<ContractProposal>>('/api/contracts/proposals', { query: { status, page, pageSize: 50 }, signal }),
  confirm: (id: string, version: number) => api<ContractProposal>(`/api/contracts/proposals/${id}/confirm`, { method: 'POST', body: { version } }),
  reject: (id: string, version: number, reason: string) =>
    api<ContractProposal>(`/api/contracts/proposals/${id}/reject`, { method: 'POST', body: { version, reason } }),
};

const single = (kind: ListingKind) => (kind === 'achievements' ? 'achievement' : 'need');

export const listings = {
  search: <K extends ListingKind>(kind: K, query: Query, signal?: AbortSignal) =>
    api<Paged<ListingFor<K>>>(`/api/${kind}`, { query, signal }),
  mine: <K extends ListingKind>(kind: K, query: Query, signal?: AbortSignal) =>
    api<Paged<ListingFor<K>>>(`/api/${kind}/mine`, { query, signal }),
  get: <K extends ListingKind>(kind: K, id: string, signal?: AbortSignal) =>
    api<ListingFor<K>>(`/api/${kind}/${id}`, { signal }),
  create: <K extends ListingKind>(kind: K, input: InputFor<K>) =>
    api<ListingFor<K>>(`/api/${kind}`, { method: 'POST', body: input }),
  revise: <K extends ListingKind>(kind: K, id: string, input: InputFor<K>, version: number) =>
    api<ListingFor<K>>(`/api/${kind}/${id}`, { method: 'PUT', body: { [single(kind)]: input, version } }),
  publish: async <K extends ListingKind>(kind: K, id: string, version: number) => {
    const r = await api<Record<string, unknown> & { warnings: QualityWarning[] }>(`/api/${kind}/${id}/publish`, { method: 'POST', body: { version } });
    return { listing: r[single(kind)] as ListingFor<K>, warnings: r.warnings ?? [] };
  },
  archive: <K extends ListingKind>(kind: K, id: string, version: number) =>
    api<ListingFor<K>>(`/api/${kind}/${id}/archive`, { method: 'POST', body: { version } }),
  discard: (kind: ListingKind, id: string, version: number) =>
    api<void>(`/api/${kind}/${id}`, { method: 'DELETE', query: { version } }),
};

export const organisations = {
  search: (query: Query) => api<Paged<Organisation>>('/api/organisations', { query }),
  get: (id: string) => api<Organisation>(`/api/organisations/${id}`),
  register: (input: OrganisationInput) => api<Organisation>('/api/organisations', { method: 'POST', body: input }),
  verify: (id: string, status: VerificationStatus, version: number) =>
    api<Organisation>(`/api/organisations/${id}/verification`, { method: 'POST', body: { status, version } }),
  requestMembership: (id: string, message: string | null) =>
    api<MembershipRequest>(`/api/organisations/${id}/membership-requests`, { method: 'POST', body: { message } }),
  membershipRequests: (id: string, status?: string) =>
    api<MembershipRequest[]>(`/api/organisations/${id}/membership-requests`, { query: { status } }),
  decideMembership: (id: string, requestId: string, decision: 'approve' | 'reject') =>
    api<unknown>(`/api/organisations/${id}/membership-requests/${requestId}/${decision}`, { method: 'POST' }),
  /** Who outside my organisation was shown the consent-gated fields of its listings. */
  disclosures: (query: Query, signal?: AbortSignal) => api<Paged<Disclosure>>('/api/organisations/mine/disclosures', { query, signal }),
};

// ---- Endpoints being built by others: callers check useCapabilities() before calling. ----
export const matching = {
  forListing: (kind: ListingKind, id: string, query: Query) =>
    api<MatchItem[] | { items: MatchItem[] }>(`/api/${kind}/${id}/matches`, { query }),
  dismiss: (matchId: string, reason: string, text: string | null) =>
    api<unknown>(`/api/matches/${matchId}/dismiss`, { method: 'POST', body: { reason, text } }),
};

export const notifications = {
  list: (query?: Query) => api<{ items: NotificationItem[]; unread?: number } | NotificationItem[]>('/api/notifications', { query }),
};

/** Accepts either a bare array or a `{items}` page. */
export function itemsOf<T>(value: { items: T[] } | T[] | null | undefined): T[] {
  if (!value) return [];
  return Array.isArray(value) ? value : value.items ?? [];
}
