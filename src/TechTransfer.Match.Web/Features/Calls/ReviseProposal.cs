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

public sealed record ReviseProposalBody(ProposalInput Proposal, long Version);

/// <summary>
/// The author edits their organisation's proposal while the call takes proposals (the version read, else 409).
/// A consented or refused proposal goes back to its organisation for consent, and scores already given are
/// withdrawn: reviewers score what was finally submitted, with the organisation's consent to that text.
/// </summary>
public sealed record ReviseProposal(Guid CallId, ReviseProposalBody Body) : ICommand<Result<ProposalView>>;

public sealed class ReviseProposalValidator : AbstractValidator<ReviseProposal>
{
    public ReviseProposalValidator()
    {
        RuleFor(x => x.Body).NotNull();
        RuleFor(x => x.Body.Proposal).NotNull().SetValidator(new ProposalInputValidator()).When(x => x.Body is not null);
    }
}

public sealed class ReviseProposalHandler(AppDbContext db, CurrentUser current, TimeProvider clock, AuditTrail audit) : ICommandHandler<ReviseProposal, Result<ProposalView>>
{
    public async ValueTask<Result<ProposalView>> Handle(ReviseProposal command, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.CallId, cancellationToken);
        var org = await current.OrganisationIdAsync(cancellationToken);
        var proposal = call is null || org is null ? null
            : await db.CallProposals.FirstOrDefaultAsync(p => p.CallId == call.Id && p.OrganisationId == org, cancellationToken);
        if (call is null || proposal is null || !await CallAccess.MaySeeAsync(call, current, cancellationToken))
        {
            return Error.NotFound("Call proposal");
        }

        if (proposal.SubmittedBy != current.Id)
        {
            return Error.Forbidden("Only the proposal's author edits it.");
        }

        if (!db.MatchesVersion(proposal, command.Body.Version))
        {
            return Error.StaleVersion();
        }

        if (ProposalRules.NotTakingProposals(call, clock.GetUtcNow().UtcDateTime) is { } closed)
        {
            return closed;
        }

        var input = command.Body.Proposal;
        if (await ProposalRules.AchievementsProblemAsync(db, proposal.OrganisationId, input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        ProposalRules.Write(proposal, input);
        db.Entry(proposal).State = EntityState.Modified;
        if (call.RequiresConsent && proposal.Consent != ProposalConsent.Pending)
        {
            audit.Record("call.proposal_reconsent", "call_proposal", proposal.Id, new { call = call.Id, was = proposal.Consent.ToString() });
            proposal.Consent = ProposalConsent.Pending;
            proposal.ConsentReason = null;
            proposal.ConsentBy = null;
            proposal.ConsentAt = null;
            proposal.Raise(new CallProposalConsentChanged(proposal.Id, ProposalConsent.Pending));
        }

        await db.CallScores.Where(s => s.ProposalId == proposal.Id).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var name = await CallAccess.Organisation(db, proposal.OrganisationId).FirstAsync(cancellationToken);
        return ProposalReading.View(call, proposal, name, null);
    }

    public static async Task<Results<Ok<ProposalView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, ReviseProposalBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ReviseProposal(id, body), ct)).ToOk();
}
