using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Trials;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.RiskPool;

/// <summary>
/// A member of a failed trial's buyer or seller claims compensation under a scheme, with evidence and the amount asked.
/// The scheme's eligibility is checked now; the amount rule when the bureau decides.
/// </summary>
public sealed record SubmitRiskClaim(Guid SchemeId, Guid TrialId, string Evidence, decimal AmountAsked) : ICommand<Result<RiskClaimView>>;

public sealed class SubmitRiskClaimValidator : AbstractValidator<SubmitRiskClaim>
{
    public SubmitRiskClaimValidator()
    {
        RuleFor(x => x.Evidence).NotEmpty().MaximumLength(4000);
        RuleFor(x => x.AmountAsked).Must(RiskSchemeInputValidator.Positive).WithMessage("An amount is above zero, in yuan and fen.");
    }
}

public sealed class SubmitRiskClaimHandler(AppDbContext db, CurrentUser current, AuditTrail audit, IOptions<PlatformOptions> platform, TimeProvider clock)
    : ICommandHandler<SubmitRiskClaim, Result<RiskClaimView>>
{
    public async ValueTask<Result<RiskClaimView>> Handle(SubmitRiskClaim command, CancellationToken cancellationToken)
    {
        if (await db.RiskSchemes.AsNoTracking().FirstOrDefaultAsync(s => s.Id == command.SchemeId, cancellationToken) is not { } scheme)
        {
            return Error.NotFound("Risk scheme");
        }

        if (await TrialRules.FindAsync(db, command.TrialId, current, track: false, cancellationToken) is not { Trial: var trial })
        {
            return Error.NotFound("Trial");
        }

        var mine = await current.OrganisationIdAsync(cancellationToken);
        if (mine is null || (mine != trial.SellerOrganisationId && mine != trial.BuyerOrganisationId))
        {
            return Error.Forbidden("Only a member of the trial's buyer or seller claims compensation.");
        }

        if (await IneligibleAsync(scheme, trial, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (command.AmountAsked > trial.AgreedPrice)
        {
            return Error.Invalid("amountAsked", "The amount asked may not exceed the trial's agreed price.");
        }

        var claim = new RiskClaim
        {
            SchemeId = scheme.Id, TrialId = trial.Id, OrganisationId = mine.Value, Evidence = command.Evidence.Trim(), AmountAsked = command.AmountAsked,
            State = RiskClaimState.Submitted,
        };
        db.RiskClaims.Add(claim);
        audit.Record("risk_claim.submitted", "risk-claim", claim.Id, new { schemeId = scheme.Id, trialId = trial.Id, amountAsked = command.AmountAsked });
        await db.SaveChangesAsync(cancellationToken);
        return (await RiskPoolRules.ClaimViewAsync(db, current, claim.Id, clock, cancellationToken))!;
    }

    /// <summary>The scheme's conditions, each refused with its own code on the field it concerns.</summary>
    private async Task<Error?> IneligibleAsync(RiskScheme scheme, Trial trial, CancellationToken ct)
    {
        static Error Refuse(string code, string field, string message) =>
            new(ErrorKind.Invalid, code, "The claim does not meet the scheme's conditions.", new Dictionary<string, string[]> { [field] = [message] });

        if (trial.State != TrialState.Failed)
        {
            return Refuse("trial_not_failed", "trialId", "Only a failed trial is compensated.");
        }

        if (scheme.LocalBuyersOnly)
        {
            var buyerRegion = await db.Organisations.AsNoTracking().Where(o => o.Id == trial.BuyerOrganisationId).Select(o => o.RegionCode).FirstAsync(ct);
            if (!platform.Value.IsInHomeCity(buyerRegion))
            {
                return Refuse("buyer_not_local", "trialId", "The scheme covers only trials with a buyer in the home city.");
            }
        }

        if (scheme.Fields.Count > 0)
        {
            var field = await db.Achievements.AsNoTracking().Where(a => a.Id == trial.AchievementId).Select(a => (TechnicalField?)a.Field).FirstOrDefaultAsync(ct);
            if (field is null || !scheme.Fields.Contains(field.Value))
            {
                return Refuse("field_not_covered", "trialId", "The scheme does not cover the achievement's technical field.");
            }
        }

        return trial.AgreedPrice > scheme.MaxAmount
            ? Refuse("amount_above_scheme_maximum", "trialId", "The trial's price is above the largest amount the scheme covers.")
            : null;
    }

    public static async Task<Results<Created<RiskClaimView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        SubmitRiskClaim body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(body, ct)).ToCreated(v => $"/api/risk-claims/{v.Id}");
}
