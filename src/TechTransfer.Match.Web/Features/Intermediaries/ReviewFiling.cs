using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Intermediaries;

public enum FilingReviewDecision
{
    Renew,
    Revoke,
}

public sealed record ReviewFilingBody(FilingReviewDecision Decision, string? Reason, long Version);

/// <summary>
/// The bureau's yearly review of a filed intermediary (also once it has expired): renew it for one year from the
/// review, or revoke it with a reason. A revoked filing ends; the organisation may start a new one.
/// </summary>
public sealed record ReviewFiling(Guid Id, FilingReviewDecision Decision, string? Reason, long Version) : ICommand<Result<FilingView>>;

public sealed class ReviewFilingValidator : AbstractValidator<ReviewFiling>
{
    public ReviewFilingValidator()
    {
        RuleFor(x => x.Decision).IsInEnum();
        RuleFor(x => x.Reason).NotEmpty().When(x => x.Decision == FilingReviewDecision.Revoke).WithMessage("Give the reason for revoking the filing.");
        RuleFor(x => x.Reason).MaximumLength(2000);
    }
}

public sealed class ReviewFilingHandler(AppDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<ReviewFiling, Result<FilingView>>
{
    public async ValueTask<Result<FilingView>> Handle(ReviewFiling command, CancellationToken cancellationToken)
    {
        var (filing, error) = await FilingRules.ForDecisionAsync(db, command.Id, command.Version, cancellationToken, FilingState.Filed);
        if (filing is null)
        {
            return error!;
        }

        var today = clock.Today();
        filing.ReviewedOn = today;
        if (command.Decision == FilingReviewDecision.Renew)
        {
            filing.ExpiresOn = today.AddYears(1);
        }
        else
        {
            filing.State = FilingState.Revoked;
            filing.RevocationReason = command.Reason!.Trim();
        }

        audit.Record(command.Decision == FilingReviewDecision.Renew ? "filing.renewed" : "filing.revoked", "intermediary-filing", filing.Id,
            new { expiresOn = filing.ExpiresOn, reason = command.Reason });
        await db.SaveChangesAsync(cancellationToken);
        return await FilingViews.ReadAsync(db, filing, today, cancellationToken);
    }

    public static async Task<Results<Ok<FilingView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, ReviewFilingBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ReviewFiling(id, body.Decision, body.Reason, body.Version), ct)).ToOk();
}
