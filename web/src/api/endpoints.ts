import { api, type Query } from './client';
import type {
  Achievement, AchievementInput, Need, NeedInput, Organisation, OrganisationInput, MembershipRequest, Me, Paged,
  QualityWarning, VerificationStatus, MatchItem, NotificationItem,
} from './types';

export type ListingKind = 'achievements' | 'needs';
export type ListingFor<K extends ListingKind> = K extends 'achievements' ? Achievement : Need;
export type InputFor<K extends ListingKind> = K extends 'achievements' ? AchievementInput : NeedInput;

export const auth = {
  me: () => api<Me>('/api/auth/me'),
  login: (email: string, password: string) =>
    api<void>('/api/auth/login', { method: 'POST', query: { useCookies: true }, body: { email, password } }),
  logout: () => api<void>('/api/auth/logout', { method: 'POST' }),
  register: (body: { email: string; password: string; displayName: string; role: string; preferredLanguage: string | null }) =>
    api<unknown>('/api/auth/register', { method: 'POST', body }),
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
