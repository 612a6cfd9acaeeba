using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Contracts;
using TechTransfer.Match.Web.Features.Trials;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.RiskPool;

/// <summary>
/// A member of the buyer or seller of a failed trial, or of a failed transfer (a transfer or licence contract whose
/// performance failed, with the cause), claims compensation under a scheme, with evidence and the amount asked.
/// The scheme's eligibility is checked now; the amount rule when the bureau decides.
/// </summary>
public sealed record SubmitRiskClaim(
    Guid SchemeId, Guid? TrialId, string Evidence, decimal AmountAsked, Guid? ContractId = null, TrialFailureCause? FailureCause = null)
    : ICommand<Result<RiskClaimView>>;

public sealed class SubmitRiskClaimValidator : AbstractValidator<SubmitRiskClaim>
{
    public SubmitRiskClaimValidator()
    {
        RuleFor(x => x.Evidence).NotEmpty().MaximumLength(4000);
        RuleFor(x => x.AmountAsked).Must(RiskSchemeInputValidator.Positive).WithMessage("An amount is above zero, in yuan and fen.");
        RuleFor(x => x.TrialId).Must((x, trial) => trial is null != x.ContractId is null)
            .WithMessage("Name either the failed trial or the failed transfer contract the claim is for.");
        RuleFor(x => x.FailureCause).IsInEnum();
        When(x => x.ContractId is not null, () =>
            RuleFor(x => x.FailureCause).NotNull().WithMessage("Say why the transfer failed."));
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

        var subject = command.TrialId is { } trialId ? await TrialAsync(trialId, cancellationToken) : await ContractAsync(command.ContractId!.Value, cancellationToken);
        if (!subject.IsSuccess)
        {
            return subject.Error!;
        }

        var (claimed, mine) = subject.Value;
        if (await IneligibleAsync(scheme, claimed, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (command.AmountAsked > claimed.Price)
        {
            return command.TrialId is null
                ? Error.Invalid("amountAsked", "The amount asked may not exceed the contract's amount.")
                : Error.Invalid("amountAsked", "The amount asked may not exceed the trial's agreed price.");
        }

        var claim = new RiskClaim
        {
            SchemeId = scheme.Id, TrialId = command.TrialId, ContractId = command.ContractId, OrganisationId = mine, Evidence = command.Evidence.Trim(),
            AmountAsked = command.AmountAsked, State = RiskClaimState.Submitted, ContractFailureCause = command.ContractId is null ? null : command.FailureCause,
        };
        db.RiskClaims.Add(claim);
        audit.Record("risk_claim.submitted", "risk-claim", claim.Id, new
        {
            schemeId = scheme.Id, trialId = command.TrialId, contractId = command.ContractId, failureCause = claim.ContractFailureCause, amountAsked = command.AmountAsked,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (await RiskPoolRules.ClaimViewAsync(db, current, claim.Id, clock, cancellationToken))!;
    }

    /// <summary>What a claim is for, reduced to what the scheme's conditions read; the field named when one is not met.</summary>
    private sealed record Claimed(string Field, bool Failed, Guid BuyerOrganisationId, TechnicalField? TechnicalField, decimal Price, bool? TransferCategory);

    /// <summary>A failed trial the caller's organisation is a party of: 404 when they may not read it, 403 when they read it as no party.</summary>
    private async Task<Result<(Claimed, Guid)>> TrialAsync(Guid id, CancellationToken ct)
    {
        if (await TrialRules.FindAsync(db, id, current, track: false, ct) is not { Trial: var trial })
        {
            return Error.NotFound("Trial");
        }

        var mine = await current.OrganisationIdAsync(ct);
        if (mine is null || (mine != trial.SellerOrganisationId && mine != trial.BuyerOrganisationId))
        {
            return Error.Forbidden("Only a member of the trial's buyer or seller claims compensation.");
        }

        var field = await db.Achievements.AsNoTracking().Where(a => a.Id == trial.AchievementId).Select(a => (TechnicalField?)a.Field).FirstOrDefaultAsync(ct);
        return (new Claimed("trialId", trial.State == TrialState.Failed, trial.BuyerOrganisationId, field, trial.AgreedPrice, null), mine.Value);
    }

    /// <summary>A recorded contract the caller's organisation is a party of, read by the contracts' rule (ContractAccess).</summary>
    private async Task<Result<(Claimed, Guid)>> ContractAsync(Guid id, CancellationToken ct)
    {
        if (await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is not { } contract
            || !await ContractAccess.MaySeeAsync(contract, current, ct))
        {
            return Error.NotFound("Contract");
        }

        var mine = await current.OrganisationIdAsync(ct);
        if (mine is null || (mine != contract.SellerOrganisationId && mine != contract.BuyerOrganisationId))
        {
            return Error.Forbidden("Only a member of the contract's buyer or seller claims compensation.");
        }

        // The claim states the failure; the bureau weighs its evidence. Only a transfer or licence is a transfer.
        var transfer = contract.Category is ContractCategory.Transfer or ContractCategory.Licence && contract.DuplicateOfContractId is null;
        return (new Claimed("contractId", true, contract.BuyerOrganisationId, contract.Field, contract.TotalAmount, transfer), mine.Value);
    }

    /// <summary>The scheme's conditions, each refused with its own code on the field it concerns.</summary>
    private async Task<Error?> IneligibleAsync(RiskScheme scheme, Claimed claimed, CancellationToken ct)
    {
        Error Refuse(string code, string message) =>
            new(ErrorKind.Invalid, code, "The claim does not meet the scheme's conditions.", new Dictionary<string, string[]> { [claimed.Field] = [message] });

        if (claimed.TransferCategory == false)
        {
            return Refuse("contract_not_transfer", "Only a transfer or licence contract (not a duplicate record) is a transfer the scheme compensates.");
        }

        if (!claimed.Failed)
        {
            return Refuse("trial_not_failed", "Only a failed trial is compensated.");
        }

        if (scheme.LocalBuyersOnly)
        {
            var buyerRegion = await db.Organisations.AsNoTracking().Where(o => o.Id == claimed.BuyerOrganisationId).Select(o => o.RegionCode).FirstAsync(ct);
            if (!platform.Value.IsInHomeCity(buyerRegion))
            {
                return Refuse("buyer_not_local", "The scheme covers only trials and contracts with a buyer in the home city.");
            }
        }

        if (scheme.Fields.Count > 0 && (claimed.TechnicalField is not { } field || !scheme.Fields.Contains(field)))
        {
            return Refuse("field_not_covered", "The scheme does not cover the technical field.");
        }

        return claimed.Price > scheme.MaxAmount
            ? Refuse("amount_above_scheme_maximum", "The price or amount is above the largest amount the scheme covers.")
            : null;
    }

    public static async Task<Results<Created<RiskClaimView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        SubmitRiskClaim body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(body, ct)).ToCreated(v => $"/api/risk-claims/{v.Id}");
}
