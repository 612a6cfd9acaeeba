using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Interests;

/// <summary>One side of an interest as the other side may see it; null fields are not revealed yet.</summary>
public sealed record InterestParty(Guid? OrganisationId, string? Name, string? RegionCode, bool Hidden);

public sealed record InterestView(
    Guid Id,
    Guid? ProposalId,
    Guid? AchievementId,
    Guid? NeedId,
    string Direction,
    InterestParty From,
    InterestParty To,
    string Message,
    InterestStatus Status,
    DeclineReason? DeclineReason,
    string? DeclineText,
    DateTime CreatedAt,
    DateTime? DecidedAt,
    long Version);

internal static class InterestAccess
{
    /// <summary>
    /// Whether the organisation that owns the record the interest is about keeps its identity hidden:
    /// an "after consent" listing of the receiving side stays anonymous to the sender until acceptance.
    /// </summary>
    public static async Task<bool> ReceiverHiddenAsync(AppDbContext db, Interest interest, CancellationToken ct)
    {
        if (interest.Status == InterestStatus.Accepted)
        {
            return false;
        }

        var achievement = interest.AchievementId is { } a
            ? await db.Achievements.FindAsync([a], ct)
            : null;
        var need = interest.NeedId is { } n ? await db.Needs.FindAsync([n], ct) : null;
        return (achievement?.OrganisationId == interest.ToOrganisationId && achievement.Visibility == Visibility.AfterConsent)
            || (need?.OrganisationId == interest.ToOrganisationId && need.Visibility == Visibility.AfterConsent);
    }

    public static async Task<InterestView> ViewAsync(AppDbContext db, Interest interest, Guid? viewerOrganisationId, bool privileged, CancellationToken ct)
    {
        var from = await db.Organisations.FindAsync([interest.FromOrganisationId], ct);
        var to = await db.Organisations.FindAsync([interest.ToOrganisationId], ct);
        var sent = viewerOrganisationId == interest.FromOrganisationId;
        var hideReceiver = sent && !privileged && await ReceiverHiddenAsync(db, interest, ct);
        return new InterestView(
            interest.Id, interest.ProposalId, interest.AchievementId, interest.NeedId,
            sent ? "sent" : viewerOrganisationId == interest.ToOrganisationId ? "received" : "other",
            new InterestParty(from?.Id, from?.NameZh, from?.RegionCode, false),
            hideReceiver ? new InterestParty(null, null, null, true) : new InterestParty(to?.Id, to?.NameZh, to?.RegionCode, false),
            interest.Message, interest.Status, interest.DeclineReason, interest.DeclineText, interest.CreatedAt, interest.DecidedAt, interest.Version);
    }

    /// <summary>Members of either side, administrators and the bureau see an interest; nobody else knows it exists.</summary>
    public static bool MaySee(Interest interest, Guid? organisationId, CurrentUser current) =>
        current.IsInRole(Roles.Administrator) || current.IsInRole(Roles.BureauAnalyst)
        || (organisationId is { } org && (org == interest.FromOrganisationId || org == interest.ToOrganisationId));
}
