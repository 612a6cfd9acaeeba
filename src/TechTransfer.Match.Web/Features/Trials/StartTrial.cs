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

public sealed record StartTrialInput(
    Guid DealId, long DealVersion, DateOnly StartsOn, DateOnly EndsOn, TrialPaymentMode PaymentMode, decimal AgreedPrice,
    string? PaymentTerms, IReadOnlyList<TrialMilestoneInput>? Milestones, string? Note);

/// <summary>
/// Closes a deal as a use-before-transfer trial (先使用后付费) instead of a sale: the deal is signed, and the
/// trial runs from its start to its end with milestones, at a price and payment mode agreed now.
/// </summary>
public sealed record StartTrial(StartTrialInput Input) : ICommand<Result<TrialView>>;

public sealed class StartTrialValidator : AbstractValidator<StartTrial>
{
    public StartTrialValidator()
    {
        RuleFor(x => x.Input).NotNull();
        When(x => x.Input is not null, () =>
        {
            RuleFor(x => x.Input.PaymentMode).IsInEnum();
            RuleFor(x => x.Input.AgreedPrice).GreaterThan(0).LessThan(1_000_000_000_000m);
            RuleFor(x => x.Input.EndsOn).GreaterThan(x => x.Input.StartsOn).WithMessage("The trial ends after it starts.");
            RuleFor(x => x.Input.PaymentTerms).MaximumLength(500);
            RuleFor(x => x.Input.Note).MaximumLength(2000);
            RuleFor(x => x.Input.Milestones).Must(m => m is null || m.Count <= 20).WithMessage("A trial has at most 20 milestones.");
            RuleForEach(x => x.Input.Milestones).ChildRules(m =>
            {
                m.RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
            });
            // Named by the JSON path of the offending date (milestones[1].dueOn), so the form marks that row.
            RuleFor(x => x.Input).Custom((input, context) =>
            {
                for (var i = 0; i < (input.Milestones?.Count ?? 0); i++)
                {
                    if (input.Milestones![i] is { } m && (m.DueOn < input.StartsOn || m.DueOn > input.EndsOn))
                    {
                        context.AddFailure($"Input.Milestones[{i}].DueOn", "A milestone falls within the trial.");
                    }
                }
            });
        });
    }
}

public sealed class StartTrialHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<StartTrial, Result<TrialView>>
{
    public async ValueTask<Result<TrialView>> Handle(StartTrial command, CancellationToken cancellationToken)
    {
        var input = command.Input;
        if (await db.Deals.FindAsync([input.DealId], cancellationToken) is not { } deal || !await DealAccess.MaySeeAsync(deal, current, cancellationToken))
        {
            return Error.NotFound("Deal");
        }

        if (!await DealAccess.MayWorkAsync(deal, current, cancellationToken))
        {
            return DealAccess.Refusal(deal, current, "Only the deal's manager, its parties and administrators close it as a trial.");
        }

        if (!db.MatchesVersion(deal, input.DealVersion))
        {
            return Error.StaleVersion();
        }

        if (deal.IsTerminal)
        {
            return Error.Conflict("deal_finished", ValidationText.Format("The deal is already {0}.", deal.Stage.ToString().ToLowerInvariant()));
        }

        if (await TrialRules.OverlapAsync(db, null, deal.Id, deal.AchievementId, deal.BuyerOrganisationId, input.StartsOn, input.EndsOn, "startsOn", cancellationToken) is { } overlap)
        {
            return overlap;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var trial = new Trial
        {
            DealId = deal.Id, AchievementId = deal.AchievementId, SellerOrganisationId = deal.SellerOrganisationId, BuyerOrganisationId = deal.BuyerOrganisationId,
            StartsOn = input.StartsOn, EndsOn = input.EndsOn, PaymentMode = input.PaymentMode, AgreedPrice = input.AgreedPrice,
            PaymentTerms = input.PaymentTerms?.Trim(), State = TrialState.Running,
        };
        trial.Milestones.AddRange((input.Milestones ?? []).Select(m => new TrialMilestone { TrialId = trial.Id, Title = m.Title.Trim(), DueOn = m.DueOn }));
        db.Trials.Add(trial);

        // The trial agreement is what the deal signed: it leaves the pipeline as signed, and a contract follows on conversion.
        var from = deal.Stage;
        var userId = current.Id!.Value;
        deal.Stage = DealStage.Signed;
        deal.FirstContactAt ??= now;
        deal.SignedAt = now;
        deal.NextStepOn = null;
        db.DealEvents.Add(new DealEvent
        {
            DealId = deal.Id, Kind = DealEventKind.StageChanged, FromStage = from, ToStage = DealStage.Signed, Note = input.Note?.Trim(), ByUserId = userId, At = now,
        });
        deal.Raise(new DealStageChanged(deal.Id, from, DealStage.Signed, null, userId, deal.SellerOrganisationId, deal.BuyerOrganisationId));
        await db.SaveChangesAsync(cancellationToken);
        return await TrialRules.ViewAsync(db, trial, current, cancellationToken);
    }

    public static async Task<Results<Created<TrialView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        StartTrialInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new StartTrial(body), ct)).ToCreated(t => $"/api/trials/{t.Id}");
}
