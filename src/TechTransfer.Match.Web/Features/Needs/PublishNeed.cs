using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Needs;


public sealed record PublishedNeed(NeedView Need, IReadOnlyList<QualityWarning> Warnings);

/// <summary>Make a need visible in the catalogue and to matching; answers the quality warnings too.</summary>
public sealed record PublishNeed(Guid Id, long Version) : ICommand<Result<PublishedNeed>>;

public sealed class PublishNeedHandler(AppDbContext db, CurrentUser current, TimeProvider clock)
    : ICommandHandler<PublishNeed, Result<PublishedNeed>>
{
    public async ValueTask<Result<PublishedNeed>> Handle(PublishNeed command, CancellationToken cancellationToken)
    {
        if (await db.Needs.FindAsync([command.Id], cancellationToken) is not { } need)
        {
            return Error.NotFound("Need");
        }

        if ((await ListingRules.CheckEditAsync(current, need, command.Version, db, cancellationToken) ?? await ListingRules.PublishAsync(need, db, clock, cancellationToken)) is { } error)
        {
            return error;
        }

        await db.SaveChangesAsync(cancellationToken);

        var organisation = await db.Organisations.FindAsync([need.OrganisationId], cancellationToken);
        return new PublishedNeed(NeedView.From(need, organisation, full: true), need.QualityWarnings());
    }

    public static async Task<Results<Ok<PublishedNeed>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, VersionBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new PublishNeed(id, body.Version), ct)).ToOk();
}
