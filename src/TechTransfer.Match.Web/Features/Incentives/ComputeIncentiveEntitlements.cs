using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Incentives;

public sealed record ComputeIncentiveEntitlementsBody(string Period);

/// <summary>
/// Computes an adopted scheme's entitlements for one quarter, for the bureau to approve (docs/programmes.md): the adopted revision
/// paid on the year's counted contracts signed from the adoption (or 1 January) to the quarter's end, caps included, less what the
/// year's earlier quarters granted. Quarters are computed in order; the newest may be computed again until one of its entitlements
/// is decided, which picks up contracts recorded since.
/// </summary>
public sealed record ComputeIncentiveEntitlements(Guid Id, string Period) : ICommand<Result<EntitlementsView>>;

public sealed class ComputeIncentiveEntitlementsValidator : AbstractValidator<ComputeIncentiveEntitlements>
{
    public ComputeIncentiveEntitlementsValidator()
    {
        RuleFor(x => x.Period).Must(p => EntitlementPeriod.TryParse(p, out _)).WithMessage("A period is a year and a quarter, like 2024Q2.");
    }
}

public sealed class ComputeIncentiveEntitlementsHandler(AppDbContext db, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<ComputeIncentiveEntitlements, Result<EntitlementsView>>
{
    public async ValueTask<Result<EntitlementsView>> Handle(ComputeIncentiveEntitlements command, CancellationToken cancellationToken)
    {
        EntitlementPeriod.TryParse(command.Period, out var period);
        // One computation of a scheme at a time (a second waits, then reads what the first computed); tracked: marking
        // the period computed bumps the scheme's version.
        await db.LockIncentiveSchemeAsync(command.Id, cancellationToken);
        if (await db.IncentiveSchemes.FirstOrDefaultAsync(s => s.Id == command.Id, cancellationToken) is not { } scheme)
        {
            return Error.NotFound("Incentive scheme");
        }

        if (scheme is not { AdoptedRevision: { } revision, AdoptedFrom: { } from })
        {
            return Error.Conflict("scheme_not_adopted", "Adopt the scheme before computing entitlements.");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var next = IncentiveEntitlements.NextPeriod(scheme, today);
        var newest = IncentiveEntitlements.NewestPeriod(scheme);
        if (period.End >= today)
        {
            return Error.Invalid("period", ValidationText.Format("The period {0} has not ended yet.", period));
        }

        if (period.End < from)
        {
            return Error.Invalid("period", ValidationText.Format("The period ends before the scheme was adopted ({0}).", Contracts.Import.ContractColumns.FormatDate(from)));
        }

        if (period != next && period != newest)
        {
            return Error.Conflict("period_out_of_order", ValidationText.Format("Periods are computed in order: compute {0} next.", next?.ToString() ?? newest?.ToString() ?? ""));
        }

        var label = period.ToString();
        var existing = db.IncentiveEntitlements.Where(e => e.SchemeId == scheme.Id && e.Period == label);
        if (await existing.AnyAsync(e => e.State != EntitlementState.Pending, cancellationToken))
        {
            return Error.Conflict("period_decided", "Entitlements of this period are already decided; it can no longer be computed again.");
        }

        await existing.ExecuteDeleteAsync(cancellationToken);
        var paid = await IncentiveEntitlements.ComputeAsync(db, scheme, period, cancellationToken);
        audit.Record("incentive.entitlements-computed", "incentive-scheme", scheme.Id, new { Period = label, revision, Total = paid });
        await db.SaveChangesAsync(cancellationToken);
        return await IncentiveEntitlements.ViewAsync(db, scheme, label, today, cancellationToken);
    }

    public static async Task<Results<Ok<EntitlementsView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, ComputeIncentiveEntitlementsBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ComputeIncentiveEntitlements(id, body.Period), ct)).ToOk();
}
