using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.RiskPool;

public sealed record PayRiskClaimBody(DateOnly PaidOn, string? Reference, long Version);

/// <summary>The bureau records the payout of an approved claim: its amount moves from committed to paid; the balance stays.</summary>
public sealed record PayRiskClaim(Guid Id, PayRiskClaimBody Input) : ICommand<Result<RiskClaimView>>;

public sealed class PayRiskClaimValidator : AbstractValidator<PayRiskClaim>
{
    public PayRiskClaimValidator(TimeProvider clock)
    {
        RuleFor(x => x.Input).NotNull();
        When(x => x.Input is not null, () =>
        {
            RuleFor(x => x.Input.Reference).MaximumLength(200);
            RuleFor(x => x.Input.PaidOn).Must(d => d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
                .WithMessage("A payout is recorded once it is made: the date may not be in the future.");
        });
    }
}

public sealed class PayRiskClaimHandler(AppDbContext db, CurrentUser current, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<PayRiskClaim, Result<RiskClaimView>>
{
    public async ValueTask<Result<RiskClaimView>> Handle(PayRiskClaim command, CancellationToken cancellationToken)
    {
        var found = await RiskClaimDecision.OpenAsync(db, command.Id, command.Input.Version, cancellationToken, RiskClaimState.Approved);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var claim = found.Value!;
        var fen = RiskPoolRules.Fen(claim.AmountApproved!.Value);
        // The approval committed this amount; the condition only guards the counters against a fault elsewhere.
        if (await db.RiskPools.Where(p => p.SchemeId == claim.SchemeId && p.CommittedFen >= fen)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.CommittedFen, p => p.CommittedFen - fen).SetProperty(p => p.PaidFen, p => p.PaidFen + fen), cancellationToken) == 0)
        {
            throw new InvalidOperationException($"The pool of scheme {claim.SchemeId} has not committed the approved amount of claim {claim.Id}.");
        }

        claim.State = RiskClaimState.Paid;
        claim.PaidOn = command.Input.PaidOn;
        claim.PaymentReference = command.Input.Reference?.Trim() is { Length: > 0 } reference ? reference : null;
        audit.Record("risk_claim.paid", "risk-claim", claim.Id, new { schemeId = claim.SchemeId, amount = claim.AmountApproved, paidOn = claim.PaidOn, reference = claim.PaymentReference });
        await db.SaveChangesAsync(cancellationToken);
        return (await RiskPoolRules.ClaimViewAsync(db, current, claim.Id, clock, cancellationToken))!;
    }

    public static async Task<Results<Ok<RiskClaimView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, PayRiskClaimBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new PayRiskClaim(id, body), ct)).ToOk();
}
