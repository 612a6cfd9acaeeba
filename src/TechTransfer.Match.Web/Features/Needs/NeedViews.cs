using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;

namespace TechTransfer.Match.Web.Features.Needs;

public sealed record NeedView(
    Guid Id,
    string Title,
    string Background,
    IReadOnlyList<NeedIndicatorInput> Indicators,
    string Scenario,
    decimal? BudgetMin,
    decimal? BudgetMax,
    CooperationMode CooperationMode,
    DateOnly? Deadline,
    TechnicalField Field,
    int? RequiredTrl,
    string? RequiredMaturityStage,
    Visibility Visibility,
    string Language,
    ListingStatus Status,
    DateTime? PublishedAt,
    DateTime UpdatedAt,
    ListingOwner? Organisation,
    bool DetailsHidden,
    string? ModerationReason,
    DateTime? ModeratedAt,
    long Version)
{
    /// <summary>After-consent needs hide the firm's identity and budget from outsiders.</summary>
    public static NeedView From(Need n, Organisation? owner, bool full)
    {
        var hide = !full && n.Visibility == Visibility.AfterConsent;
        return new NeedView(
            n.Id, n.Title, n.Background, n.Indicators.Select(i => new NeedIndicatorInput(i.Name, i.Target, i.Unit)).ToList(), n.Scenario,
            hide ? null : n.BudgetMin, hide ? null : n.BudgetMax, n.CooperationMode, n.Deadline, n.Field, n.RequiredTrl,
            n.RequiredTrl is { } trl ? Maturity.StageOf(trl) : null,
            n.Visibility, n.Language, n.Status, n.PublishedAt, n.UpdatedAt,
            ListingOwner.Shown(owner, hide),
            hide, n.ModerationReason, n.ModeratedAt, n.Version);
    }
}
