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

export type Role = 'InstitutionMember' | 'EnterpriseMember' | 'TechnologyManager' | 'BureauAnalyst' | 'Administrator';
export const SELF_REGISTER_ROLES: Role[] = ['InstitutionMember', 'EnterpriseMember', 'TechnologyManager'];

// ---- Shapes of endpoints announced but not yet in /openapi/v1.json (hand-written from the brief; checked at run time) ----
export type ScoreComponent = { name: string; value: number; weight: number; contribution: number };
export type MatchExplanation = { components: ScoreComponent[]; matchedTerms: string[] };
export type MatchItem = {
  id?: string;
  matchId?: string;
  score: number;
  explanation: MatchExplanation;
  achievement?: Achievement | null;
  need?: Need | null;
  [key: string]: unknown;
};
export type NotificationItem = {
  id: string; kind?: string; type?: string; title?: string; message?: string; text?: string; link?: string | null;
  createdAt?: string; readAt?: string | null; read?: boolean; [key: string]: unknown;
};
