using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;

namespace TechTransfer.Match.Web.Features.Achievements;

public sealed record AchievementView(
    Guid Id,
    string Title,
    string Summary,
    string ProblemSolved,
    string Advantages,
    IReadOnlyList<string> Keywords,
    TechnicalField Field,
    int? Trl,
    string? MaturityStage,
    IpType IpType,
    IpStatus IpStatus,
    string? IpNumber,
    IReadOnlyList<TransferModes> TransferModes,
    int? TrialPeriodMonths,
    decimal? PriceMin,
    decimal? PriceMax,
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
    /// <summary>Builds the view a given reader may see: after-consent listings hide owner, IP number and price from outsiders.</summary>
    public static AchievementView From(Achievement a, Organisation? owner, bool full)
    {
        var hide = !full && a.Visibility == Visibility.AfterConsent;
        return new AchievementView(
            a.Id, a.Title, a.Summary, a.ProblemSolved, a.Advantages, a.Keywords, a.Field, a.Trl,
            a.Trl is { } trl ? Maturity.StageOf(trl) : null,
            a.IpType, a.IpStatus, hide ? null : a.IpNumber,
            TransferModeList.From(a.TransferModes), a.TrialPeriodMonths,
            hide ? null : a.PriceMin, hide ? null : a.PriceMax,
            a.Visibility, a.Language, a.Status, a.PublishedAt, a.UpdatedAt,
            ListingOwner.Shown(owner, hide),
            hide, a.ModerationReason, a.ModeratedAt, a.Version);
    }
}

public static class TransferModeList
{
    public static IReadOnlyList<TransferModes> From(TransferModes flags) =>
        Enum.GetValues<TransferModes>().Where(m => m != TransferModes.None && flags.HasFlag(m)).ToList();

    public static TransferModes ToFlags(IReadOnlyList<TransferModes>? modes) =>
        modes?.Aggregate(TransferModes.None, (all, m) => all | m) ?? TransferModes.None;
}
