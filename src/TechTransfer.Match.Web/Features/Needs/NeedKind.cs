using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Needs;

/// <summary>Needs in the one listing lifecycle: enterprises post them; the budget is gated.</summary>
public sealed class NeedKind : IListingKind<Need, NeedInput, NeedView>
{
    public static string Noun => "Need";

    public static string Plural => "needs";

    public static OrganisationKind OwnerKind => OrganisationKind.Enterprise;

    public static string GatedFields => "owner,budget";

    public static Expression<Func<Need, int?>> Maturity => n => n.RequiredTrl;

    public static DbSet<Need> Set(AppDbContext db) => db.Needs;

    public static Need Create(Guid organisationId) => new() { OrganisationId = organisationId, Status = ListingStatus.Draft };

    public static void Apply(Need listing, NeedInput input) => listing.Apply(input);

    public static NeedView View(Need listing, Organisation? owner, bool full) => NeedView.From(listing, owner, full);

    public static IReadOnlyList<QualityWarning> QualityWarnings(Need listing) => listing.QualityWarnings();

    public static IReadOnlyList<PublishGap> PublishGaps(Need listing) => listing.PublishGaps();
}

internal static class NeedMapping
{
    public static void Apply(this Need n, NeedInput input)
    {
        n.Title = input.Title.Trim();
        n.Background = input.Background?.Trim() ?? "";
        n.Indicators = input.Indicators?.Select(i => new NeedIndicator { Name = i.Name.Trim(), Target = i.Target.Trim(), Unit = i.Unit?.Trim() }).ToList() ?? [];
        n.Scenario = input.Scenario?.Trim() ?? "";
        n.BudgetMin = input.BudgetMin;
        n.BudgetMax = input.BudgetMax;
        n.CooperationMode = input.CooperationMode;
        n.Deadline = input.Deadline;
        n.Field = input.Field;
        n.RequiredTrl = input.RequiredTrl;
        n.Visibility = input.Visibility;
        n.Language = input.Language ?? LanguageGuess.Of(input.Title + input.Background);
    }

    /// <summary>The publish gate (docs/listings.md): a background of one full sentence and a required maturity. The field is always set.</summary>
    public static IReadOnlyList<PublishGap> PublishGaps(this Need n)
    {
        var gaps = new List<PublishGap>();
        if (n.Background.Length < QualityThresholds.GateSummaryChars(n.Language))
        {
            gaps.Add(new("background", "Write at least one full sentence before publishing: 30 Chinese or 80 English characters."));
        }

        if (n.RequiredTrl is null)
        {
            gaps.Add(new("requiredTrl", "Choose the required maturity (TRL) before publishing."));
        }

        return gaps;
    }

    /// <summary>What suppliers will miss; publishing still succeeds (the editor asks to confirm).</summary>
    public static IReadOnlyList<QualityWarning> QualityWarnings(this Need n)
    {
        var warnings = new List<QualityWarning>();
        if (n.Title.Length < QualityThresholds.MinTitleChars(n.Language))
        {
            warnings.Add(new("short_title", "title", "The title is short: name the technology and what it is for."));
        }

        if (n.Background.Length >= QualityThresholds.GateSummaryChars(n.Language) && n.Background.Length < QualityThresholds.MinSummaryChars(n.Language))
        {
            warnings.Add(new("summary_too_short", "background", "The background is too short to understand the problem."));
        }

        if (n.Indicators.Count == 0)
        {
            warnings.Add(new("no_indicators", "indicators", "No quantified technical indicators: suppliers cannot tell whether they can meet the need."));
        }

        if (n.BudgetMin is null && n.BudgetMax is null)
        {
            warnings.Add(new("no_budget", "budgetMax", "No budget: suppliers cannot judge whether the cooperation is viable."));
        }
        else if (QualityThresholds.AmountWarning("budgetMax", n.BudgetMin, n.BudgetMax, QualityThresholds.LargestPlausibleBudget) is { } amount)
        {
            warnings.Add(amount);
        }

        return warnings;
    }
}
