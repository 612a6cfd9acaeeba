using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Auth;

public sealed record SessionView(Guid Id, string Kind, DateTime CreatedAt, DateTime? RefreshedAt, DateTime? RevokedAt, string? RevokedReason, string? IpAddress, string? UserAgent, bool Current);

/// <summary>My sign-ins, newest first: where and when, and which are still open.</summary>
public sealed record ListMySessions : IQuery<Result<IReadOnlyList<SessionView>>>;

public sealed class ListMySessionsHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListMySessions, Result<IReadOnlyList<SessionView>>>
{
    public async ValueTask<Result<IReadOnlyList<SessionView>>> Handle(ListMySessions query, CancellationToken cancellationToken)
    {
        if (current.Id is not { } id)
        {
            return Error.Unauthorized();
        }

        return Result<IReadOnlyList<SessionView>>.Success(await SessionViews.OfAsync(db, id, current.SessionId, cancellationToken));
    }

    public static async Task<Results<Ok<IReadOnlyList<SessionView>>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListMySessions(), ct)).ToOk();
}

internal static class SessionViews
{
    public static async Task<IReadOnlyList<SessionView>> OfAsync(AppDbContext db, Guid userId, Guid? currentSession, CancellationToken ct) =>
        await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).OrderByDescending(s => s.CreatedAt).Take(100)
            .Select(s => new SessionView(s.Id, s.Kind, s.CreatedAt, s.RefreshedAt, s.RevokedAt, s.RevokedReason, s.IpAddress, s.UserAgent, s.Id == currentSession))
            .ToListAsync(ct);
}

/// <summary>Ends one of my sessions (a device I no longer use).</summary>
public sealed record EndMySession(Guid Id) : ICommand<Result<Done>>;

public sealed class EndMySessionHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<EndMySession, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(EndMySession command, CancellationToken cancellationToken)
    {
        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.Id == command.Id && s.UserId == current.Id, cancellationToken);
        if (session is null)
        {
            return Error.NotFound("Session");
        }

        session.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        session.RevokedReason ??= "logout";
        return Done.Value;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new EndMySession(id), ct)).ToNoContent();
}

/// <summary>
/// Everything the platform holds about me, as one JSON file (China's PIPL, art. 45): account, sign-ins,
/// organisation, manager profile, notifications and their settings, saved searches, the interests I sent,
/// my deal notes, what I was shown of others' confidential fields, and the audit lines about me.
/// </summary>
public sealed record ExportMyData : IQuery<Result<MyData>>;

public sealed record MyData(DateTime ExportedAt, object Account, IReadOnlyList<SessionView> SignIns, object? Organisation, object? ManagerProfile,
    IReadOnlyList<object> Notifications, object? NotificationPreferences, IReadOnlyList<object> SavedSearches, IReadOnlyList<object> InterestsSent,
    IReadOnlyList<object> DealNotes, IReadOnlyList<object> DisclosuresToMe, IReadOnlyList<object> AuditLines);

public sealed class ExportMyDataHandler(AppDbContext db, CurrentUser current, UserManager<AppUser> users, TimeProvider clock) : IQueryHandler<ExportMyData, Result<MyData>>
{
    public async ValueTask<Result<MyData>> Handle(ExportMyData query, CancellationToken ct)
    {
        if (current.Id is not { } id || await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) is not { } user)
        {
            return Error.Unauthorized();
        }

        var roles = await users.GetRolesAsync(user);
        var organisation = user.OrganisationId is { } orgId
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == orgId).Select(o => new { o.Id, o.NameZh, o.NameEn, o.Kind }).FirstOrDefaultAsync(ct)
            : null;
        return new MyData(
            clock.GetUtcNow().UtcDateTime,
            new { user.Id, user.Email, user.EmailConfirmed, user.DisplayName, user.PhoneNumber, user.PreferredLanguage, user.CreatedAt, Roles = roles },
            await SessionViews.OfAsync(db, id, current.SessionId, ct),
            organisation,
            await db.TechnologyManagerProfiles.AsNoTracking().Where(p => p.UserId == id)
                .Select(p => new { p.Bio, p.CertificationNumber, p.CertificationLevel, p.IssuingBody, p.CertificationExpiresOn, p.Verification, p.VerifiedAt }).FirstOrDefaultAsync(ct),
            await db.Notifications.AsNoTracking().Where(n => n.UserId == id).OrderByDescending(n => n.CreatedAt).Take(5000)
                .Select(n => (object)new { n.Kind, n.Data, n.Link, n.CreatedAt, n.ReadAt }).ToListAsync(ct),
            await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == id).Select(p => new { p.MutedKinds, p.MinMatchScore, p.Delivery, p.EmailKinds, p.DigestEmailKinds }).FirstOrDefaultAsync(ct),
            await db.SavedSearches.AsNoTracking().Where(s => s.UserId == id).Select(s => (object)new { s.Name, s.Achievements, s.Text, s.Field, s.Region, s.TrlMin }).ToListAsync(ct),
            await db.Interests.AsNoTracking().Where(i => i.FromUserId == id).Select(i => (object)new { i.Id, i.AchievementId, i.NeedId, i.Message, i.Status, i.CreatedAt }).ToListAsync(ct),
            await db.DealEvents.AsNoTracking().Where(e => e.ByUserId == id).Select(e => (object)new { e.DealId, e.Kind, e.Note, e.At }).ToListAsync(ct),
            await db.Disclosures.AsNoTracking().Where(d => d.ViewerUserId == id).Select(d => (object)new { d.ListingId, d.Fields, d.Reason, d.At }).ToListAsync(ct),
            await db.AuditEntries.AsNoTracking().Where(a => a.ActorUserId == id || a.TargetId == id).OrderBy(a => a.At)
                .Select(a => (object)new { a.At, a.Action, a.TargetType, a.TargetId, a.IpAddress }).ToListAsync(ct));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, TimeProvider clock, CancellationToken ct)
    {
        var result = await mediator.Send(new ExportMyData(), ct);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(result.Value, new JsonSerializerOptions(JsonSerializerOptions.Web) { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } });
        return TypedResults.File(bytes, "application/json", $"my-data-{clock.GetUtcNow():yyyyMMdd}.json");
    }
}

/// <summary>
/// Erases my account (PIPL art. 47): email, name, phone and password are replaced by a pseudonym, my
/// notifications, saved searches and settings deleted, my sessions ended and my roles removed. Business
/// records I took part in (interests, deals, contracts) stay, under the pseudonym, for the organisations
/// and the bureau's statistics. Asks for the password, as a deletion cannot be undone.
/// </summary>
public sealed record EraseMyAccount(string Password) : ICommand<Result<Done>>;

public sealed class EraseMyAccountValidator : AbstractValidator<EraseMyAccount>
{
    public EraseMyAccountValidator() => RuleFor(x => x.Password).NotEmpty().MaximumLength(128);
}

public sealed class EraseMyAccountHandler(AppDbContext db, CurrentUser current, UserManager<AppUser> users, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<EraseMyAccount, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(EraseMyAccount command, CancellationToken ct)
    {
        if (current.Id is not { } id || await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return Error.Unauthorized();
        }

        if (!await users.CheckPasswordAsync(user, command.Password))
        {
            return Error.Invalid("password", "The password is incorrect.");
        }

        await AccountErasure.EraseAsync(db, users, user, clock, ct);
        audit.Record("account.erased", "user", user.Id, new { by = "owner" });
        return Done.Value;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Endpoint(EraseMyAccount command, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(command, ct)).ToNoContent();
}

internal static class AccountErasure
{
    public static async Task EraseAsync(AppDbContext db, UserManager<AppUser> users, AppUser user, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var pseudonym = $"erased-{user.Id:N}@erased.invalid";
        foreach (var role in await users.GetRolesAsync(user))
        {
            await users.RemoveFromRoleAsync(user, role);
        }

        user.Email = pseudonym;
        user.UserName = pseudonym;
        user.NormalizedEmail = pseudonym.ToUpperInvariant();
        user.NormalizedUserName = pseudonym.ToUpperInvariant();
        user.EmailConfirmed = false;
        user.DisplayName = $"用户{user.Id.ToString("N")[..6]}";
        user.PhoneNumber = null;
        user.PasswordHash = null;
        user.OrganisationId = null;
        user.ErasedAt = now;
        await users.UpdateSecurityStampAsync(user);

        await db.Notifications.Where(n => n.UserId == user.Id).ExecuteDeleteAsync(ct);
        await db.NotificationPreferences.Where(p => p.UserId == user.Id).ExecuteDeleteAsync(ct);
        await db.SavedSearches.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(ct);
        await db.MembershipRequests.Where(r => r.UserId == user.Id).ExecuteDeleteAsync(ct);
        await db.TechnologyManagerProfiles.Where(p => p.UserId == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Bio, "").SetProperty(p => p.CertificationNumber, (string?)null).SetProperty(p => p.IssuingBody, (string?)null)
                .SetProperty(p => p.Verification, VerificationStatus.Rejected), ct);
        await db.UserSessions.Where(s => s.UserId == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.IpAddress, (string?)null).SetProperty(x => x.UserAgent, (string?)null), ct);
        await Sessions.RevokeAllAsync(db, user.Id, "erased", clock, ct);
    }
}
