using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;
using TechTransfer.Match.Web.Infrastructure;

namespace TechTransfer.Match.Web.Features.Interests;

public sealed record AcceptInterestBody(long Version);

public sealed record DeclineInterestBody(DeclineReason? Reason, string? Text, long Version);

/// <summary>
/// The receiving side answers an interest. Acceptance reveals each side's identity, contact and confidential
/// fields to the other (logged as consent reveals); declining keeps them hidden and records a reason.
/// </summary>
public sealed record DecideInterest(Guid Id, bool Accept, DeclineReason? Reason, string? Text, long Version) : ICommand<Result<InterestView>>;

public sealed class DecideInterestValidator : AbstractValidator<DecideInterest>
{
    public DecideInterestValidator()
    {
        RuleFor(x => x.Reason).NotNull().IsInEnum().When(x => !x.Accept).WithMessage("Say why the interest is declined.");
        RuleFor(x => x.Text).MaximumLength(1000);
        RuleFor(x => x.Text).NotEmpty().When(x => x.Reason == DeclineReason.Other).WithMessage("Describe the other reason.");
    }
}

public sealed class DecideInterestHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<DecideInterest, Result<InterestView>>
{
    public async ValueTask<Result<InterestView>> Handle(DecideInterest command, CancellationToken cancellationToken)
    {
        var mine = await current.OrganisationIdAsync(cancellationToken);
        if (await db.Interests.FindAsync([command.Id], cancellationToken) is not { } interest || !InterestAccess.MaySee(interest, mine, current))
        {
            return Error.NotFound("Interest");
        }

        if (mine != interest.ToOrganisationId)
        {
            return Error.Forbidden("Only members of the organisation the interest is addressed to answer it.");
        }

        if (!db.MatchesVersion(interest, command.Version))
        {
            return Error.StaleVersion();
        }

        if (interest.Status != InterestStatus.Pending)
        {
            return Error.Conflict("already_decided", ValidationText.Format("The interest was already {0}.", interest.Status.ToString().ToLowerInvariant()));
        }

        var userId = current.Id!.Value;
        interest.DecidedBy = userId;
        interest.DecidedAt = clock.GetUtcNow().UtcDateTime;
        if (command.Accept)
        {
            interest.Status = InterestStatus.Accepted;
            interest.Raise(new InterestAccepted(interest.Id, interest.FromOrganisationId, interest.ToOrganisationId, userId));
        }
        else
        {
            interest.Status = InterestStatus.Declined;
            interest.DeclineReason = command.Reason;
            interest.DeclineText = command.Text?.Trim();
            interest.Raise(new InterestDeclined(interest.Id, interest.FromOrganisationId, interest.ToOrganisationId, command.Reason!.Value, userId));
        }

        await db.SaveChangesAsync(cancellationToken);
        return await InterestAccess.ViewAsync(db, interest, mine, privileged: false, cancellationToken);
    }

    public static async Task<Results<Ok<InterestView>, ValidationProblem, ProblemHttpResult>> Accept(
        Guid id, AcceptInterestBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DecideInterest(id, true, null, null, body.Version), ct)).ToOk();

    public static async Task<Results<Ok<InterestView>, ValidationProblem, ProblemHttpResult>> Decline(
        Guid id, DeclineInterestBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DecideInterest(id, false, body.Reason, body.Text, body.Version), ct)).ToOk();
}
