import type { components, operations } from './schema';

// Names for the schemas the pages use. Every shape comes from the server's OpenAPI document (schema.d.ts).
type S = components['schemas'];
export type Achievement = S['AchievementView'];
export type AchievementInput = S['AchievementInput'];
export type Need = S['NeedView'];
export type NeedInput = S['NeedInput'];
export type Organisation = S['OrganisationView'];
export type OrganisationInput = S['OrganisationInput'];
export type Me = S['Me'];
export type QualityWarning = S['QualityWarning'];
export type TechnicalField = S['TechnicalField'];
export type CooperationMode = S['CooperationMode'];
export type IpType = S['IpType'];
export type IpStatus = S['IpStatus'];
export type Visibility = S['Visibility'];
export type ListingStatus = S['ListingStatus'];
export type VerificationStatus = S['VerificationStatus'];
export type OrganisationKind = S['OrganisationKind'];
export type InstitutionType = S['InstitutionType'];
export type Session = S['SessionView'];
export type AccountSummary = S['AccountSummary'];
export type AuditLine = S['AuditLine'];
export type TechnologyManager = S['TechnologyManagerView'];
export type CertificationLevel = NonNullable<S['CertificationLevel']>;
export type ContractInput = S['ContractInput'];
export type ContractProposal = S['ContractProposalView'];
export type ContractView = S['ContractView'];
export type ContractSource = S['ContractSource'];
export type PaymentMode = NonNullable<S['PaymentMode']>;
export type DealStage = S['DealStage'];
export type MatchView = S['MatchView'];
export type MatchExplanation = S['MatchExplanation'];
export type MatchReason = S['MatchReason'];
export type PointPart = S['PointPart'];
export type DismissalFeedback = S['DismissalFeedback'];
export type Interest = S['InterestView'];
export type Notification = S['NotificationView'];
export type NotificationGroup = S['NotificationGroupView'];
export type SavedSearch = S['SavedSearchView'];
export type NotificationKind = S['NotificationKind'];
export type WorkbenchDeal = S['WorkbenchDeal'];
export type DealView = S['DealView'];
export type TransferMode = Exclude<S['TransferModes'], 'None'>;
export type DealCloseReason = NonNullable<S['DealCloseReason']>;
export type DismissReason = S['DismissReason'];
export type DeclineReason = NonNullable<S['DeclineReason']>;
/** The catalogue's search (achievements and needs take the same filters, and one mode filter each). */
export type ListingQuery = NonNullable<operations['SearchAchievements']['parameters']['query']>
  & NonNullable<operations['SearchNeeds']['parameters']['query']>;

/**
 * Every member of a schema enum, in the order written. The record must name each member once, so a member the
 * server adds is a compile error here until the UI knows it.
 */
function every<T extends string>(members: Record<T, true>): T[] {
  return Object.keys(members) as T[];
}

export const CERTIFICATION_LEVELS = every<CertificationLevel>({ Junior: true, Intermediate: true, Senior: true });
/** Roles an administrator grants and revokes (members choose theirs at registration; managers are verified). */
export const GRANTABLE_ROLES = ['Administrator', 'BureauAnalyst', 'Reviewer'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];
/** Account states the administrators' search filters by. */
export const ACCOUNT_STATES = ['active', 'deactivated', 'unconfirmed', 'applicant', 'erased'] as const;
/** Roles the account search filters by (TechnologyManager = verified managers). */
export const ACCOUNT_ROLES = ['InstitutionMember', 'EnterpriseMember', 'TechnologyManager', 'BureauAnalyst', 'Reviewer', 'Administrator'] as const;
/** Actions written to the audit log. */
export const AUDIT_ACTIONS = [
  'role.granted', 'role.revoked', 'account.deactivated', 'account.reactivated', 'account.erased',
  'manager.verified', 'manager.rejected', 'manager.revoked', 'organisation.verification', 'membership.approved', 'membership.rejected',
  'organisation.draft.confirmed', 'organisation.kind.corrected', 'organisation.merged', 'organisation.merged_into',
] as const;
export const CONTRACT_CATEGORIES = every<S['ContractCategory']>({
  DevelopmentCommissioned: true, DevelopmentCooperative: true, Transfer: true, Licence: true, Consulting: true, Service: true,
});
export const PAYMENT_MODES = every<PaymentMode>({ LumpSum: true, Instalments: true, Royalty: true, LumpSumAndRoyalty: true, Other: true });
/** The services an intermediary offers (None is the empty flag set, never offered). */
export const INTERMEDIARY_SERVICES = every<S['IntermediaryServices']>({
  None: true, IntellectualProperty: true, LegalAdvice: true, AssetValuation: true, TechnologyEvaluation: true, ContractRegistration: true,
}).filter((s) => s !== 'None');
export const CONTRACT_SOURCES = every<ContractSource>({ Platform: true, Manual: true, Import: true });
export const TRANSFORMATION_MODES = every<S['TransformationMode']>({
  Transfer: true, Licence: true, EquityInvestment: true, JointDevelopment: true, TechnicalService: true,
});
export const TRANSFER_MODES = every<TransferMode>({
  Transfer: true, Licence: true, EquityInvestment: true, JointDevelopment: true, TechnicalService: true, UseBeforeTransfer: true,
});
export const TECHNICAL_FIELDS = every<TechnicalField>({
  ElectronicInformation: true, Aerospace: true, AdvancedManufacturing: true, BiomedicineAndMedicalDevices: true, NewMaterials: true,
  NewEnergyAndEnergyEfficiency: true, EnvironmentalProtectionAndResources: true, NuclearApplication: true, Agriculture: true,
  ModernTraffic: true, UrbanConstructionAndSocialDevelopment: true,
});
export const COOPERATION_MODES = every<CooperationMode>({
  Transfer: true, Licence: true, EquityInvestment: true, JointDevelopment: true, CommissionedDevelopment: true, TechnicalService: true, Open: true,
});
export const IP_TYPES = every<IpType>({
  InventionPatent: true, UtilityModelPatent: true, DesignPatent: true, SoftwareCopyright: true, IntegratedCircuitLayout: true,
  PlantVariety: true, TechnicalSecret: true, None: true,
});
export const IP_STATUSES = every<IpStatus>({ Applied: true, Granted: true, Expired: true, NotApplicable: true });
export const VISIBILITIES = every<Visibility>({ Public: true, AfterConsent: true });
export const LISTING_STATUSES = every<ListingStatus>({ Draft: true, Published: true, Archived: true });
export const DEAL_STAGES = every<DealStage>({ Proposed: true, Contacted: true, Negotiating: true, Signed: true, Closed: true });
export const CLOSE_REASONS = every<DealCloseReason>({
  PriceDisagreement: true, TechnologyNotMature: true, BuyerWithdrew: true, SellerWithdrew: true, IpIssue: true,
  ChoseAnotherPartner: true, NoResponse: true, Other: true,
});
export const DISMISS_REASONS = every<DismissReason>({ TooEarlyStage: true, BenefitUnclear: true, NotOurField: true, PriceOrBudgetMismatch: true, Other: true });
export const DECLINE_REASONS = every<DeclineReason>({ NotRelevant: true, AlreadyInTalks: true, PriceOrBudgetMismatch: true, NotAvailable: true, Other: true });
export const NOTIFICATION_KINDS = every<NotificationKind>({
  MatchProposed: true, InterestReceived: true, InterestAccepted: true, InterestDeclined: true, DealAssigned: true, DealStageChanged: true,
  ContractRecorded: true, ImportFinished: true, SavedSearchMatched: true, DealOpened: true, ContractProposal: true, Digest: true, ListingUnpublished: true,
  CallInvitation: true, CallResult: true, TrialReminder: true, ValidationCompleted: true, CallConsent: true, EntitlementDecided: true, RiskClaimDecided: true, FilingReviewDue: true,
});

export type Role = 'InstitutionMember' | 'EnterpriseMember' | 'TechnologyManager' | 'BureauAnalyst' | 'Administrator' | 'Reviewer';
export const SELF_REGISTER_ROLES: Role[] = ['InstitutionMember', 'EnterpriseMember', 'TechnologyManager'];
