using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Incentives;

/// <summary>An adopted scheme's computed periods and one period's entitlements (the newest unless <see cref="Period"/> names one).</summary>
public sealed record ListIncentiveEntitlements(Guid Id, string? Period) : IQuery<Result<EntitlementsView>>;

public sealed class ListIncentiveEntitlementsHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<ListIncentiveEntitlements, Result<EntitlementsView>>
{
    public async ValueTask<Result<EntitlementsView>> Handle(ListIncentiveEntitlements query, CancellationToken cancellationToken) =>
        await db.IncentiveSchemes.AsNoTracking().FirstOrDefaultAsync(s => s.Id == query.Id, cancellationToken) is { } scheme
            ? await IncentiveEntitlements.ViewAsync(db, scheme, query.Period?.Trim().ToUpperInvariant(), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken)
            : Error.NotFound("Incentive scheme");

    public static async Task<Results<Ok<EntitlementsView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, string? period, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListIncentiveEntitlements(id, period), ct)).ToOk();
}
