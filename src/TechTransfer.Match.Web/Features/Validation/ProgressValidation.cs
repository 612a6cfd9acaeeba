using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Validation;

public sealed record ValidationMilestoneBody(long Version, string Title, DateOnly Date, string? Note);

/// <summary>The centre records a milestone of a validation in progress.</summary>
public sealed record RecordValidationMilestone(Guid Id, long Version, string Title, DateOnly Date, string? Note) : ICommand<Result<ValidationApplicationView>>;

public sealed class RecordValidationMilestoneValidator : AbstractValidator<RecordValidationMilestone>
{
    public RecordValidationMilestoneValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Note).MaximumLength(1000);
    }
}

public sealed class RecordValidationMilestoneHandler(AppDbContext db, CurrentUser current) : ICommandHandler<RecordValidationMilestone, Result<ValidationApplicationView>>
{
    public async ValueTask<Result<ValidationApplicationView>> Handle(RecordValidationMilestone command, CancellationToken cancellationToken)
    {
        var loaded = await ValidationAccess.LoadForCentreAsync(db, current, command.Id, command.Version, cancellationToken);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        var application = loaded.Value!;
        if (application.Status != ValidationApplicationStatus.InProgress)
        {
            return ValidationAccess.WrongStatus(application.Status);
        }

        if (application.Milestones.Count >= 50)
        {
            return Error.Invalid("title", "A validation records at most 50 milestones.");
        }

        // A new list, so the JSON column is written as a whole.
        application.Milestones = [.. application.Milestones, new ValidationMilestone { Title = command.Title.Trim(), Date = command.Date, Note = command.Note?.Trim() }];
        // A change inside the JSON column alone leaves the row unmodified: marked so the version is checked and bumped.
        db.Entry(application).State = EntityState.Modified;
        await db.SaveChangesAsync(cancellationToken);
        return await ValidationViews.ReadAsync(db, application.Id, cancellationToken);
    }

    public static async Task<Results<Ok<ValidationApplicationView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, ValidationMilestoneBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new RecordValidationMilestone(id, body.Version, body.Title, body.Date, body.Note), ct)).ToOk();
}

public sealed record CompleteValidationBody(long Version, int TrlAfter, DateOnly CompletedOn, string ReportText, string? ReportUrl = null);

/// <summary>
/// The centre records the result. The application frees its slot; its validation-project record completes (so the
/// indicators count it); the achievement takes the maturity reached and is matched again; proposals a firm dismissed
/// as too early are proposed again where the firm's required maturity is now met, and those firms are told.
/// </summary>
public sealed record CompleteValidation(Guid Id, long Version, int TrlAfter, DateOnly CompletedOn, string ReportText, string? ReportUrl)
    : ICommand<Result<ValidationApplicationView>>;

public sealed class CompleteValidationValidator : AbstractValidator<CompleteValidation>
{
    public CompleteValidationValidator()
    {
        RuleFor(x => x.TrlAfter).InclusiveBetween(1, 9);
        RuleFor(x => x.ReportText).NotEmpty().MaximumLength(8000);
        RuleFor(x => x.ReportUrl).MaximumLength(500)
            .Must(u => u is null || (Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            .WithMessage("The report link must be an http(s) address.");
    }
}

public sealed class CompleteValidationHandler(AppDbContext db, CurrentUser current) : ICommandHandler<CompleteValidation, Result<ValidationApplicationView>>
{
    public async ValueTask<Result<ValidationApplicationView>> Handle(CompleteValidation command, CancellationToken cancellationToken)
    {
        var loaded = await ValidationAccess.LoadForCentreAsync(db, current, command.Id, command.Version, cancellationToken);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        var application = loaded.Value!;
        if (application.Status != ValidationApplicationStatus.InProgress)
        {
            return ValidationAccess.WrongStatus(application.Status);
        }

        if (command.TrlAfter < application.TrlBefore)
        {
            return Error.Invalid("trlAfter", "A validation does not lower the maturity it started from.");
        }

        if (application.ScheduledStart is { } start && command.CompletedOn < start)
        {
            return Error.Invalid("completedOn", "A validation completes after it starts.");
        }

        application.Status = ValidationApplicationStatus.Completed;
        application.Slot = null;
        application.TrlAfter = command.TrlAfter;
        application.CompletedOn = command.CompletedOn;
        application.ReportText = command.ReportText.Trim();
        application.ReportUrl = command.ReportUrl?.Trim();
        if (application.ValidationProjectId is { } projectId && await db.ValidationProjects.FindAsync([projectId], cancellationToken) is { } project)
        {
            project.Status = ValidationProjectStatus.Completed;
            project.TrlAfter = command.TrlAfter;
            project.CompletedOn = command.CompletedOn;
        }

        var achievement = await db.Achievements.FirstAsync(a => a.Id == application.AchievementId, cancellationToken);
        if (achievement.Trl is not { } trl || trl < command.TrlAfter)
        {
            achievement.Trl = command.TrlAfter;
        }

        var firms = await ReopenTooEarlyAsync(achievement.Id, command.TrlAfter, cancellationToken);
        if (achievement.Status == ListingStatus.Published)
        {
            // The matcher re-indexes it with its new maturity and rescores its pairs (ProposeMatches).
            achievement.Raise(new ListingPublished(achievement.Id, IsAchievement: true));
        }

        application.Raise(new ValidationCompleted(application.Id, achievement.Id, achievement.Title, application.TrlBefore, command.TrlAfter, firms));
        await db.SaveChangesAsync(cancellationToken);
        return await ValidationViews.ReadAsync(db, application.Id, cancellationToken);
    }

    /// <summary>
    /// Pairs dismissed as too early whose need asks for no more than the maturity reached are proposed again; answers
    /// every firm that dismissed a pair of the achievement as too early (all of them are told of the result).
    /// </summary>
    private async Task<IReadOnlyList<Guid>> ReopenTooEarlyAsync(Guid achievementId, int trlAfter, CancellationToken ct)
    {
        var dismissed = await db.MatchProposals.Include(p => p.Need)
            .Where(p => p.AchievementId == achievementId && p.Status == ProposalStatus.Dismissed && p.DismissReason == DismissReason.TooEarlyStage)
            .ToListAsync(ct);
        foreach (var proposal in dismissed.Where(p => p.Need!.RequiredTrl is not { } required || required <= trlAfter))
        {
            proposal.Status = ProposalStatus.Proposed;
            proposal.DismissReason = null;
            proposal.DismissText = null;
            proposal.DismissedBy = null;
            proposal.DismissedAt = null;
        }

        return dismissed.Select(p => p.Need!.OrganisationId).Distinct().ToList();
    }

    public static async Task<Results<Ok<ValidationApplicationView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, CompleteValidationBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new CompleteValidation(id, body.Version, body.TrlAfter, body.CompletedOn, body.ReportText, body.ReportUrl), ct)).ToOk();
}
