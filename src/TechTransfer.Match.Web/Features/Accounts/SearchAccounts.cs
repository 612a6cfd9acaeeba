using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Auth;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;
using TechTransfer.Match.Web.Infrastructure;

namespace TechTransfer.Match.Web.Features.Accounts;

/// <summary>Administrators list and search accounts: by email or name, role, state; newest first.</summary>
public sealed record SearchAccounts(string? Q, string? Role, string? State, int Page = 1, int PageSize = 50) : IQuery<Result<Paged<AccountSummary>>>;

public sealed class SearchAccountsValidator : AbstractValidator<SearchAccounts>
{
    public static readonly string[] States = ["active", "deactivated", "unconfirmed", "applicant", "erased"];

    public SearchAccountsValidator()
    {
        RuleFor(x => x.Q).MaximumLength(200);
        RuleFor(x => x.Role).Must(r => r is null || Roles.Stored.Contains(r) || r == Roles.TechnologyManager).WithMessage("No such role.");
        RuleFor(x => x.State).Must(s => s is null || States.Contains(s)).WithMessage(_ => ValidationText.Format("State is one of: {0}.", string.Join(", ", States)));
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 200);
    }
}

public sealed class SearchAccountsHandler(AppDbContext db) : IQueryHandler<SearchAccounts, Result<Paged<AccountSummary>>>
{
    public async ValueTask<Result<Paged<AccountSummary>>> Handle(SearchAccounts query, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim().ToUpperInvariant();
            var name = query.Q.Trim();
            users = users.Where(u => u.NormalizedEmail!.Contains(q) || u.DisplayName.Contains(name));
        }

        if (query.Role == Roles.TechnologyManager)
        {
            users = users.Where(u => db.TechnologyManagerProfiles.Any(p => p.UserId == u.Id && p.Verification == VerificationStatus.Verified));
        }
        else if (query.Role is { } role)
        {
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        }

        users = query.State switch
        {
            "active" => users.Where(u => u.DeactivatedAt == null && u.ErasedAt == null),
            "deactivated" => users.Where(u => u.DeactivatedAt != null),
            "unconfirmed" => users.Where(u => !u.EmailConfirmed && u.ErasedAt == null),
            "applicant" => users.Where(u => db.TechnologyManagerProfiles.Any(p => p.UserId == u.Id && p.Verification == VerificationStatus.Pending)),
            "erased" => users.Where(u => u.ErasedAt != null),
            _ => users,
        };

        var ordered = users.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id);
        var total = await ordered.CountAsync(cancellationToken);
        var items = await AccountViews.Summaries(db, ordered.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)).ToListAsync(cancellationToken);
        return new Paged<AccountSummary>(items, query.Page, query.PageSize, total);
    }

    public static async Task<Results<Ok<Paged<AccountSummary>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        string? q, string? role, string? state, IMediator mediator, CancellationToken ct, int page = 1, int pageSize = 50) =>
        (await mediator.Send(new SearchAccounts(q, role, state, page, pageSize), ct)).ToOk();
}

/// <summary>One account with its sign-ins and the audit lines about it.</summary>
public sealed record GetAccount(Guid Id) : IQuery<Result<AccountDetail>>;

public sealed class GetAccountHandler(AppDbContext db) : IQueryHandler<GetAccount, Result<AccountDetail>>
{
    public async ValueTask<Result<AccountDetail>> Handle(GetAccount query, CancellationToken cancellationToken)
    {
        var account = await AccountViews.Summaries(db, db.Users.AsNoTracking().Where(u => u.Id == query.Id)).FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return Error.NotFound("Account");
        }

        var audit = await AccountViews.Lines(db, db.AuditEntries.AsNoTracking().Where(a => a.TargetId == query.Id || a.ActorUserId == query.Id)
            .OrderByDescending(a => a.At).Take(200)).ToListAsync(cancellationToken);
        return new AccountDetail(account, await SessionViews.OfAsync(db, query.Id, null, cancellationToken), audit);
    }

    public static async Task<Results<Ok<AccountDetail>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetAccount(id), ct)).ToOk();
}
