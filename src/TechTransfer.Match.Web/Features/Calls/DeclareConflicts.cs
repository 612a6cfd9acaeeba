using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

public sealed record DeclareConflictsBody(IReadOnlyList<Guid> OrganisationIds, long Version);

/// <summary>
/// A reviewer declares the organisations they have a conflict of interest with (their own is always excluded).
/// Their proposals leave the reviewer's desk, and any score already given to them is withdrawn.
/// </summary>
public sealed record DeclareConflicts(Guid CallId, DeclareConflictsBody Body) : ICommand<Result<ReviewView>>;

public sealed class DeclareConflictsValidator : AbstractValidator<DeclareConflicts>
{
    public DeclareConflictsValidator()
    {
        RuleFor(x => x.Body).NotNull();
        RuleFor(x => x.Body.OrganisationIds).NotNull().Must(o => o.Count <= 50).WithMessage("At most 50 organisations are declared.").When(x => x.Body is not null);
    }
}

public sealed class DeclareConflictsHandler(AppDbContext db, CurrentUser current, IMediator mediator) : ICommandHandler<DeclareConflicts, Result<ReviewView>>
{
    public async ValueTask<Result<ReviewView>> Handle(DeclareConflicts command, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.CallId, cancellationToken);
        if (call is null || await CallAccess.AssignmentAsync(db, command.CallId, current, cancellationToken) is not { } reviewer)
        {
            return Error.NotFound("Call");
        }

        if (!db.MatchesVersion(reviewer, command.Body.Version))
        {
            return Error.StaleVersion();
        }

        if (call.IsFinal || reviewer.FinishedAt is not null)
        {
            return Error.Conflict("review_finished", "Your review of this call is finished.");
        }

        reviewer.ConflictOrganisationIds = [.. command.Body.OrganisationIds.Distinct()];
        var withdrawn = await db.CallScores.Where(s => s.CallId == call.Id && s.ReviewerUserId == reviewer.UserId)
            .Join(db.CallProposals, s => s.ProposalId, p => p.Id, (s, p) => new { s, p.OrganisationId })
            .Where(x => reviewer.ConflictOrganisationIds.Contains(x.OrganisationId)).Select(x => x.s).ToListAsync(cancellationToken);
        db.CallScores.RemoveRange(withdrawn);
        db.Entry(reviewer).State = EntityState.Modified;
        await db.SaveChangesAsync(cancellationToken);
        return await mediator.Send(new GetReview(call.Id), cancellationToken);
    }

    public static async Task<Results<Ok<ReviewView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, DeclareConflictsBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DeclareConflicts(id, body), ct)).ToOk();
}
