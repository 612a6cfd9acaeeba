using System.Globalization;
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

namespace TechTransfer.Match.Web.Features.RiskPool;

public sealed record ApproveRiskClaimBody(decimal Amount, long Version, string? Note);

/// <summary>
/// The bureau approves a claim with an amount: at most the amount asked, the scheme's ratio of the trial's price (or the contract's amount), the cap per
/// case, what the caps per organisation and per year leave, and the pool's balance. The amount is committed from the pool.
/// </summary>
public sealed record ApproveRiskClaim(Guid Id, ApproveRiskClaimBody Input) : ICommand<Result<RiskClaimView>>;

public sealed class ApproveRiskClaimValidator : AbstractValidator<ApproveRiskClaim>
{
    public ApproveRiskClaimValidator()
    {
        RuleFor(x => x.Input).NotNull();
        When(x => x.Input is not null, () =>
        {
            RuleFor(x => x.Input.Amount).Must(RiskSchemeInputValidator.Positive).WithMessage("An amount is above zero, in yuan and fen.");
            RuleFor(x => x.Input.Note).MaximumLength(2000);
        });
    }
}

public sealed class ApproveRiskClaimHandler(AppDbContext db, CurrentUser current, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<ApproveRiskClaim, Result<RiskClaimView>>
{
    public async ValueTask<Result<RiskClaimView>> Handle(ApproveRiskClaim command, CancellationToken cancellationToken)
    {
        var found = await RiskClaimDecision.OpenAsync(db, command.Id, command.Input.Version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var claim = found.Value!;
        var scheme = await db.RiskSchemes.AsNoTracking().FirstAsync(s => s.Id == claim.SchemeId, cancellationToken);
        var price = await RiskPoolRules.PriceAsync(db, claim, cancellationToken);
        var amount = command.Input.Amount;
        var now = clock.GetUtcNow().UtcDateTime;

        if ((Over(amount, claim.AmountAsked, "The approved amount may not exceed the amount asked ({0} yuan).")
            ?? Over(amount, RiskPoolRules.RatioOfPrice(scheme, price), "The approved amount may not exceed the scheme's ratio of the trial's price or the contract's amount ({0} yuan).")
            ?? Over(amount, scheme.CapPerCase, "The approved amount may not exceed the cap per case ({0} yuan).")) is { } over)
        {
            return over;
        }

        // Commit the amount from the pool only while the balance covers it. The updated row stays locked to the commit
        // (PostgreSQL, SQL Server; SQLite has one writer), so the approvals of one scheme pass here one at a time and the
        // caps below are summed over every approval committed before this one.
        var fen = RiskPoolRules.Fen(amount);
        if (await db.RiskPools.Where(p => p.SchemeId == scheme.Id && p.BudgetFen - p.CommittedFen - p.PaidFen >= fen)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.CommittedFen, p => p.CommittedFen + fen), cancellationToken) == 0)
        {
            var balance = await db.RiskPools.AsNoTracking().Where(p => p.SchemeId == scheme.Id).Select(p => p.BudgetFen - p.CommittedFen - p.PaidFen).FirstAsync(cancellationToken);
            return Error.Conflict("pool_exhausted", ValidationText.Format(
                "The pool's balance ({0} yuan) does not cover this amount; another approval may just have used it. Nothing was approved.", Text(RiskPoolRules.Yuan(balance))));
        }

        var limits = await RiskPoolRules.LimitsAsync(db, scheme, claim, price, now.Year, cancellationToken);
        if ((Over(amount, limits.InstitutionLeft, "The approved amount may not exceed what the cap per organisation leaves ({0} yuan).")
            ?? Over(amount, limits.YearLeft, "The approved amount may not exceed what the cap per year leaves ({0} yuan).")) is { } capped)
        {
            // The transaction is rolled back with the pool's commitment.
            return capped;
        }

        audit.Record("risk_claim.approved", "risk-claim", claim.Id, new { schemeId = scheme.Id, amount, note = command.Input.Note?.Trim() });
        claim.State = RiskClaimState.Approved;
        claim.AmountApproved = amount;
        claim.DecisionNote = command.Input.Note?.Trim() is { Length: > 0 } note ? note : null;
        claim.DecidedAt = now;
        claim.DecidedBy = current.Id;
        claim.Raise(new RiskClaimDecided(claim.Id, claim.TrialId, claim.ContractId, claim.CreatedBy, true, amount, claim.DecisionNote));
        claim.DecisionYear = now.Year;
        await db.SaveChangesAsync(cancellationToken);
        return (await RiskPoolRules.ClaimViewAsync(db, current, claim.Id, clock, cancellationToken))!;
    }

    private static Error? Over(decimal amount, decimal limit, string message) =>
        amount > limit ? new Error(ErrorKind.Invalid, "amount_over_limit", "One or more fields are invalid.",
            new Dictionary<string, string[]> { ["amount"] = [ValidationText.Format(message, Text(limit))] }) : null;

    private static string Text(decimal yuan) => yuan.ToString("0.00", CultureInfo.InvariantCulture);

    public static async Task<Results<Ok<RiskClaimView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, ApproveRiskClaimBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ApproveRiskClaim(id, body), ct)).ToOk();
}

/// <summary>The claim a decision acts on: found, at the version read, still waiting for its decision.</summary>
internal static class RiskClaimDecision
{
    public static async Task<Result<RiskClaim>> OpenAsync(AppDbContext db, Guid id, long version, CancellationToken ct, RiskClaimState expected = RiskClaimState.Submitted)
    {
        if (await db.RiskClaims.FirstOrDefaultAsync(c => c.Id == id, ct) is not { } claim)
        {
            return Error.NotFound("Risk claim");
        }

        if (!db.MatchesVersion(claim, version))
        {
            return Error.StaleVersion();
        }

        return claim.State == expected ? claim
            : expected == RiskClaimState.Submitted ? Error.Conflict("claim_decided", "The claim has already been decided.")
            : Error.Conflict("claim_not_approved", "Only an approved claim that is not yet paid is paid out.");
    }
}
