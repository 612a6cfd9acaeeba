using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

public sealed record ScreenCallNeedBody(bool Accept, string? Reason, long Version);

/// <summary>The bureau's screening of a need proposed for a call: accepted, or returned with a reason.</summary>
public sealed record ScreenCallNeed(Guid Id, Guid NeedId, ScreenCallNeedBody Body) : ICommand<Result<CallView>>;

public sealed class ScreenCallNeedValidator : AbstractValidator<ScreenCallNeed>
{
    public ScreenCallNeedValidator()
    {
        RuleFor(x => x.Body).NotNull();
        When(x => x.Body is not null, () =>
        {
            RuleFor(x => x.Body.Reason).NotEmpty().When(x => !x.Body.Accept).WithMessage("Say why the need is returned.");
            RuleFor(x => x.Body.Reason).MaximumLength(1000);
        });
    }
}

public sealed class ScreenCallNeedHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<ScreenCallNeed, Result<CallView>>
{
    public async ValueTask<Result<CallView>> Handle(ScreenCallNeed command, CancellationToken cancellationToken)
    {
        var call = await db.Calls.Include(c => c.Needs).FirstOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (call is null || !await CallAccess.MaySeeAsync(call, current, cancellationToken))
        {
            return Error.NotFound("Call");
        }

        if (!CallAccess.IsBureau(current))
        {
            return Error.Forbidden("Only the bureau screens the needs of a call.");
        }

        if (call.Needs.FirstOrDefault(n => n.NeedId == command.NeedId) is not { } need)
        {
            return Error.NotFound("Need");
        }

        if (!db.MatchesVersion(call, command.Body.Version))
        {
            return Error.StaleVersion();
        }

        // The needs are the call's terms: they are settled before solvers answer.
        if (call.State is not (CallState.Draft or CallState.PendingApproval))
        {
            return Error.Conflict("call_published", "The needs of a published call are settled.");
        }

        need.Status = command.Body.Accept ? CallNeedStatus.Accepted : CallNeedStatus.Returned;
        need.Reason = command.Body.Reason?.Trim();
        need.ScreenedBy = current.Id;
        need.ScreenedAt = clock.GetUtcNow().UtcDateTime;
        // The screening is part of the call: it bumps the call's version, so a stale editor is told.
        db.Entry(call).State = EntityState.Modified;
        await db.SaveChangesAsync(cancellationToken);
        return await CallAccess.ViewAsync(db, call, current, cancellationToken);
    }

    public static async Task<Results<Ok<CallView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, Guid needId, ScreenCallNeedBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ScreenCallNeed(id, needId, body), ct)).ToOk();
}
