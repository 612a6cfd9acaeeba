using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Needs;

/// <summary>Delete a draft that was never published. Published records are archived, never deleted.</summary>
public sealed record DiscardNeedDraft(Guid Id, long Version) : ICommand<Result<Done>>;

public sealed class DiscardNeedDraftHandler(AppDbContext db, CurrentUser current) : ICommandHandler<DiscardNeedDraft, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(DiscardNeedDraft command, CancellationToken cancellationToken)
    {
        if (await db.Needs.FindAsync([command.Id], cancellationToken) is not { } need)
        {
            return Error.NotFound("Need");
        }

        if ((await ListingRules.CheckEditAsync(current, need, command.Version, db, cancellationToken) ?? ListingRules.CheckDiscard(need)) is { } error)
        {
            return error;
        }

        db.Needs.Remove(need);
        return Done.Value;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, long version, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DiscardNeedDraft(id, version), ct)).ToNoContent();
}
