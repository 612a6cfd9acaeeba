using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

public sealed record AssignReviewerBody(Guid UserId, long Version);

/// <summary>
/// The bureau assigns a reviewer to a call that is not closed and whose reviews have not all finished. The
/// assignment changes who must finish before closing, so it bumps the call's version.
/// </summary>
public sealed record AssignReviewer(Guid Id, AssignReviewerBody Body) : ICommand<Result<CallView>>;

public sealed class AssignReviewerHandler(AppDbContext db, CurrentUser current, UserManager<AppUser> users) : ICommandHandler<AssignReviewer, Result<CallView>>
{
    public async ValueTask<Result<CallView>> Handle(AssignReviewer command, CancellationToken cancellationToken)
    {
        var call = await db.Calls.FirstOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (call is null || !await CallAccess.MaySeeAsync(call, current, cancellationToken))
        {
            return Error.NotFound("Call");
        }

        if (!CallAccess.IsBureau(current))
        {
            return Error.Forbidden("Only the bureau assigns reviewers.");
        }

        if (!db.MatchesVersion(call, command.Body.Version))
        {
            return Error.StaleVersion();
        }

        if (call.IsFinal)
        {
            return Error.Conflict("call_final", "The call is closed.");
        }

        if (await users.FindByIdAsync(command.Body.UserId.ToString()) is not { } user || user.DeactivatedAt is not null || user.ErasedAt is not null
            || !await users.IsInRoleAsync(user, Roles.Reviewer))
        {
            return Error.Invalid("userId", "Assign an active account with the Reviewer capability.");
        }

        db.CallReviewers.Add(new CallReviewer { CallId = call.Id, UserId = user.Id });
        db.Entry(call).State = EntityState.Modified;
        await db.SaveChangesAsync(cancellationToken);
        return await CallAccess.ViewAsync(db, call, current, cancellationToken);
    }

    public static async Task<Results<Ok<CallView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, AssignReviewerBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new AssignReviewer(id, body), ct)).ToOk();
}
