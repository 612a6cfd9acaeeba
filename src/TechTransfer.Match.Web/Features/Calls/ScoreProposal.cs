using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>The version is the score's (0 for a first score), so a reviewer editing in two tabs is told.</summary>
public sealed record ScoreProposalBody(IReadOnlyList<CriterionScoreInput> Scores, string? Remarks, long Version);

/// <summary>
/// An assigned reviewer scores a proposal on every criterion (0-100) with remarks, until they finish their review.
/// Never a proposal of their own organisation or of one they declared a conflict with.
/// </summary>
public sealed record ScoreProposal(Guid CallId, Guid ProposalId, ScoreProposalBody Body) : ICommand<Result<ScoreView>>;

public sealed class ScoreProposalValidator : AbstractValidator<ScoreProposal>
{
    public ScoreProposalValidator()
    {
        RuleFor(x => x.Body).NotNull();
        When(x => x.Body is not null, () =>
        {
            RuleFor(x => x.Body.Scores).NotEmpty();
            RuleForEach(x => x.Body.Scores).ChildRules(s =>
            {
                s.RuleFor(x => x.Criterion).GreaterThanOrEqualTo(0);
                s.RuleFor(x => x.Score).InclusiveBetween(0, 100);
            });
            RuleFor(x => x.Body.Remarks).MaximumLength(4000);
        });
    }
}

public sealed class ScoreProposalHandler(AppDbContext db, CurrentUser current) : ICommandHandler<ScoreProposal, Result<ScoreView>>
{
    public async ValueTask<Result<ScoreView>> Handle(ScoreProposal command, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.CallId, cancellationToken);
        var reviewer = call is null ? null : await CallAccess.AssignmentAsync(db, call.Id, current, cancellationToken);
        var proposal = await db.CallProposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.ProposalId && p.CallId == command.CallId, cancellationToken);
        if (call is null || reviewer is null || proposal is null)
        {
            return Error.NotFound("Call proposal");
        }

        if ((await CallAccess.ExcludedOrganisationsAsync(db, reviewer, cancellationToken)).Contains(proposal.OrganisationId))
        {
            return Error.Forbidden("You do not score proposals of your own organisation or of one you declared a conflict with.");
        }

        if (!CallAccess.Counts(proposal))
        {
            return Error.Conflict("consent_missing", "The proposal lacks its organisation's consent: it is not reviewed.");
        }

        if (call.State != CallState.Open || reviewer.FinishedAt is not null)
        {
            return Error.Conflict("review_finished", "Your review of this call is finished.");
        }

        var input = command.Body;
        var criteria = input.Scores.Select(s => s.Criterion).ToList();
        if (criteria.Distinct().Count() != criteria.Count || criteria.Count != call.Criteria.Count || criteria.Any(c => c >= call.Criteria.Count))
        {
            return Error.Invalid("scores", "Score every criterion of the call once.");
        }

        var score = await db.CallScores.FirstOrDefaultAsync(s => s.ProposalId == proposal.Id && s.ReviewerUserId == reviewer.UserId, cancellationToken);
        if (score is null)
        {
            if (input.Version != 0)
            {
                return Error.StaleVersion();
            }

            score = new CallScore { CallId = call.Id, ProposalId = proposal.Id, ReviewerUserId = reviewer.UserId };
            db.CallScores.Add(score);
        }
        else if (!db.MatchesVersion(score, input.Version))
        {
            return Error.StaleVersion();
        }
        else
        {
            db.Entry(score).State = EntityState.Modified;
        }

        score.Scores = [.. input.Scores.OrderBy(s => s.Criterion).Select(s => new CriterionScore { Criterion = s.Criterion, Score = s.Score })];
        score.Remarks = string.IsNullOrWhiteSpace(input.Remarks) ? null : input.Remarks.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return ProposalReading.Score(call, score);
    }

    public static async Task<Results<Ok<ScoreView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, Guid proposalId, ScoreProposalBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ScoreProposal(id, proposalId, body), ct)).ToOk();
}
