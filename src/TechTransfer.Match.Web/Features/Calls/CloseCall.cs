using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>
/// The bureau closes a call after its deadline: unanswered when nobody proposed (its needs return to the unmet
/// demand), otherwise once every reviewer finished, ranked with the same rule as a reviewer's last finish.
/// </summary>
public sealed record CloseCall(Guid Id, long Version) : ICommand<Result<CallView>>;

public sealed class CloseCallHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<CloseCall, Result<CallView>>
{
    public async ValueTask<Result<CallView>> Handle(CloseCall command, CancellationToken cancellationToken)
    {
        var call = await db.Calls.FirstOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (call is null || !await CallAccess.MaySeeAsync(call, current, cancellationToken))
        {
            return Error.NotFound("Call");
        }

        if (!CallAccess.IsBureau(current))
        {
            return Error.Forbidden("Only the bureau closes a call.");
        }

        if (!db.MatchesVersion(call, command.Version))
        {
            return Error.StaleVersion();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (await CallRanking.CannotCloseAsync(db, call, now, cancellationToken) is { } error)
        {
            return error;
        }

        await CallRanking.CloseAsync(db, call, current.Id!.Value, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await CallAccess.ViewAsync(db, call, current, cancellationToken);
    }

    public static async Task<Results<Ok<CallView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, VersionBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new CloseCall(id, body.Version), ct)).ToOk();
}
