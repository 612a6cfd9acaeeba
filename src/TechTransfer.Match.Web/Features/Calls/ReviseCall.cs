using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

public sealed record ReviseCallBody(CallInput Call, long Version);

/// <summary>
/// Changes a call until its first proposal arrives; after that only the deadline moves (ExtendCallDeadline), so no
/// solver answers a call that changed under them.
/// </summary>
public sealed record ReviseCall(Guid Id, ReviseCallBody Body) : ICommand<Result<CallView>>;

public sealed class ReviseCallValidator : AbstractValidator<ReviseCall>
{
    public ReviseCallValidator()
    {
        RuleFor(x => x.Body).NotNull();
        RuleFor(x => x.Body.Call).NotNull().SetValidator(new CallInputValidator()).When(x => x.Body is not null);
    }
}

public sealed class ReviseCallHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<ReviseCall, Result<CallView>>
{
    public async ValueTask<Result<CallView>> Handle(ReviseCall command, CancellationToken cancellationToken)
    {
        var call = await db.Calls.Include(c => c.Needs).FirstOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (call is null || !await CallAccess.MaySeeAsync(call, current, cancellationToken))
        {
            return Error.NotFound("Call");
        }

        if (!await CallAccess.MayManageAsync(call, current, cancellationToken))
        {
            return Error.Forbidden("Only the bureau, or the enterprise while its call is a draft, edits a call.");
        }

        if (!db.MatchesVersion(call, command.Body.Version))
        {
            return Error.StaleVersion();
        }

        if (call.IsFinal)
        {
            return Error.Conflict("call_final", "The call is closed.");
        }

        if (call.ProposalCount > 0)
        {
            return Error.Conflict("call_locked", "The call has proposals: only its deadline can be extended.");
        }

        if (await CallEditing.ApplyAsync(db, call, command.Body.Call, clock.GetUtcNow().UtcDateTime, cancellationToken) is { } error)
        {
            return error;
        }

        db.Entry(call).State = EntityState.Modified;
        await db.SaveChangesAsync(cancellationToken);
        return await CallAccess.ViewAsync(db, call, current, cancellationToken);
    }

    public static async Task<Results<Ok<CallView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, ReviseCallBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ReviseCall(id, body), ct)).ToOk();
}
