using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Needs;

public sealed record ReviseNeedBody(NeedInput Need, long Version);

/// <summary>Edit a need. A published one stays published and is matched again with its new text.</summary>
public sealed record ReviseNeed(Guid Id, NeedInput Input, long Version) : ICommand<Result<NeedView>>;

public sealed class ReviseNeedValidator : AbstractValidator<ReviseNeed>
{
    public ReviseNeedValidator(TimeProvider clock) => RuleFor(x => x.Input).NotNull().SetValidator(new NeedInputValidator(clock));
}

public sealed class ReviseNeedHandler(AppDbContext db, CurrentUser current) : ICommandHandler<ReviseNeed, Result<NeedView>>
{
    public async ValueTask<Result<NeedView>> Handle(ReviseNeed command, CancellationToken cancellationToken)
    {
        if (await db.Needs.FindAsync([command.Id], cancellationToken) is not { } need)
        {
            return Error.NotFound("Need");
        }

        if (await ListingRules.CheckEditAsync(current, need, command.Version, db, cancellationToken) is { } error)
        {
            return error;
        }

        need.Apply(command.Input);
        if (need.Status == ListingStatus.Published)
        {
            need.Raise(new ListingPublished(need.Id, IsAchievement: false));
        }

        await db.SaveChangesAsync(cancellationToken);

        var organisation = await db.Organisations.FindAsync([need.OrganisationId], cancellationToken);
        return NeedView.From(need, organisation, full: true);
    }

    public static async Task<Results<Ok<NeedView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, ReviseNeedBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ReviseNeed(id, body.Need, body.Version), ct)).ToOk();
}
