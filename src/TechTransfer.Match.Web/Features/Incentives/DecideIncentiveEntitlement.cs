using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Incentives;

public sealed record DecideIncentiveEntitlementBody(bool Approve, string? Reason, long Version);

/// <summary>The bureau approves one pending entitlement, or rejects it with a reason; a decision is final.</summary>
public sealed record DecideIncentiveEntitlement(Guid SchemeId, Guid Id, bool Approve, string? Reason, long Version) : ICommand<Result<EntitlementView>>;

public sealed class DecideIncentiveEntitlementValidator : AbstractValidator<DecideIncentiveEntitlement>
{
    public DecideIncentiveEntitlementValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().When(x => !x.Approve).WithMessage("Give the reason for the rejection.");
        RuleFor(x => x.Reason).MaximumLength(1000);
    }
}

public sealed class DecideIncentiveEntitlementHandler(AppDbContext db, CurrentUser current, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<DecideIncentiveEntitlement, Result<EntitlementView>>
{
    public async ValueTask<Result<EntitlementView>> Handle(DecideIncentiveEntitlement command, CancellationToken cancellationToken)
    {
        var entitlement = await db.IncentiveEntitlements.FirstOrDefaultAsync(e => e.Id == command.Id && e.SchemeId == command.SchemeId, cancellationToken);
        if (entitlement is null)
        {
            return Error.NotFound("Entitlement");
        }

        if (!db.MatchesVersion(entitlement, command.Version))
        {
            return Error.StaleVersion();
        }

        if (entitlement.State != EntitlementState.Pending)
        {
            return Error.Conflict("already_decided", "The entitlement is already decided.");
        }

        entitlement.State = command.Approve ? EntitlementState.Approved : EntitlementState.Rejected;
        (entitlement.Reason, entitlement.DecidedBy, entitlement.DecidedAt) = (command.Reason?.Trim(), current.Id, clock.GetUtcNow().UtcDateTime);
        audit.Record(command.Approve ? "incentive.entitlement-approved" : "incentive.entitlement-rejected", "incentive-entitlement", entitlement.Id,
            new { entitlement.Period, entitlement.BeneficiaryId, entitlement.Amount, entitlement.Reason });
        entitlement.Raise(new IncentiveEntitlementDecided(entitlement.Id, entitlement.SchemeId, entitlement.Period, entitlement.BeneficiaryKind, entitlement.BeneficiaryId,
            entitlement.Amount, command.Approve, entitlement.Reason));
        await db.SaveChangesAsync(cancellationToken);
        return (await IncentiveEntitlements.RowsAsync(db, [entitlement], cancellationToken))[0];
    }

    public static async Task<Results<Ok<EntitlementView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, Guid entitlementId, DecideIncentiveEntitlementBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DecideIncentiveEntitlement(id, entitlementId, body.Approve, body.Reason, body.Version), ct)).ToOk();
}

/// <summary>The bureau approves every pending entitlement of a period at once (each is audited).</summary>
public sealed record ApproveIncentivePeriod(Guid SchemeId, string Period) : ICommand<Result<EntitlementsView>>;

public sealed class ApproveIncentivePeriodHandler(AppDbContext db, CurrentUser current, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<ApproveIncentivePeriod, Result<EntitlementsView>>
{
    public async ValueTask<Result<EntitlementsView>> Handle(ApproveIncentivePeriod command, CancellationToken cancellationToken)
    {
        if (await db.IncentiveSchemes.AsNoTracking().FirstOrDefaultAsync(s => s.Id == command.SchemeId, cancellationToken) is not { } scheme)
        {
            return Error.NotFound("Incentive scheme");
        }

        var period = command.Period.Trim().ToUpperInvariant();
        var pending = await db.IncentiveEntitlements.Where(e => e.SchemeId == scheme.Id && e.Period == period && e.State == EntitlementState.Pending).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return Error.Conflict("nothing_pending", "The period has no pending entitlements.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entitlement in pending)
        {
            (entitlement.State, entitlement.DecidedBy, entitlement.DecidedAt) = (EntitlementState.Approved, current.Id, now);
            audit.Record("incentive.entitlement-approved", "incentive-entitlement", entitlement.Id, new { entitlement.Period, entitlement.BeneficiaryId, entitlement.Amount });
            entitlement.Raise(new IncentiveEntitlementDecided(entitlement.Id, entitlement.SchemeId, entitlement.Period, entitlement.BeneficiaryKind, entitlement.BeneficiaryId,
                entitlement.Amount, true, null));
        }

        // Each row keeps its version check: an approval racing a single decision loses with 409 instead of deciding twice.
        await db.SaveChangesAsync(cancellationToken);
        return await IncentiveEntitlements.ViewAsync(db, scheme, period, DateOnly.FromDateTime(now), cancellationToken);
    }

    public static async Task<Results<Ok<EntitlementsView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, string period, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ApproveIncentivePeriod(id, period), ct)).ToOk();
}
