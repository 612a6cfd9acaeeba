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

    public static IReadOnlyList<QualityWarning> QualityWarnings(this Achievement a)
    {
        var warnings = new List<QualityWarning>();
        if (string.IsNullOrWhiteSpace(a.Advantages))
        {
            warnings.Add(new("no_advantages", "advantages", "No advantages over existing solutions: buyers ask first what is better than what they have."));
        }

        if (a.Trl is null)
        {
            warnings.Add(new("no_maturity", "trl", "No maturity (TRL): buyers cannot judge how far the technology is from use."));
        }

        if (a.Summary.Length < QualityThresholds.MinSummaryChars(a.Language))
        {
            warnings.Add(new("summary_too_short", "summary", "The summary is too short to judge the technology."));
        }

        if (a.Keywords.Count == 0)
        {
            warnings.Add(new("no_keywords", "keywords", "No keywords: they weigh heavily in matching."));
        }

        return warnings;
    }
}
