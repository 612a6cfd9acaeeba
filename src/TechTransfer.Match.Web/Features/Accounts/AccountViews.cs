using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Auth;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Accounts;

/// <summary>One account as administrators see it in the list.</summary>
public sealed record AccountSummary(
    Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string? ManagerStatus, Guid? OrganisationId, string? OrganisationName,
    bool EmailConfirmed, DateTime CreatedAt, DateTime? DeactivatedAt, DateTime? ErasedAt, DateTime? LastSignInAt);

/// <summary>One account in full: the summary, its sign-ins and its audit lines.</summary>
public sealed record AccountDetail(AccountSummary Account, IReadOnlyList<SessionView> SignIns, IReadOnlyList<AuditLine> Audit);

public sealed record AuditLine(Guid Id, DateTime At, Guid? ActorUserId, string? ActorName, string Action, string TargetType, Guid? TargetId, string Details, string? IpAddress);

internal static class AccountViews
{
    public static IQueryable<AccountSummary> Summaries(AppDbContext db, IQueryable<AppUser> users) =>
        users.Select(u => new AccountSummary(
            u.Id, u.Email ?? "", u.DisplayName,
            db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).OrderBy(n => n).ToList(),
            db.TechnologyManagerProfiles.Where(p => p.UserId == u.Id).Select(p => p.Verification.ToString()).FirstOrDefault(),
            u.OrganisationId, u.Organisation != null ? u.Organisation.NameZh : null,
            u.EmailConfirmed, u.CreatedAt, u.DeactivatedAt, u.ErasedAt,
            db.UserSessions.Where(s => s.UserId == u.Id).Max(s => (DateTime?)s.CreatedAt)));

    public static IQueryable<AuditLine> Lines(AppDbContext db, IQueryable<AuditEntry> entries) =>
        entries.Select(a => new AuditLine(a.Id, a.At, a.ActorUserId, db.Users.Where(u => u.Id == a.ActorUserId).Select(u => u.DisplayName).FirstOrDefault(),
            a.Action, a.TargetType, a.TargetId, a.Details, a.IpAddress));
}
