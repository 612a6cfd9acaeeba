namespace TechTransfer.Match.Web.Domain;

/// <summary>The national list of 11 technical fields used in technology-contract statistics.</summary>
public enum TechnicalField
{
    ElectronicInformation = 1,
    Aerospace = 2,
    AdvancedManufacturing = 3,
    BiomedicineAndMedicalDevices = 4,
    NewMaterials = 5,
    NewEnergyAndEnergyEfficiency = 6,
    EnvironmentalProtectionAndResources = 7,
    NuclearApplication = 8,
    Agriculture = 9,
    ModernTraffic = 10,
    UrbanConstructionAndSocialDevelopment = 11,
}

public enum OrganisationKind
{
    Institution,
    Enterprise,
    Intermediary,
    /// <summary>A draft created by an import whose row said nothing of its kind: an administrator confirms it.</summary>
    Unknown,
}

/// <summary>Universities carry seller-nature code 0221, research institutes 0211.</summary>
public enum InstitutionType
{
    University,
    ResearchInstitute,
}

public enum VerificationStatus
{
    Pending,
    Verified,
    Rejected,
    /// <summary>Created by an import from what a row said; waits for an administrator to confirm it or merge it into another.</summary>
    Draft,
}

public enum ListingStatus
{
    Draft,
    Published,
    Archived,
}

public enum Visibility
{
    /// <summary>Every field except confidential ones is public.</summary>
    Public,
    /// <summary>Only title, field and maturity are public; the rest after the owner consents.</summary>
    AfterConsent,
}

public enum IpType
{
    InventionPatent,
    UtilityModelPatent,
    DesignPatent,
    SoftwareCopyright,
    IntegratedCircuitLayout,
    PlantVariety,
    TechnicalSecret,
    None,
}

public enum IpStatus
{
    Applied,
    Granted,
    Expired,
    NotApplicable,
}

[Flags]
public enum TransferModes
{
    None = 0,
    Transfer = 1,
    Licence = 2,
    EquityInvestment = 4,
    JointDevelopment = 8,
    TechnicalService = 16,
    /// <summary>先使用后付费: the buyer uses the technology for a trial period before paying.</summary>
    UseBeforeTransfer = 32,
}

public enum CooperationMode
{
    Transfer,
    Licence,
    EquityInvestment,
    JointDevelopment,
    CommissionedDevelopment,
    TechnicalService,
    Open,
}

public enum MembershipStatus
{
    Pending,
    Approved,
    Rejected,
}
