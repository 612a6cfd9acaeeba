using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>
/// The bureau, or a member of a verified enterprise, drafts a call. An enterprise's call covers its own needs and
/// is published only once the bureau approves it.
/// </summary>
public sealed record DraftCall(CallInput Input) : ICommand<Result<CallView>>;

public sealed class DraftCallValidator : AbstractValidator<DraftCall>
{
    public DraftCallValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new CallInputValidator());
}

public sealed class DraftCallHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<DraftCall, Result<CallView>>
{
    public async ValueTask<Result<CallView>> Handle(DraftCall command, CancellationToken cancellationToken)
    {
        var call = new Call { State = CallState.Draft };
        if (!CallAccess.IsBureau(current))
        {
            var (org, kind, verified) = await current.OrganisationAsync(cancellationToken);
            if (!current.IsInRole(Roles.EnterpriseMember) || org is null || kind != OrganisationKind.Enterprise || !verified)
            {
                return Error.Forbidden("The bureau and members of verified enterprises draft calls.");
            }

            call.OwnerOrganisationId = org;
        }

        if (await CallEditing.ApplyAsync(db, call, command.Input, clock.GetUtcNow().UtcDateTime, cancellationToken) is { } error)
        {
            return error;
        }

        db.Calls.Add(call);
        await db.SaveChangesAsync(cancellationToken);
        return await CallAccess.ViewAsync(db, call, current, cancellationToken);
    }

    public static async Task<Results<Created<CallView>, ValidationProblem, ProblemHttpResult>> Endpoint(CallInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DraftCall(body), ct)).ToCreated(c => $"/api/calls/{c.Id}");
}
