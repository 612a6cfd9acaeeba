using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Achievements;

/// <summary>Achievements in the one listing lifecycle: institutions list them; IP number and price are gated.</summary>
public sealed class AchievementKind : IListingKind<Achievement, AchievementInput, AchievementView>
{
    public static string Noun => "Achievement";

    public static string Plural => "achievements";

    public static OrganisationKind OwnerKind => OrganisationKind.Institution;

    public static string GatedFields => "owner,ipNumber,price";

    public static Expression<Func<Achievement, int?>> Maturity => a => a.Trl;

    public static DbSet<Achievement> Set(AppDbContext db) => db.Achievements;

    public static Achievement Create(Guid organisationId) => new() { OrganisationId = organisationId, Status = ListingStatus.Draft };

    public static void Apply(Achievement listing, AchievementInput input) => listing.Apply(input);

    public static AchievementView View(Achievement listing, Organisation? owner, bool full) => AchievementView.From(listing, owner, full);

    public static IReadOnlyList<QualityWarning> QualityWarnings(Achievement listing) => listing.QualityWarnings();

    public static IReadOnlyList<PublishGap> PublishGaps(Achievement listing) => listing.PublishGaps();
}

internal static class AchievementMapping
{
    public static void Apply(this Achievement a, AchievementInput input)
    {
        a.Title = input.Title.Trim();
        a.Summary = input.Summary?.Trim() ?? "";
        a.ProblemSolved = input.ProblemSolved?.Trim() ?? "";
        a.Advantages = input.Advantages?.Trim() ?? "";
        a.Keywords = input.Keywords?.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct().ToList() ?? [];
        a.Field = input.Field;
        a.Trl = input.Trl;
        a.IpType = input.IpType;
        a.IpStatus = input.IpStatus;
        a.IpNumber = string.IsNullOrWhiteSpace(input.IpNumber) ? null : input.IpNumber.Trim();
        a.TransferModes = TransferModeList.ToFlags(input.TransferModes);
        a.TrialPeriodMonths = input.TrialPeriodMonths;
        a.PriceMin = input.PriceMin;
        a.PriceMax = input.PriceMax;
        a.Visibility = input.Visibility;
        a.Language = input.Language ?? LanguageGuess.Of(input.Title + input.Summary);
    }

    /// <summary>The publish gate (docs/listings.md): a summary of one full sentence, a maturity, a keyword. The field is always set.</summary>
    public static IReadOnlyList<PublishGap> PublishGaps(this Achievement a)
    {
        var gaps = new List<PublishGap>();
        if (a.Summary.Length < QualityThresholds.GateSummaryChars(a.Language))
        {
            gaps.Add(new("summary", "Write at least one full sentence before publishing: 30 Chinese or 80 English characters."));
        }

        if (a.Trl is null)
        {
            gaps.Add(new("trl", "Choose the maturity (TRL) before publishing."));
        }

        if (a.Keywords.Count == 0)
        {
            gaps.Add(new("keywords", "Give at least one keyword before publishing."));
        }

        return gaps;
    }

    /// <summary>What buyers will miss; publishing still succeeds (the editor asks to confirm).</summary>
    public static IReadOnlyList<QualityWarning> QualityWarnings(this Achievement a)
    {
        var warnings = new List<QualityWarning>();
        if (a.Title.Length < QualityThresholds.MinTitleChars(a.Language))
        {
            warnings.Add(new("short_title", "title", "The title is short: name the technology and what it is for."));
        }

        if (a.Summary.Length >= QualityThresholds.GateSummaryChars(a.Language) && a.Summary.Length < QualityThresholds.MinSummaryChars(a.Language))
        {
            warnings.Add(new("summary_too_short", "summary", "The summary is too short to judge the technology."));
        }

        if (string.IsNullOrWhiteSpace(a.Advantages))
        {
            warnings.Add(new("no_advantages", "advantages", "No advantages over existing solutions: buyers ask first what is better than what they have."));
        }

        if (a.Keywords.Count is > 0 and < QualityThresholds.FewKeywords)
        {
            warnings.Add(new("few_keywords", "keywords", "Few keywords: three or more help matching find buyers."));
        }

        if (a.PriceMin is null && a.PriceMax is null)
        {
            warnings.Add(new("no_price", "priceMax", "No asking price: buyers cannot judge whether the cooperation is viable."));
        }
        else if (QualityThresholds.AmountWarning("priceMax", a.PriceMin, a.PriceMax, QualityThresholds.LargestPlausiblePrice) is { } amount)
        {
            warnings.Add(amount);
        }

        return warnings;
    }
}
