using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.RiskPool;

public sealed record RejectRiskClaimBody(string Reason, long Version);

/// <summary>The bureau rejects a claim with a reason the claimant reads; the trial may then be claimed again.</summary>
public sealed record RejectRiskClaim(Guid Id, RejectRiskClaimBody Input) : ICommand<Result<RiskClaimView>>;

public sealed class RejectRiskClaimValidator : AbstractValidator<RejectRiskClaim>
{
    public RejectRiskClaimValidator()
    {
        RuleFor(x => x.Input).NotNull();
        RuleFor(x => x.Input.Reason).NotEmpty().MaximumLength(2000).When(x => x.Input is not null);
    }
}

public sealed class RejectRiskClaimHandler(AppDbContext db, CurrentUser current, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<RejectRiskClaim, Result<RiskClaimView>>
{
    public async ValueTask<Result<RiskClaimView>> Handle(RejectRiskClaim command, CancellationToken cancellationToken)
    {
        var found = await RiskClaimDecision.OpenAsync(db, command.Id, command.Input.Version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var claim = found.Value!;
        var now = clock.GetUtcNow().UtcDateTime;
        claim.State = RiskClaimState.Rejected;
        claim.DecisionNote = command.Input.Reason.Trim();
        claim.DecidedAt = now;
        claim.DecidedBy = current.Id;
        claim.Raise(new RiskClaimDecided(claim.Id, claim.TrialId, claim.ContractId, claim.CreatedBy, false, null, claim.DecisionNote));
        audit.Record("risk_claim.rejected", "risk-claim", claim.Id, new { schemeId = claim.SchemeId, reason = claim.DecisionNote });
        await db.SaveChangesAsync(cancellationToken);
        return (await RiskPoolRules.ClaimViewAsync(db, current, claim.Id, clock, cancellationToken))!;
    }

    public static async Task<Results<Ok<RiskClaimView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, RejectRiskClaimBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new RejectRiskClaim(id, body), ct)).ToOk();
}
