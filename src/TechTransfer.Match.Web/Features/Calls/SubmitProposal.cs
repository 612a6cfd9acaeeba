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

        if (ProposalRules.NotTakingProposals(call, clock.GetUtcNow().UtcDateTime) is { } closed)
        {
            return closed;
        }

        var org = (await current.OrganisationIdAsync(cancellationToken))!.Value;
        var region = await db.Organisations.AsNoTracking().Where(o => o.Id == org).Select(o => o.RegionCode).FirstAsync(cancellationToken);
        if (call.RegionPrefix is { } prefix && !region.StartsWith(prefix, StringComparison.Ordinal))
        {
            return Error.Forbidden("Your organisation's region is not eligible for this call.");
        }

        var input = command.Input;
        if (await ProposalRules.AchievementsProblemAsync(db, org, input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var proposal = new CallProposal
        {
            CallId = call.Id, OrganisationId = org, SubmittedBy = current.Id!.Value,
            Consent = call.RequiresConsent ? ProposalConsent.Pending : ProposalConsent.NotRequired,
        };
        ProposalRules.Write(proposal, input);
        if (call.RequiresConsent)
        {
            proposal.Raise(new CallProposalConsentChanged(proposal.Id, ProposalConsent.Pending));
        }

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

/// <summary>What a submission and an edit of a proposal both check.</summary>
internal static class ProposalRules
{
    /// <summary>Proposals are written while the call is open and before its deadline.</summary>
    public static Error? NotTakingProposals(Call call, DateTime now) =>
        call.State != CallState.Open ? Error.Conflict("call_not_open", "The call does not take proposals.")
        : now >= call.Deadline ? Error.Conflict("deadline_passed", "The call's deadline has passed.")
        : null;

    public static void Write(CallProposal proposal, ProposalInput input)
    {
        proposal.Approach = input.Approach.Trim();
        proposal.Team = input.Team.Trim();
        proposal.Milestones = [.. input.Milestones.Select(m => new CallMilestone { Title = m.Title.Trim(), Month = m.Month })];
        proposal.Price = input.Price;
        proposal.AchievementIds = [.. input.AchievementIds];
    }

    /// <summary>A proposal builds on the organisation's own published achievements.</summary>
    public static async Task<Error?> AchievementsProblemAsync(AppDbContext db, Guid org, ProposalInput input, CancellationToken ct)
    {
        var own = await db.Achievements.AsNoTracking()
            .CountAsync(a => input.AchievementIds.Contains(a.Id) && a.OrganisationId == org && a.Status == ListingStatus.Published, ct);
        return own != input.AchievementIds.Count ? Error.Invalid("achievementIds", "A proposal builds on your organisation's published achievements.") : null;
    }
}
