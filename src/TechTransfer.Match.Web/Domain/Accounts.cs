namespace TechTransfer.Match.Web.Domain;

/// <summary>
/// One sign-in: a browser cookie or a pair of API tokens. Every token and cookie carries its session's id,
/// and a request is refused once the session is revoked (logout, a reused refresh token, a deactivated
/// account or a new password), so logging out ends the session everywhere at once.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    /// <summary>"cookie" or "token".</summary>
    public string Kind { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>When its refresh token was last exchanged (token sessions).</summary>
    public DateTime? RefreshedAt { get; set; }
    /// <summary>
    /// The generation of the only refresh token that still works; each exchange issues the next one.
    /// Presenting an older generation means the token was copied: the whole session is revoked.
    /// </summary>
    public int RefreshGeneration { get; set; }
    public DateTime? RevokedAt { get; set; }
    /// <summary>logout, refresh_reuse, deactivated, password_changed, erased, administrator.</summary>
    public string? RevokedReason { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
}

/// <summary>A line of the audit log: who did what to which record, when and from where. Never updated.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTime At { get; set; }
    public Guid? ActorUserId { get; set; }
    /// <summary>What happened, e.g. role.granted, account.deactivated, manager.verified.</summary>
    public string Action { get; set; } = "";
    /// <summary>The kind of record acted on: user, organisation, technology-manager, contract.</summary>
    public string TargetType { get; set; } = "";
    public Guid? TargetId { get; set; }
    /// <summary>The particulars as JSON (the role granted, the reason given).</summary>
    public string Details { get; set; } = "{}";
    public string? IpAddress { get; set; }
}

/// <summary>
/// A consent-gated field of a listing (owner, IP number, price, budget) was shown to someone outside the
/// owning organisation: who saw what of which record, when and why. The owner reads these.
/// </summary>
public sealed class Disclosure
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTime At { get; set; }
    public Guid ListingId { get; set; }
    public bool IsAchievement { get; set; }
    public Guid OwnerOrganisationId { get; set; }
    public Guid ViewerUserId { get; set; }
    public Guid? ViewerOrganisationId { get; set; }
    /// <summary>Comma-separated: owner, ipNumber, price, budget, contacts.</summary>
    public string Fields { get; set; } = "";
    /// <summary>consent (an accepted interest), deal_manager (the manager assigned to a deal on it), administrator.</summary>
    public string Reason { get; set; } = "";
    /// <summary>The interest or deal that allowed it.</summary>
    public Guid? BasisId { get; set; }
}

public enum AccountMailKind
{
    /// <summary>The link that confirms a new account's address.</summary>
    ConfirmEmail,
    /// <summary>Someone tried to register an address that already has an account.</summary>
    AlreadyRegistered,
    /// <summary>The link that sets a new password.</summary>
    ResetPassword,
    /// <summary>The password was changed or reset.</summary>
    PasswordChanged,
}

/// <summary>A mail to the account's owner; the token in it is made when the mail is sent, never stored.</summary>
public sealed record AccountMailRequested(Guid UserId, AccountMailKind Kind) : IDomainEvent;
