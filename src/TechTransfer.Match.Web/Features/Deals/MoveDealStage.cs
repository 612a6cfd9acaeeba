using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;
using TechTransfer.Match.Web.Infrastructure;

namespace TechTransfer.Match.Web.Features.Deals;

public sealed record MoveDealStageBody(DealStage Stage, long Version, string? Note, DealCloseReason? CloseReason, string? NextStep, DateOnly? NextStepOn);

/// <summary>
/// Moves a deal along proposed → contacted → negotiating → signed, or closes it with a reason. Records who,
/// when, from and to, and a note. The version makes two people moving the same deal at once safe: the
/// second gets 409 and the first change stands.
/// </summary>
public sealed record MoveDealStage(Guid Id, MoveDealStageBody Input) : ICommand<Result<DealView>>;

public sealed class MoveDealStageValidator : AbstractValidator<MoveDealStage>
{
    public MoveDealStageValidator()
    {
        RuleFor(x => x.Input).NotNull();
        When(x => x.Input is not null, () =>
        {
            RuleFor(x => x.Input.Stage).IsInEnum().NotEqual(DealStage.Proposed).WithMessage("A deal does not go back to proposed.");
            RuleFor(x => x.Input.CloseReason).NotNull().IsInEnum().When(x => x.Input.Stage == DealStage.Closed)
                .WithMessage("Closing a deal needs a reason.");
            RuleFor(x => x.Input.CloseReason).Null().When(x => x.Input.Stage != DealStage.Closed)
                .WithMessage("A close reason is given only when closing.");
            RuleFor(x => x.Input.Note).MaximumLength(2000);
            RuleFor(x => x.Input.Note).NotEmpty().When(x => x.Input.CloseReason == DealCloseReason.Other).WithMessage("Describe the other reason.");
            RuleFor(x => x.Input.NextStep).MaximumLength(500);
        });
    }
}

public sealed class MoveDealStageHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<MoveDealStage, Result<DealView>>
{
    public async ValueTask<Result<DealView>> Handle(MoveDealStage command, CancellationToken cancellationToken)
    {
        if (await db.Deals.FindAsync([command.Id], cancellationToken) is not { } deal || !await DealAccess.MaySeeAsync(deal, current, cancellationToken))
        {
            return Error.NotFound("Deal");
        }

        if (!await DealAccess.MayWorkAsync(deal, current, cancellationToken))
        {
            return DealAccess.Refusal(deal, current, "Only the deal's manager, its parties and administrators move it.");
        }

        var input = command.Input;
        if (!db.MatchesVersion(deal, input.Version))
        {
            return Error.StaleVersion();
        }

        if (deal.IsTerminal)
        {
            return Error.Conflict("deal_finished", ValidationText.Format("The deal is already {0}.", deal.Stage.ToString().ToLowerInvariant()));
        }

        if (deal.Stage == input.Stage)
        {
            return Error.Conflict("same_stage", ValidationText.Format("The deal is already {0}.", deal.Stage.ToString().ToLowerInvariant()));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var from = deal.Stage;
        deal.Stage = input.Stage;
        if (input.Stage is DealStage.Contacted or DealStage.Negotiating or DealStage.Signed)
        {
            deal.FirstContactAt ??= now;
        }

        if (input.Stage == DealStage.Signed)
        {
            deal.SignedAt = now;
        }

        if (input.Stage == DealStage.Closed)
        {
            deal.ClosedAt = now;
            deal.CloseReason = input.CloseReason;
        }

        if (input.NextStep is not null || input.NextStepOn is not null)
        {
            deal.NextStep = input.NextStep?.Trim();
            deal.NextStepOn = input.NextStepOn;
        }

        if (deal.IsTerminal)
        {
            deal.NextStepOn = null;
        }

        var userId = current.Id!.Value;
        db.DealEvents.Add(new DealEvent
        {
            DealId = deal.Id, Kind = DealEventKind.StageChanged, FromStage = from, ToStage = input.Stage,
            Note = input.Note?.Trim(), NextStepOn = input.NextStepOn, ByUserId = userId, At = now,
        });
        deal.Raise(new DealStageChanged(deal.Id, from, input.Stage, deal.CloseReason, userId, deal.SellerOrganisationId, deal.BuyerOrganisationId));
        await db.SaveChangesAsync(cancellationToken);
        return await DealAccess.ViewAsync(db, deal, cancellationToken);
    }

    public static async Task<Results<Ok<DealView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, MoveDealStageBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new MoveDealStage(id, body), ct)).ToOk();
}
