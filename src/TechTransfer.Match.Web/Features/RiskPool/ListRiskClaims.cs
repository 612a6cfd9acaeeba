using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.RiskPool;

/// <summary>Claims, newest first: the bureau's queue (all, by scheme and state) or a party's own organisation's claims.</summary>
public sealed record ListRiskClaims(Guid? SchemeId, RiskClaimState? State, int Page = 1, int PageSize = 20) : IQuery<Result<Paged<RiskClaimView>>>;

public sealed class ListRiskClaimsValidator : AbstractValidator<ListRiskClaims>
{
    public ListRiskClaimsValidator()
    {
        RuleFor(x => x.State).IsInEnum();
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100);
    }
}

public sealed class ListRiskClaimsHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListRiskClaims, Result<Paged<RiskClaimView>>>
{
    public async ValueTask<Result<Paged<RiskClaimView>>> Handle(ListRiskClaims query, CancellationToken cancellationToken)
    {
        var claims = await RiskPoolRules.VisibleAsync(db, current, cancellationToken);
        if (query.SchemeId is { } scheme)
        {
            claims = claims.Where(c => c.SchemeId == scheme);
        }

        if (query.State is { } state)
        {
            claims = claims.Where(c => c.State == state);
        }

        return await RiskPoolRules.Project(db, claims.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id))
            .ToPageAsync(query.Page, query.PageSize, cancellationToken);
    }

    public static async Task<Results<Ok<Paged<RiskClaimView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid? schemeId, RiskClaimState? state, IMediator mediator, CancellationToken ct, int page = 1, int pageSize = 20) =>
        (await mediator.Send(new ListRiskClaims(schemeId, state, page, pageSize), ct)).ToOk();
}

/// <summary>One claim, for the bureau or the claiming organisation; the bureau also reads the limits of an undecided claim.</summary>
public sealed record GetRiskClaim(Guid Id) : IQuery<Result<RiskClaimView>>;

public sealed class GetRiskClaimHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<GetRiskClaim, Result<RiskClaimView>>
{
    public async ValueTask<Result<RiskClaimView>> Handle(GetRiskClaim query, CancellationToken cancellationToken) =>
        await RiskPoolRules.ClaimViewAsync(db, current, query.Id, clock, cancellationToken) is { } view ? view : Error.NotFound("Risk claim");

    public static async Task<Results<Ok<RiskClaimView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetRiskClaim(id), ct)).ToOk();
}
