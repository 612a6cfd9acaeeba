using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Validation;

public sealed record ValidationSuggestion(
    Guid ProposalId, bool Applies, bool DismissedAsTooEarly, int? MaturityGap, Guid AchievementId, int? Trl, int? RequiredTrl,
    Guid CoFunderId, string CoFunderName, IReadOnlyList<ValidationCentreView> Centres);

/// <summary>
/// For a pair of the reader's organisation: when the firm dismissed it as too early, or the need asks for at least
/// <see cref="GapThreshold"/> levels more maturity than the achievement has, the centres with free capacity in the
/// achievement's field, with the need's firm as possible co-funder.
/// </summary>
public sealed record SuggestValidation(Guid ProposalId) : IQuery<Result<ValidationSuggestion>>;

public sealed class SuggestValidationHandler(AppDbContext db, CurrentUser current) : IQueryHandler<SuggestValidation, Result<ValidationSuggestion>>
{
    /// <summary>Two TRL levels: one stage of the paper's three (lab, pilot, mature) at least.</summary>
    public const int GapThreshold = 2;

    public async ValueTask<Result<ValidationSuggestion>> Handle(SuggestValidation query, CancellationToken cancellationToken)
    {
        var pair = await db.MatchProposals.AsNoTracking().Where(p => p.Id == query.ProposalId)
            .Select(p => new
            {
                p.Id, p.Status, p.DismissReason, p.AchievementId, p.Achievement!.Trl, p.Achievement.Field, Supplier = p.Achievement.OrganisationId,
                p.Need!.RequiredTrl, Buyer = p.Need.OrganisationId, BuyerName = p.Need.Organisation!.NameZh,
            })
            .FirstOrDefaultAsync(cancellationToken);
        var mine = await current.OrganisationIdAsync(cancellationToken);
        if (pair is null || (mine != pair.Supplier && mine != pair.Buyer))
        {
            return Error.NotFound("Proposal");
        }

        var tooEarly = pair.Status == ProposalStatus.Dismissed && pair.DismissReason == DismissReason.TooEarlyStage;
        int? gap = pair.RequiredTrl is { } required && pair.Trl is { } trl ? required - trl : null;
        var applies = tooEarly || gap >= GapThreshold;
        var centres = new List<ValidationCentreView>();
        if (applies)
        {
            var rows = await db.ValidationCentres.AsNoTracking().OrderBy(c => c.Name)
                .Select(c => new { Centre = c, Host = c.HostOrganisation!.NameZh }).Take(1000).ToListAsync(cancellationToken);
            var load = await ListValidationCentresHandler.InProgressAsync(db, cancellationToken);
            centres = rows.Where(r => r.Centre.Fields.Contains(pair.Field))
                .Select(r => ValidationCentreView.From(r.Centre, r.Host, load.GetValueOrDefault(r.Centre.Id)))
                .Where(c => c.Free > 0).OrderByDescending(c => c.Free).ThenBy(c => c.Name).Take(5).ToList();
        }

        return new ValidationSuggestion(pair.Id, applies, tooEarly, gap, pair.AchievementId, pair.Trl, pair.RequiredTrl, pair.Buyer, pair.BuyerName, centres);
    }

    public static async Task<Results<Ok<ValidationSuggestion>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid proposalId, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SuggestValidation(proposalId), ct)).ToOk();
}
