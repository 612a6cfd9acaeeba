using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>
/// The bureau publishes its draft (or approves an enterprise's): the call opens. An enterprise submits its draft for
/// approval. Opening needs every proposed need screened, at least one accepted, and a deadline still ahead.
/// </summary>
public sealed record PublishCall(Guid Id, long Version) : ICommand<Result<CallView>>;

public sealed class PublishCallHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<PublishCall, Result<CallView>>
{
    public async ValueTask<Result<CallView>> Handle(PublishCall command, CancellationToken cancellationToken)
    {
        var call = await db.Calls.Include(c => c.Needs).FirstOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (call is null || !await CallAccess.MaySeeAsync(call, current, cancellationToken))
        {
            return Error.NotFound("Call");
        }

        var bureau = CallAccess.IsBureau(current);
        if (!bureau && !await CallAccess.MayManageAsync(call, current, cancellationToken))
        {
            return Error.Forbidden("Only the bureau, or the enterprise while its call is a draft, edits a call.");
        }

        if (!db.MatchesVersion(call, command.Version))
        {
            return Error.StaleVersion();
        }

        var expected = bureau ? (CallState[])[CallState.Draft, CallState.PendingApproval] : [CallState.Draft];
        if (!expected.Contains(call.State))
        {
            return Error.Conflict("call_state", ValidationText.Format("The call is {0}.", call.State.ToString()));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (call.Deadline <= now)
        {
            return Error.Invalid("deadline", "The deadline must be in the future.");
        }

        if (!bureau)
        {
            call.State = CallState.PendingApproval;
            call.ReturnReason = null;
        }
        else
        {
            if (call.Needs.Any(n => n.Status == CallNeedStatus.Proposed))
            {
                return Error.Conflict("needs_unscreened", "Screen every proposed need before the call opens.");
            }

            if (call.Needs.All(n => n.Status != CallNeedStatus.Accepted))
            {
                return Error.Conflict("no_accepted_need", "A call opens with at least one accepted need.");
            }

            call.State = CallState.Open;
            call.PublishedAt = now;
            call.ReturnReason = null;
            call.Raise(new CallPublished(call.Id));
        }

        await db.SaveChangesAsync(cancellationToken);
        return await CallAccess.ViewAsync(db, call, current, cancellationToken);
    }

    public static async Task<Results<Ok<CallView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, VersionBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new PublishCall(id, body.Version), ct)).ToOk();
}

public sealed record ReturnCallBody(string Reason, long Version);

/// <summary>The bureau sends an enterprise's call back to draft with a reason.</summary>
public sealed record ReturnCall(Guid Id, ReturnCallBody Body) : ICommand<Result<CallView>>;

public sealed class ReturnCallValidator : AbstractValidator<ReturnCall>
{
    public ReturnCallValidator()
    {
        RuleFor(x => x.Body).NotNull();
        RuleFor(x => x.Body.Reason).NotEmpty().MaximumLength(1000).When(x => x.Body is not null);
    }
}

public sealed class ReturnCallHandler(AppDbContext db, CurrentUser current) : ICommandHandler<ReturnCall, Result<CallView>>
{
    public async ValueTask<Result<CallView>> Handle(ReturnCall command, CancellationToken cancellationToken)
    {
        var call = await db.Calls.FirstOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (call is null || !await CallAccess.MaySeeAsync(call, current, cancellationToken))
        {
            return Error.NotFound("Call");
        }

        if (!CallAccess.IsBureau(current))
        {
            return Error.Forbidden("Only the bureau approves or returns a call.");
        }

        if (!db.MatchesVersion(call, command.Body.Version))
        {
            return Error.StaleVersion();
        }

        if (call.State != CallState.PendingApproval)
        {
            return Error.Conflict("call_state", ValidationText.Format("The call is {0}.", call.State.ToString()));
        }

        call.State = CallState.Draft;
        call.ReturnReason = command.Body.Reason.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return await CallAccess.ViewAsync(db, call, current, cancellationToken);
    }

    public static async Task<Results<Ok<CallView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, ReturnCallBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ReturnCall(id, body), ct)).ToOk();
}
