using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Deals;

public sealed record AddDealNoteBody(string Note, string? NextStep, DateOnly? NextStepOn, long Version);

/// <summary>Adds a note to the deal's timeline and, optionally, sets the next step and its date.</summary>
public sealed record AddDealNote(Guid Id, AddDealNoteBody Input) : ICommand<Result<DealView>>;

public sealed class AddDealNoteValidator : AbstractValidator<AddDealNote>
{
    public AddDealNoteValidator()
    {
        RuleFor(x => x.Input).NotNull();
        RuleFor(x => x.Input.Note).NotEmpty().MaximumLength(2000).When(x => x.Input is not null);
        RuleFor(x => x.Input.NextStep).MaximumLength(500).When(x => x.Input is not null);
    }
}

public sealed class AddDealNoteHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<AddDealNote, Result<DealView>>
{
    public async ValueTask<Result<DealView>> Handle(AddDealNote command, CancellationToken cancellationToken)
    {
        if (await db.Deals.FindAsync([command.Id], cancellationToken) is not { } deal || !await DealAccess.MaySeeAsync(deal, current, cancellationToken))
        {
            return Error.NotFound("Deal");
        }

        if (!await DealAccess.MayWorkAsync(deal, current, cancellationToken))
        {
            return DealAccess.Refusal(deal, current, "Only the deal's manager, its parties and administrators add notes.");
        }

        if (!db.MatchesVersion(deal, command.Input.Version))
        {
            return Error.StaleVersion();
        }

        var input = command.Input;
        if (input.NextStep is not null || input.NextStepOn is not null)
        {
            deal.NextStep = input.NextStep?.Trim();
            deal.NextStepOn = input.NextStepOn;
        }

        // Touch the deal so its version moves: notes race like any other change.
        db.Entry(deal).Property(d => d.UpdatedAt).IsModified = true;
        db.DealEvents.Add(new DealEvent
        {
            DealId = deal.Id, Kind = DealEventKind.Note, Note = input.Note.Trim(), NextStepOn = input.NextStepOn,
            ByUserId = current.Id, At = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return await DealAccess.ViewAsync(db, deal, cancellationToken);
    }

    public static async Task<Results<Ok<DealView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, AddDealNoteBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new AddDealNote(id, body), ct)).ToOk();
}
