using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>
/// A member of an eligible organisation answers an open call before its deadline, once per organisation. The
/// achievements it builds on are the organisation's own published ones. The submission counts on the call's row,
/// so it and a revision of the call cannot both pass (the second gets 409).
/// </summary>
public sealed record SubmitProposal(Guid CallId, ProposalInput Input) : ICommand<Result<ProposalView>>;

public sealed class SubmitProposalValidator : AbstractValidator<SubmitProposal>
{
    public SubmitProposalValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new ProposalInputValidator());
}

public sealed class SubmitProposalHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<SubmitProposal, Result<ProposalView>>
{
    public async ValueTask<Result<ProposalView>> Handle(SubmitProposal command, CancellationToken cancellationToken)
    {
        var call = await db.Calls.FirstOrDefaultAsync(c => c.Id == command.CallId, cancellationToken);
        if (call is null || !await CallAccess.MaySeeAsync(call, current, cancellationToken))
        {
            return Error.NotFound("Call");
        }

        if (await CallAccess.EligibilityProblemAsync(call, current, cancellationToken) is { } problem)
        {
            return Error.Forbidden(problem);
        }

        if (call.State != CallState.Open)
        {
            return Error.Conflict("call_not_open", "The call does not take proposals.");
        }

        if (clock.GetUtcNow().UtcDateTime >= call.Deadline)
        {
            return Error.Conflict("deadline_passed", "The call's deadline has passed.");
        }

        var org = (await current.OrganisationIdAsync(cancellationToken))!.Value;
        var region = await db.Organisations.AsNoTracking().Where(o => o.Id == org).Select(o => o.RegionCode).FirstAsync(cancellationToken);
        if (call.RegionPrefix is { } prefix && !region.StartsWith(prefix, StringComparison.Ordinal))
        {
            return Error.Forbidden("Your organisation's region is not eligible for this call.");
        }

        var input = command.Input;
        var own = await db.Achievements.AsNoTracking()
            .CountAsync(a => input.AchievementIds.Contains(a.Id) && a.OrganisationId == org && a.Status == ListingStatus.Published, cancellationToken);
        if (own != input.AchievementIds.Count)
        {
            return Error.Invalid("achievementIds", "A proposal builds on your organisation's published achievements.");
        }

        var proposal = new CallProposal
        {
            CallId = call.Id, OrganisationId = org, SubmittedBy = current.Id!.Value, Approach = input.Approach.Trim(), Team = input.Team.Trim(),
            Milestones = [.. input.Milestones.Select(m => new CallMilestone { Title = m.Title.Trim(), Month = m.Month })],
            Price = input.Price, AchievementIds = [.. input.AchievementIds],
        };
        db.CallProposals.Add(proposal);
        call.ProposalCount++;
        await db.SaveChangesAsync(cancellationToken);
        var name = await CallAccess.Organisation(db, org).FirstAsync(cancellationToken);
        return ProposalReading.View(call, proposal, name, null);
    }

    public static async Task<Results<Created<ProposalView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, ProposalInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SubmitProposal(id, body), ct)).ToCreated(p => $"/api/calls/{p.CallId}/proposals/mine");
}
