using Microsoft.AspNetCore.Identity;

namespace TechTransfer.Match.Web.Domain;

public sealed class AppUser : IdentityUser<Guid>
{
    public AppUser() => Id = Guid.CreateVersion7();

    public string DisplayName { get; set; } = "";
    /// <summary>At most one organisation; set when a membership request is approved.</summary>
    public Guid? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public DateTime CreatedAt { get; set; }
    public string PreferredLanguage { get; set; } = "zh-CN";
}

public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string BureauAnalyst = nameof(BureauAnalyst);
    public const string TechnologyManager = nameof(TechnologyManager);
    public const string InstitutionMember = nameof(InstitutionMember);
    public const string EnterpriseMember = nameof(EnterpriseMember);

    public static readonly string[] All = [Administrator, BureauAnalyst, TechnologyManager, InstitutionMember, EnterpriseMember];

    /// <summary>Roles a person may choose when registering; the others are granted by an administrator.</summary>
    public static readonly string[] SelfService = [InstitutionMember, EnterpriseMember, TechnologyManager];
}
