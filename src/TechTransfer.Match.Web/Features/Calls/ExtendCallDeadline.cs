using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

public sealed record ExtendCallDeadlineBody(DateTime Deadline, string Reason, long Version);

/// <summary>
/// Moves an open call's deadline later: the one change allowed once proposals exist. Audited with the old and new
/// deadline and the reason, since it changes the terms every solver answered.
/// </summary>
public sealed record ExtendCallDeadline(Guid Id, ExtendCallDeadlineBody Body) : ICommand<Result<CallView>>;

public sealed class ExtendCallDeadlineValidator : AbstractValidator<ExtendCallDeadline>
{
    public ExtendCallDeadlineValidator()
    {
        RuleFor(x => x.Body).NotNull();
        RuleFor(x => x.Body.Reason).NotEmpty().MaximumLength(1000).When(x => x.Body is not null);
    }
}

public sealed class ExtendCallDeadlineHandler(AppDbContext db, CurrentUser current, AuditTrail audit) : ICommandHandler<ExtendCallDeadline, Result<CallView>>
{
    public async ValueTask<Result<CallView>> Handle(ExtendCallDeadline command, CancellationToken cancellationToken)
    {
        var call = await db.Calls.FirstOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (call is null || !await CallAccess.MaySeeAsync(call, current, cancellationToken))
        {
            return Error.NotFound("Call");
        }

        if (!CallAccess.IsBureau(current) && !await CallAccess.IsOwnerAsync(call, current, cancellationToken))
        {
            return Error.Forbidden("Only the bureau or the enterprise behind the call extends its deadline.");
        }

        if (!db.MatchesVersion(call, command.Body.Version))
        {
            return Error.StaleVersion();
        }

        if (call.State != CallState.Open)
        {
            return Error.Conflict("call_not_open", "Only an open call's deadline is extended.");
        }

        var deadline = command.Body.Deadline.ToUniversalTime();
        if (deadline <= call.Deadline)
        {
            return Error.Invalid("deadline", "A deadline is only extended, never brought forward.");
        }

        audit.Record("call.deadline_extended", "call", call.Id, new { from = call.Deadline, to = deadline, reason = command.Body.Reason.Trim() });
        call.Deadline = deadline;
        await db.SaveChangesAsync(cancellationToken);
        return await CallAccess.ViewAsync(db, call, current, cancellationToken);
    }

    public static async Task<Results<Ok<CallView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, ExtendCallDeadlineBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ExtendCallDeadline(id, body), ct)).ToOk();
}
