using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Incentives;

/// <summary>An entitlement as its beneficiary reads it: the scheme, the quarter, the amount and the bureau's decision.</summary>
public sealed record MyEntitlementView(
    Guid Id, Guid SchemeId, string SchemeName, string Period, IncentiveBeneficiary BeneficiaryKind, int ContractsToDate, decimal EarnedToDate, decimal Amount,
    EntitlementState State, string? Reason, DateTime? DecidedAt);

/// <summary>
/// The entitlements owed to the caller's organisation (institution, inventor team, buyer) or, for a technology manager, to the
/// caller: the newest 200 quarters' rows. Everyone else's stay the bureau's.
/// </summary>
public sealed record ListMyEntitlements : IQuery<Result<IReadOnlyList<MyEntitlementView>>>;

public sealed class ListMyEntitlementsHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListMyEntitlements, Result<IReadOnlyList<MyEntitlementView>>>
{
    public const int Limit = 200;

    public async ValueTask<Result<IReadOnlyList<MyEntitlementView>>> Handle(ListMyEntitlements query, CancellationToken cancellationToken)
    {
        var (user, organisation) = (current.Id, await current.OrganisationIdAsync(cancellationToken));
        var rows = await db.IncentiveEntitlements.AsNoTracking()
            .Where(e => (e.BeneficiaryKind == IncentiveBeneficiary.TechnologyManager && e.BeneficiaryId == user)
                || (e.BeneficiaryKind != IncentiveBeneficiary.TechnologyManager && e.BeneficiaryId == organisation))
            .OrderByDescending(e => e.Year).ThenByDescending(e => e.Quarter).ThenByDescending(e => e.Amount)
            .Take(Limit)
            .Join(db.IncentiveSchemes, e => e.SchemeId, s => s.Id, (e, s) => new MyEntitlementView(
                e.Id, s.Id, s.Name, e.Period, e.BeneficiaryKind, e.ContractsToDate, e.EarnedToDate, e.Amount, e.State, e.Reason, e.DecidedAt))
            .ToListAsync(cancellationToken);
        return rows;
    }

    public static async Task<Results<Ok<IReadOnlyList<MyEntitlementView>>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListMyEntitlements(), ct)).ToOk();
}
