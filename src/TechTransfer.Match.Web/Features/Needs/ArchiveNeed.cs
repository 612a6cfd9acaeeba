using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Needs;

/// <summary>Withdraw a need from the catalogue and from matching; it can be published again.</summary>
public sealed record ArchiveNeed(Guid Id, long Version) : ICommand<Result<NeedView>>;

public sealed class ArchiveNeedHandler(AppDbContext db, CurrentUser current) : ICommandHandler<ArchiveNeed, Result<NeedView>>
{
    public async ValueTask<Result<NeedView>> Handle(ArchiveNeed command, CancellationToken cancellationToken)
    {
        if (await db.Needs.FindAsync([command.Id], cancellationToken) is not { } need)
        {
            return Error.NotFound("Need");
        }

        if ((await ListingRules.CheckEditAsync(current, need, command.Version, db, cancellationToken) ?? ListingRules.Archive(need)) is { } error)
        {
            return error;
        }

        await db.SaveChangesAsync(cancellationToken);

        var organisation = await db.Organisations.FindAsync([need.OrganisationId], cancellationToken);
        return NeedView.From(need, organisation, full: true);
    }

    public static async Task<Results<Ok<NeedView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, VersionBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ArchiveNeed(id, body.Version), ct)).ToOk();
}
