import { data, download, http } from './client';
import type { components, operations } from './schema';
import type {
  Achievement, AchievementInput, ContractInput, GrantableRole, ListingQuery, Need, NeedInput, OrganisationInput,
  VerificationStatus,
} from './types';

// The calls more than one page makes. Each is typed by its path in schema.d.ts: a page knows whether it
// gets a page ({items, page, pageSize, total}) or a list, because the document says so.

type S = components['schemas'];
type QueryOf<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;

export type ListingKind = 'achievements' | 'needs';
export type ListingFor<K extends ListingKind> = K extends 'achievements' ? Achievement : Need;
export type InputFor<K extends ListingKind> = K extends 'achievements' ? AchievementInput : NeedInput;

/** The catalogues of achievements and needs have the same operations; the path names the kind. */
const at = <P extends string>(kind: ListingKind, rest: P) => `/api/${kind}${rest}` as `/api/${ListingKind}${P}`;
const byId = (id: string) => ({ params: { path: { id } } });

export const auth = {
  me: () => data(http.GET('/api/auth/me')),
  login: (email: string, password: string) =>
    data(http.POST('/api/auth/login', { params: { query: { useCookies: true } }, body: { email, password } })),
  logout: () => data(http.POST('/api/auth/logout')),
  /** 202 for new and existing addresses alike: the person confirms the address from the mail before signing in. */
  register: (body: S['RegisterUser']) => data(http.POST('/api/auth/register', { body })),
  confirmEmail: (userId: string, token: string) => data(http.POST('/api/auth/confirm-email', { body: { userId, token } })),
  resendConfirmation: (email: string) => data(http.POST('/api/auth/resend-confirmation', { body: { email } })),
  forgotPassword: (email: string) => data(http.POST('/api/auth/forgot-password', { body: { email } })),
  resetPassword: (email: string, token: string, newPassword: string) =>
    data(http.POST('/api/auth/reset-password', { body: { email, token, newPassword } })),
  /** Ends every session of the person, this one included. */
  changePassword: (currentPassword: string, newPassword: string) =>
    data(http.POST('/api/auth/change-password', { body: { currentPassword, newPassword } })),
  sessions: () => data(http.GET('/api/auth/me/sessions')),
  endSession: (id: string) => data(http.DELETE('/api/auth/me/sessions/{id}', byId(id))),
  exportMyData: () => download(http.GET('/api/auth/me/export', { parseAs: 'blob' }), 'my-data.json'),
  eraseMyAccount: (password: string) => data(http.POST('/api/auth/me/erase', { body: { password } })),
};

export const accounts = {
  search: (query: QueryOf<'SearchAccounts'>, signal?: AbortSignal) => data(http.GET('/api/accounts', { params: { query }, signal })),
  get: (id: string, signal?: AbortSignal) => data(http.GET('/api/accounts/{id}', { ...byId(id), signal })),
  grant: (id: string, role: GrantableRole) => data(http.POST('/api/accounts/{id}/roles', { ...byId(id), body: { role } })),
  revoke: (id: string, role: GrantableRole) => data(http.DELETE('/api/accounts/{id}/roles/{role}', { params: { path: { id, role } } })),
  deactivate: (id: string, reason: string) => data(http.POST('/api/accounts/{id}/deactivate', { ...byId(id), body: { reason } })),
  reactivate: (id: string) => data(http.POST('/api/accounts/{id}/reactivate', byId(id))),
};

export const audit = {
  search: (query: QueryOf<'SearchAuditLog'>, signal?: AbortSignal) => data(http.GET('/api/audit', { params: { query }, signal })),
  export: (query: QueryOf<'ExportAuditLog'>, format: 'csv' | 'xlsx') =>
    download(http.GET('/api/audit/export', { params: { query: { ...query, format } }, parseAs: 'blob' }), `audit.${format}`),
};

export const intermediaries = {
  list: (service: S['IntermediaryServices'] | null, signal?: AbortSignal) =>
    data(http.GET('/api/intermediaries', { params: { query: { service: service ?? undefined } }, signal })),
  get: (id: string, signal?: AbortSignal) => data(http.GET('/api/intermediaries/{id}', { params: { path: { id } }, signal })),
  save: (id: string, body: S['SaveIntermediaryServicesBody']) => data(http.PUT('/api/intermediaries/{id}', { params: { path: { id } }, body })),
};

export const managers = {
  list: (verification: VerificationStatus | null, signal?: AbortSignal) =>
    data(http.GET('/api/technology-managers', { params: { query: { verification: verification ?? undefined } }, signal })),
  get: (userId: string, signal?: AbortSignal) => data(http.GET('/api/technology-managers/{userId}', { params: { path: { userId } }, signal })),
  saveMine: (body: S['TechnologyManagerInput']) => data(http.PUT('/api/technology-managers/me', { body })),
  decide: (userId: string, status: 'Verified' | 'Rejected', version: number, reason: string | null) =>
    data(http.POST('/api/technology-managers/{userId}/verification', { params: { path: { userId } }, body: { status, version, reason } })),
};

// Intermediary filing (备案), manager training and the bureau's broker performance (docs/programmes.md).
export const filings = {
  list: (query: QueryOf<'ListFilings'>, signal?: AbortSignal) => data(http.GET('/api/intermediary-filings', { params: { query }, signal })),
  draft: (organisationId: string, body: S['FilingInput']) =>
    data(http.POST('/api/intermediaries/{id}/filings', { params: { path: { id: organisationId } }, body })),
  revise: (id: string, filing: S['FilingInput'], version: number) => data(http.PUT('/api/intermediary-filings/{id}', { ...byId(id), body: { filing, version } })),
  submit: (id: string, version: number) => data(http.POST('/api/intermediary-filings/{id}/submit', { ...byId(id), body: { version } })),
  approve: (id: string, body: S['ApproveFilingBody']) => data(http.POST('/api/intermediary-filings/{id}/approve', { ...byId(id), body })),
  return: (id: string, body: S['ReturnFilingBody']) => data(http.POST('/api/intermediary-filings/{id}/return', { ...byId(id), body })),
  review: (id: string, body: S['ReviewFilingBody']) => data(http.POST('/api/intermediary-filings/{id}/review', { ...byId(id), body })),
  performance: (year: number, signal?: AbortSignal) => data(http.GET('/api/intermediaries/performance', { params: { query: { year } }, signal })),
};

export const training = {
  list: (userId: string, signal?: AbortSignal) => data(http.GET('/api/technology-managers/{userId}/training', { params: { path: { userId } }, signal })),
  record: (body: S['TrainingInput']) => data(http.POST('/api/technology-managers/me/training', { body })),
  remove: (id: string) => data(http.DELETE('/api/technology-managers/me/training/{id}', byId(id))),
};

export const deals = {
  get: (id: string, signal?: AbortSignal) => data(http.GET('/api/deals/{id}', { ...byId(id), signal })),
  /** The deals my organisation is a party to, newest activity first. */
  mine: (signal?: AbortSignal) => data(http.GET('/api/deals/mine', { params: { query: { pageSize: 50 } }, signal })),
  open: (body: S['OpenDealInput']) => data(http.POST('/api/deals', { body })),
  contractDraft: (id: string, signal?: AbortSignal) => data(http.GET('/api/deals/{id}/contract-draft', { ...byId(id), signal })),
  /** A party of a signed deal proposes its contract; the other party confirms it. */
  proposeContract: (id: string, body: ContractInput) => data(http.POST('/api/deals/{id}/contract-proposal', { ...byId(id), body })),
};

export type ContractListQuery = QueryOf<'SearchContracts'>;

export const contracts = {
  search: (query: ContractListQuery, signal?: AbortSignal) => data(http.GET('/api/contracts', { params: { query }, signal })),
  get: (id: string, signal?: AbortSignal) => data(http.GET('/api/contracts/{id}', { ...byId(id), signal })),
  /** The bureau records a contract that came through no deal. */
  record: (body: ContractInput) => data(http.POST('/api/contracts', { body })),
  /** Registration (parties, bureau) and amounts with a reason (bureau); absent fields stay as they are. */
  revise: (id: string, body: S['ContractRevision']) => data(http.PUT('/api/contracts/{id}', { ...byId(id), body })),
  /** The audit trail, newest first. */
  changes: (id: string, signal?: AbortSignal) => data(http.GET('/api/contracts/{id}/changes', { ...byId(id), signal })),
  /** The registration form pre-filled, with the keys the parties still have to fill in. */
  registrationForm: (id: string, signal?: AbortSignal) =>
    data(http.GET('/api/contracts/{id}/registration-form', { ...byId(id), signal })) as Promise<S['RegistrationForm']>,
  registrationFormFile: (id: string, format: 'xlsx' | 'pdf') =>
    download(http.GET('/api/contracts/{id}/registration-form', { params: { path: { id }, query: { format } }, parseAs: 'blob' }), `registration-form.${format}`),
  /** The bureau's answer to an unsure reconciliation candidate of an import: the platform contract it is, or its own. */
  reconcile: (body: S['ReconciliationDecision']) => data(http.POST('/api/contracts/reconciliation', { body })),
  export: (format: 'csv' | 'xlsx', year?: number) =>
    download(http.GET('/api/contracts/export', { params: { query: { format, year } }, parseAs: 'blob' }), `contracts.${format}`),
};

export const contractProposals = {
  list: (status: S['ContractProposalStatus'] | null, page = 1, signal?: AbortSignal) =>
    data(http.GET('/api/contracts/proposals', { params: { query: { status: status ?? undefined, page, pageSize: 50 } }, signal })),
  confirm: (id: string, version: number) => data(http.POST('/api/contracts/proposals/{id}/confirm', { ...byId(id), body: { version } })),
  reject: (id: string, version: number, reason: string) =>
    data(http.POST('/api/contracts/proposals/{id}/reject', { ...byId(id), body: { version, reason } })),
};

export const listings = {
  search: <K extends ListingKind>(kind: K, query: ListingQuery, signal?: AbortSignal) =>
    data(http.GET(at(kind, ''), { params: { query }, signal })) as Promise<S['ListingPageOfAchievementView'] & { items: ListingFor<K>[] }>,
  mine: <K extends ListingKind>(kind: K, query: QueryOf<'MyAchievements'>, signal?: AbortSignal) =>
    data(http.GET(at(kind, '/mine'), { params: { query }, signal })) as Promise<S['ListingPageOfAchievementView'] & { items: ListingFor<K>[] }>,
  get: <K extends ListingKind>(kind: K, id: string, signal?: AbortSignal) =>
    data(http.GET(at(kind, '/{id}'), { ...byId(id), signal })) as Promise<ListingFor<K>>,
  create: <K extends ListingKind>(kind: K, input: InputFor<K>) =>
    data(http.POST(at(kind, ''), { body: input })) as Promise<ListingFor<K>>,
  revise: <K extends ListingKind>(kind: K, id: string, input: InputFor<K>, version: number) => {
    const body = kind === 'achievements' ? { achievement: input as AchievementInput, version } : { need: input as NeedInput, version };
    return data(http.PUT(at(kind, '/{id}'), { ...byId(id), body })) as Promise<ListingFor<K>>;
  },
  publish: async <K extends ListingKind>(kind: K, id: string, version: number) => {
    const r = await data(http.POST(at(kind, '/{id}/publish'), { ...byId(id), body: { version } }));
    return { listing: ('achievement' in r ? r.achievement : r.need) as ListingFor<K>, warnings: r.warnings };
  },
  archive: <K extends ListingKind>(kind: K, id: string, version: number) =>
    data(http.POST(at(kind, '/{id}/archive'), { ...byId(id), body: { version } })) as Promise<ListingFor<K>>,
  /** An administrator takes a published record out of the catalogue with a reason its owner reads. */
  unpublish: <K extends ListingKind>(kind: K, id: string, reason: string, version: number) =>
    data(http.POST(at(kind, '/{id}/unpublish'), { ...byId(id), body: { reason, version } })) as Promise<ListingFor<K>>,
  discard: (kind: ListingKind, id: string, version: number) =>
    data(http.DELETE(at(kind, '/{id}'), { params: { path: { id }, query: { version } } })),
  matches: (kind: ListingKind, id: string, query: QueryOf<'GetNeedMatches'>) =>
    data(http.GET(at(kind, '/{id}/matches'), { params: { path: { id }, query } })),
  /** Why the other side dismissed the listing's proposals, counted by reason (the owner only). */
  dismissals: (kind: ListingKind, id: string, signal?: AbortSignal) =>
    data(http.GET(at(kind, '/{id}/dismissals'), { ...byId(id), signal })),
};

export const organisations = {
  search: (query: QueryOf<'SearchOrganisations'>) => data(http.GET('/api/organisations', { params: { query } })),
  register: (body: OrganisationInput) => data(http.POST('/api/organisations', { body })),
  verify: (id: string, status: VerificationStatus, version: number) =>
    data(http.POST('/api/organisations/{id}/verification', { ...byId(id), body: { status, version } })),
  requestMembership: (id: string, message: string | null) =>
    data(http.POST('/api/organisations/{id}/membership-requests', { ...byId(id), body: { message } })),
  membershipRequests: (id: string, status?: S['MembershipStatus']) =>
    data(http.GET('/api/organisations/{id}/membership-requests', { params: { path: { id }, query: { status } } })),
  decideMembership: (id: string, requestId: string, decision: 'approve' | 'reject') =>
    data(http.POST(`/api/organisations/{id}/membership-requests/{requestId}/${decision}`, { params: { path: { id, requestId } } })),
  /** Organisation identity (administrators): the drafts imports create, confirming, correcting a kind, merging. */
  drafts: (query: QueryOf<'ListDraftOrganisations'>) => data(http.GET('/api/organisations/drafts', { params: { query } })),
  confirmDraft: (id: string, body: S['ConfirmDraftOrganisationBody']) => data(http.POST('/api/organisations/{id}/confirm', { ...byId(id), body })),
  correctKind: (id: string, body: S['CorrectOrganisationKindBody']) => data(http.PUT('/api/organisations/{id}/kind', { ...byId(id), body })),
  mergePreview: (id: string, source: string) => data(http.GET('/api/organisations/{id}/merge', { params: { path: { id }, query: { source } } })),
  merge: (id: string, body: S['MergeOrganisationsBody']) => data(http.POST('/api/organisations/{id}/merge', { ...byId(id), body })),
  /** Who outside my organisation was shown the consent-gated fields of its listings. */
  disclosures: (query: QueryOf<'ListDisclosures'>, signal?: AbortSignal) =>
    data(http.GET('/api/organisations/mine/disclosures', { params: { query }, signal })),
};
