import type { components } from './schema';

type S = components['schemas'];
export type Achievement = S['AchievementView'];
export type AchievementInput = S['AchievementInput'];
export type Need = S['NeedView'];
export type NeedInput = S['NeedInput'];
export type NeedIndicator = S['NeedIndicatorInput'];
export type Organisation = S['OrganisationView'];
export type OrganisationInput = S['OrganisationInput'];
export type MembershipRequest = S['MembershipRequestView'];
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
export type Paged<T> = { items: T[]; page: number; pageSize: number; total: number };

// ---- Accounts, sessions, verified managers, oversight (the "trust" endpoints) ----
export type ManagerApplication = S['ManagerApplication'];
export type RegistrationAccepted = S['RegistrationAccepted'];
export type RegisterInput = S['RegisterUser'];
export type Session = S['SessionView'];
export type AccountSummary = S['AccountSummary'];
export type AccountDetail = S['AccountDetail'];
export type AuditLine = S['AuditLine'];
export type Disclosure = S['DisclosureView'];
export type TechnologyManager = S['TechnologyManagerView'];
export type TechnologyManagerInput = S['TechnologyManagerInput'];
export type CertificationLevel = NonNullable<S['CertificationLevel']>;
export type ContractInput = S['ContractInput'];
export type ContractCategory = S['ContractCategory'];
export type TransformationMode = S['TransformationMode'];
export type ContractProposal = S['ContractProposalView'];
export type ContractProposalStatus = S['ContractProposalStatus'];
export type Deal = S['DealView'];
export type DealStage = S['DealStage'];

export const CERTIFICATION_LEVELS: CertificationLevel[] = ['Junior', 'Intermediate', 'Senior'];
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
] as const;
/** The consent-gated fields a disclosure names. */
export const DISCLOSED_FIELDS = ['owner', 'ipNumber', 'price', 'budget', 'contacts'] as const;
export const CONTRACT_CATEGORIES: ContractCategory[] = ['DevelopmentCommissioned', 'DevelopmentCooperative', 'Transfer', 'Licence', 'Consulting', 'Service'];
export const TRANSFORMATION_MODES: TransformationMode[] = ['Transfer', 'Licence', 'EquityInvestment', 'JointDevelopment', 'TechnicalService'];

// The OpenAPI document describes TransferModes ([Flags] enum) as a bare string; the values are these.
export const TRANSFER_MODES = ['Transfer', 'Licence', 'EquityInvestment', 'JointDevelopment', 'TechnicalService', 'UseBeforeTransfer'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

export const TECHNICAL_FIELDS: TechnicalField[] = [
  'ElectronicInformation', 'Aerospace', 'AdvancedManufacturing', 'BiomedicineAndMedicalDevices', 'NewMaterials',
  'NewEnergyAndEnergyEfficiency', 'EnvironmentalProtectionAndResources', 'NuclearApplication', 'Agriculture',
  'ModernTraffic', 'UrbanConstructionAndSocialDevelopment',
];
export const COOPERATION_MODES: CooperationMode[] = ['Transfer', 'Licence', 'EquityInvestment', 'JointDevelopment', 'CommissionedDevelopment', 'TechnicalService', 'Open'];
export const IP_TYPES: IpType[] = ['InventionPatent', 'UtilityModelPatent', 'DesignPatent', 'SoftwareCopyright', 'IntegratedCircuitLayout', 'PlantVariety', 'TechnicalSecret', 'None'];
export const IP_STATUSES: IpStatus[] = ['Applied', 'Granted', 'Expired', 'NotApplicable'];
export const VISIBILITIES: Visibility[] = ['Public', 'AfterConsent'];
export const LISTING_STATUSES: ListingStatus[] = ['Draft', 'Published', 'Archived'];

export type Role = 'InstitutionMember' | 'EnterpriseMember' | 'TechnologyManager' | 'BureauAnalyst' | 'Administrator' | 'Reviewer';
export const SELF_REGISTER_ROLES: Role[] = ['InstitutionMember', 'EnterpriseMember', 'TechnologyManager'];

// ---- Shapes of endpoints announced but not yet in /openapi/v1.json (hand-written from the brief; checked at run time) ----
export type ScoreComponent = { name: string; value: number; weight: number; contribution: number };
export type MatchExplanation = { components: ScoreComponent[]; matchedTerms: string[] };
export type MatchCounterpart = {
  id: string; kind: string; title: string; field: TechnicalField; trl: number | null; isLocal: boolean;
  organisation: S['ListingOwner'] | null; detailsHidden: boolean;
};
/** GET /api/{achievements|needs}/{id}/matches item (MatchView). */
export type MatchItem = {
  proposalId: string; score: number; status: 'Proposed' | 'Viewed' | 'Dismissed' | 'Interest' | string;
  counterpart: MatchCounterpart; explanation: MatchExplanation; proposedAt: string;
};
export const DISMISS_REASONS = ['TooEarlyStage', 'BenefitUnclear', 'NotOurField', 'PriceOrBudgetMismatch', 'Other'] as const;
export const DECLINE_REASONS = ['NotRelevant', 'AlreadyInTalks', 'PriceOrBudgetMismatch', 'NotAvailable', 'Other'] as const;
export type InterestParty = { organisationId: string | null; name: string | null; regionCode: string | null; hidden: boolean };
/** /api/interests item (InterestView). */
export type Interest = {
  id: string; proposalId: string | null; achievementId: string | null; needId: string | null; direction: 'sent' | 'received' | 'other' | string;
  from: InterestParty; to: InterestParty; message: string; status: 'Pending' | 'Accepted' | 'Declined' | string;
  declineReason: string | null; declineText: string | null; createdAt: string; decidedAt: string | null; version: number;
};
/** /api/notifications item (NotificationView); `data` is a JSON string whose fields depend on `kind`. */
export type NotificationItem = {
  id: string; kind?: string; data?: string | Record<string, unknown>; link?: string | null; createdAt?: string; readAt?: string | null;
  type?: string; title?: string; message?: string; read?: boolean;
};
