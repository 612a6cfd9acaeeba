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

public sealed record DecideProposalConsentBody(bool Consent, string? Reason, long Version);

/// <summary>
/// On a call that requires it, a verified member of the solver organisation other than the author consents to a
/// member's proposal or refuses it with a reason, before the deadline. Only consented proposals are reviewed and can
/// win. The decision is time-stamped on the proposal, written to the audit log, and the author is told.
/// </summary>
public sealed record DecideProposalConsent(Guid CallId, Guid ProposalId, DecideProposalConsentBody Body) : ICommand<Result<ProposalView>>;

public sealed class DecideProposalConsentValidator : AbstractValidator<DecideProposalConsent>
{
    public DecideProposalConsentValidator()
    {
        RuleFor(x => x.Body).NotNull();
        When(x => x.Body is not null, () =>
        {
            RuleFor(x => x.Body.Reason).NotEmpty().When(x => !x.Body.Consent).WithMessage("Say why the organisation refuses its consent.");
            RuleFor(x => x.Body.Reason).MaximumLength(1000);
        });
    }
}

public sealed class DecideProposalConsentHandler(AppDbContext db, CurrentUser current, TimeProvider clock, AuditTrail audit)
    : ICommandHandler<DecideProposalConsent, Result<ProposalView>>
{
    public async ValueTask<Result<ProposalView>> Handle(DecideProposalConsent command, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.CallId, cancellationToken);
        var proposal = await db.CallProposals.FirstOrDefaultAsync(p => p.Id == command.ProposalId && p.CallId == command.CallId, cancellationToken);
        // Another organisation's people do not learn that the proposal exists.
        if (call is null || proposal is null || await current.OrganisationIdAsync(cancellationToken) != proposal.OrganisationId)
        {
            return Error.NotFound("Call proposal");
        }

        if (!await CallAccess.MayConsentAsync(proposal, current, cancellationToken))
        {
            return Error.Forbidden("Another verified member of your organisation, not the proposal's author, decides on its consent.");
        }

        if (!db.MatchesVersion(proposal, command.Body.Version))
        {
            return Error.StaleVersion();
        }

        if (proposal.Consent != ProposalConsent.Pending)
        {
            return Error.Conflict("consent_decided", "The proposal does not wait for consent.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (ProposalRules.NotTakingProposals(call, now) is { } closed)
        {
            return closed;
        }

        proposal.Consent = command.Body.Consent ? ProposalConsent.Consented : ProposalConsent.Refused;
        proposal.ConsentReason = string.IsNullOrWhiteSpace(command.Body.Reason) ? null : command.Body.Reason.Trim();
        proposal.ConsentBy = current.Id;
        proposal.ConsentAt = now;
        proposal.Raise(new CallProposalConsentChanged(proposal.Id, proposal.Consent));
        audit.Record(command.Body.Consent ? "call.proposal_consented" : "call.proposal_refused", "call_proposal", proposal.Id,
            new { call = call.Id, reason = proposal.ConsentReason });
        await db.SaveChangesAsync(cancellationToken);
        var name = await CallAccess.Organisation(db, proposal.OrganisationId).FirstAsync(cancellationToken);
        return ProposalReading.View(call, proposal, name, null);
    }

    public static async Task<Results<Ok<ProposalView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, Guid proposalId, DecideProposalConsentBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DecideProposalConsent(id, proposalId, body), ct)).ToOk();
}
