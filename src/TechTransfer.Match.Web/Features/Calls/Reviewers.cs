using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Accounts;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

public sealed record GrantReviewerBody(string Email);

/// <summary>
/// The bureau gives an account the Reviewer capability by its e-mail. It is the administrators' role grant
/// (ChangeAccountRole: audited, effective on the person's next request) limited to this one role.
/// </summary>
public sealed record GrantReviewer(string Email) : ICommand<Result<ReviewerView>>;

public sealed class GrantReviewerValidator : AbstractValidator<GrantReviewer>
{
    public GrantReviewerValidator() => RuleFor(x => x.Email).NotEmpty().EmailAddress().MaximumLength(256);
}

public sealed class GrantReviewerHandler(AppDbContext db, IMediator mediator) : ICommandHandler<GrantReviewer, Result<ReviewerView>>
{
    public async ValueTask<Result<ReviewerView>> Handle(GrantReviewer command, CancellationToken cancellationToken)
    {
        var normalised = command.Email.Trim().ToUpperInvariant();
        var userId = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalised && u.ErasedAt == null).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        if (userId is null)
        {
            return Error.NotFound("Account");
        }

        var granted = await mediator.Send(new ChangeAccountRole(userId.Value, Roles.Reviewer, true), cancellationToken);
        if (!granted.IsSuccess)
        {
            return granted.Error!;
        }

        return await ReviewerViews.Of(db, db.Users.AsNoTracking().Where(u => u.Id == userId)).FirstAsync(cancellationToken);
    }

    public static async Task<Results<Ok<ReviewerView>, ValidationProblem, ProblemHttpResult>> Endpoint(GrantReviewerBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GrantReviewer(body.Email), ct)).ToOk();
}

/// <summary>The accounts holding the Reviewer capability, for the bureau to assign to calls.</summary>
public sealed record ListReviewers : IQuery<Result<IReadOnlyList<ReviewerView>>>;

public sealed class ListReviewersHandler(AppDbContext db) : IQueryHandler<ListReviewers, Result<IReadOnlyList<ReviewerView>>>
{
    public async ValueTask<Result<IReadOnlyList<ReviewerView>>> Handle(ListReviewers query, CancellationToken cancellationToken)
    {
        var reviewers = from ur in db.UserRoles
                        join r in db.Roles on ur.RoleId equals r.Id
                        join u in db.Users on ur.UserId equals u.Id
                        where r.Name == Roles.Reviewer && u.DeactivatedAt == null && u.ErasedAt == null
                        select u;
        return await ReviewerViews.Of(db, reviewers.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.Id)).ToListAsync(cancellationToken);
    }

    public static async Task<Results<Ok<IReadOnlyList<ReviewerView>>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListReviewers(), ct)).ToOk();
}

internal static class ReviewerViews
{
    public static IQueryable<ReviewerView> Of(AppDbContext db, IQueryable<AppUser> users) =>
        users.Select(u => new ReviewerView(u.Id, u.DisplayName, u.Email ?? "",
            db.Organisations.Where(o => o.Id == u.OrganisationId).Select(o => new CallOrganisation(o.Id, o.NameZh, o.RegionCode)).FirstOrDefault()));
}
