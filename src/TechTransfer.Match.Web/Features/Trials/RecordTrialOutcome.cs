using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Deals;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Trials;

public sealed record RecordTrialOutcomeBody(TrialOutcome Outcome, long Version, Guid? ContractId, DateOnly? NewEndsOn, TrialFailureCause? FailureCause, string? Note);

/// <summary>
/// The parties (or the deal's manager) record how a running trial ended: converted into the transfer or licence
/// contract recorded from its deal (which counts like any contract, linked to the trial), extended to a later end,
/// returned, or failed with a cause.
/// </summary>
public sealed record RecordTrialOutcome(Guid Id, RecordTrialOutcomeBody Input) : ICommand<Result<TrialView>>;

public sealed class RecordTrialOutcomeValidator : AbstractValidator<RecordTrialOutcome>
{
    public RecordTrialOutcomeValidator()
    {
        RuleFor(x => x.Input).NotNull();
        When(x => x.Input is not null, () =>
        {
            RuleFor(x => x.Input.Outcome).IsInEnum();
            RuleFor(x => x.Input.ContractId).NotNull().When(x => x.Input.Outcome == TrialOutcome.Converted)
                .WithMessage("A converted trial names the contract it became.");
            RuleFor(x => x.Input.NewEndsOn).NotNull().When(x => x.Input.Outcome == TrialOutcome.Extended)
                .WithMessage("An extension names the new end date.");
            RuleFor(x => x.Input.FailureCause).NotNull().IsInEnum().When(x => x.Input.Outcome == TrialOutcome.Failed)
                .WithMessage("A failed trial names its cause.");
            RuleFor(x => x.Input.FailureCause).Null().When(x => x.Input.Outcome != TrialOutcome.Failed)
                .WithMessage("A cause is given only for a failed trial.");
            RuleFor(x => x.Input.Note).MaximumLength(2000);
            RuleFor(x => x.Input.Note).NotEmpty().When(x => x.Input.FailureCause == TrialFailureCause.Other).WithMessage("Describe the other reason.");
        });
    }
}

public sealed class RecordTrialOutcomeHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<RecordTrialOutcome, Result<TrialView>>
{
    public async ValueTask<Result<TrialView>> Handle(RecordTrialOutcome command, CancellationToken cancellationToken)
    {
        if (await TrialRules.FindAsync(db, command.Id, current, track: true, cancellationToken) is not { } found)
        {
            return Error.NotFound("Trial");
        }

        var (trial, deal) = found;

        if (!await DealAccess.MayWorkAsync(deal, current, cancellationToken))
        {
            return DealAccess.Refusal(deal, current, "Only the deal's manager, its parties and administrators record a trial's outcome.");
        }

        var input = command.Input;
        if (!db.MatchesVersion(trial, input.Version))
        {
            return Error.StaleVersion();
        }

        if (trial.State != TrialState.Running)
        {
            return Error.Conflict("trial_concluded", ValidationText.Format("The trial is already {0}.", trial.State.ToString().ToLowerInvariant()));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        switch (input.Outcome)
        {
            case TrialOutcome.Extended:
                var newEnd = input.NewEndsOn!.Value;
                if (newEnd <= trial.EndsOn)
                {
                    return Error.Invalid("newEndsOn", "The new end date is after the current end.");
                }

                if (await TrialRules.OverlapAsync(db, trial.Id, trial.DealId, trial.AchievementId, trial.BuyerOrganisationId, trial.StartsOn, newEnd, "newEndsOn", cancellationToken) is { } overlap)
                {
                    return overlap;
                }

                trial.EndsOn = newEnd;
                trial.Extensions++;
                // The new end gets its own reminder.
                trial.EndReminderSentAt = null;
                break;
            case TrialOutcome.Converted:
                var contract = await db.Contracts.FindAsync([input.ContractId!.Value], cancellationToken);
                if (contract is null || contract.DealId != trial.DealId)
                {
                    return Error.Invalid("contractId", "The contract must be recorded from the trial's deal.");
                }

                if (contract.Category is not (ContractCategory.Transfer or ContractCategory.Licence))
                {
                    return Error.Invalid("contractId", "A trial converts into a transfer or licence contract.");
                }

                trial.ContractId = contract.Id;
                trial.State = TrialState.Converted;
                break;
            case TrialOutcome.Returned:
                trial.State = TrialState.Returned;
                break;
            default:
                trial.State = TrialState.Failed;
                trial.FailureCause = input.FailureCause;
                break;
        }

        if (trial.State != TrialState.Running)
        {
            trial.ConcludedOn = today;
        }

        trial.OutcomeNote = input.Note?.Trim() is { Length: > 0 } note ? note : trial.OutcomeNote;
        await db.SaveChangesAsync(cancellationToken);
        return await TrialRules.ViewAsync(db, trial, current, cancellationToken);
    }

    public static async Task<Results<Ok<TrialView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, RecordTrialOutcomeBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new RecordTrialOutcome(id, body), ct)).ToOk();
}
