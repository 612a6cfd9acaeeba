using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Validation;

public sealed record ValidationCentreInput(
    string Name, string? NameEn, Guid HostOrganisationId, ValidationCentreKind Kind, string Services, string Equipment,
    IReadOnlyList<TechnicalField> Fields, string Fees, int Capacity, string Contact, string RegionCode, string RegionName);

public sealed record SaveValidationCentreBody(ValidationCentreInput Centre, long Version);

public sealed record ValidationCentreView(
    Guid Id, string Name, string? NameEn, Guid HostOrganisationId, string HostName, ValidationCentreKind Kind, string Services, string Equipment,
    IReadOnlyList<TechnicalField> Fields, string Fees, int Capacity, int InProgress, string Contact, string RegionCode, string RegionName, long Version)
{
    /// <summary>Free capacity: how many more applications the centre may accept now.</summary>
    public int Free => Math.Max(0, Capacity - InProgress);

    public static ValidationCentreView From(ValidationCentre c, string hostName, int inProgress) => new(
        c.Id, c.Name, c.NameEn, c.HostOrganisationId, hostName, c.Kind, c.Services, c.Equipment, c.Fields, c.Fees, c.Capacity, inProgress,
        c.Contact, c.RegionCode, c.RegionName, c.Version);
}

public sealed record ValidationMilestoneView(string Title, DateOnly Date, string? Note);

public sealed record ValidationApplicationView(
    Guid Id, Guid CentreId, string CentreName, Guid AchievementId, string AchievementTitle, Guid InstitutionId, string InstitutionName,
    string Plan, ValidationApplicationStatus Status, int TrlBefore, int? TrlAfter, string? DeclineReason, DateOnly? ScheduledStart,
    DateOnly? ScheduledEnd, IReadOnlyList<ValidationMilestoneView> Milestones, string? ReportText, string? ReportUrl, DateOnly? CompletedOn,
    DateTime CreatedAt, Guid? ValidationProjectId, long Version);

internal static class ValidationViews
{
    /// <summary>The application with the names it shows, as one projection for every read.</summary>
    public static IQueryable<ValidationApplicationView> Project(IQueryable<ValidationApplication> applications, IQueryable<Organisation> organisations) =>
        applications.Select(a => new ValidationApplicationView(
            a.Id, a.CentreId, a.Centre!.Name, a.AchievementId, a.Achievement!.Title, a.InstitutionId,
            organisations.Where(o => o.Id == a.InstitutionId).Select(o => o.NameZh).FirstOrDefault() ?? "",
            a.Plan, a.Status, a.TrlBefore, a.TrlAfter, a.DeclineReason, a.ScheduledStart, a.ScheduledEnd,
            Milestones(a.Milestones),
            a.ReportText, a.ReportUrl, a.CompletedOn, a.CreatedAt, a.ValidationProjectId, a.Version));

    /// <summary>Mapped after the read: the JSON column is read whole (SQLite cannot select into it).</summary>
    private static List<ValidationMilestoneView> Milestones(List<ValidationMilestone> milestones) =>
        [.. milestones.Select(m => new ValidationMilestoneView(m.Title, m.Date, m.Note))];

    /// <summary>The saved application as its view (after a change).</summary>
    public static Task<ValidationApplicationView> ReadAsync(AppDbContext db, Guid id, CancellationToken ct) =>
        Project(db.ValidationApplications.AsNoTracking().Where(a => a.Id == id), db.Organisations).FirstAsync(ct);
}
