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
    /// <summary>Set by an administrator: the account cannot sign in and its sessions end.</summary>
    public DateTime? DeactivatedAt { get; set; }
    /// <summary>Set when the person asked for erasure: personal fields replaced by a pseudonym, records kept.</summary>
    public DateTime? ErasedAt { get; set; }
}

public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string BureauAnalyst = nameof(BureauAnalyst);
    public const string TechnologyManager = nameof(TechnologyManager);
    public const string InstitutionMember = nameof(InstitutionMember);
    public const string EnterpriseMember = nameof(EnterpriseMember);
    /// <summary>Reviews open-call proposals; granted by the bureau or an administrator.</summary>
    public const string Reviewer = nameof(Reviewer);

    /// <summary>
    /// The roles stored in Identity. <see cref="TechnologyManager"/> is not one of them: it is a capability
    /// derived on every request from a verified, unexpired manager certification (SessionPrincipal).
    /// </summary>
    public static readonly string[] Stored = [Administrator, BureauAnalyst, InstitutionMember, EnterpriseMember, Reviewer];

    /// <summary>Roles a person may choose when registering; the others are granted by an administrator.</summary>
    public static readonly string[] SelfService = [InstitutionMember, EnterpriseMember];

    /// <summary>Roles an administrator grants and revokes on the account pages.</summary>
    public static readonly string[] Granted = [Administrator, BureauAnalyst, Reviewer];
}
