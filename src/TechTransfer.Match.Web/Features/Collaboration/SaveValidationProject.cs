using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Collaboration;

public sealed record ValidationProjectInput(
    Guid AchievementId, string Name, ValidationProjectKind Kind, string? Platform, int TrlBefore, int? TrlAfter,
    DateOnly StartedOn, DateOnly? CompletedOn, ValidationProjectStatus Status, decimal? Budget = null);

public sealed record ValidationProjectView(
    Guid Id, Guid AchievementId, Guid InstitutionId, string Name, ValidationProjectKind Kind, string? Platform, int TrlBefore, int? TrlAfter,
    int? TrlGain, string StageBefore, string? StageAfter, DateOnly StartedOn, DateOnly? CompletedOn, ValidationProjectStatus Status, long Version)
{
    /// <summary>The budget in yuan, when known.</summary>
    public decimal? Budget { get; init; }

    public static ValidationProjectView From(ValidationProject p) => new(
        p.Id, p.AchievementId, p.InstitutionId, p.Name, p.Kind, p.Platform, p.TrlBefore, p.TrlAfter, p.TrlAfter - p.TrlBefore,
        Maturity.StageOf(p.TrlBefore), p.TrlAfter is { } after ? Maturity.StageOf(after) : null, p.StartedOn, p.CompletedOn, p.Status, p.Version)
    {
        Budget = p.Budget,
    };
}

public sealed record SaveValidationProjectBody(ValidationProjectInput Project, long Version);

/// <summary>Records or edits a concept-validation or pilot project on an achievement, with its maturity before and after.</summary>
public sealed record SaveValidationProject(Guid? Id, ValidationProjectInput Input, long? Version) : ICommand<Result<ValidationProjectView>>;

public sealed class SaveValidationProjectValidator : AbstractValidator<SaveValidationProject>
{
    public SaveValidationProjectValidator()
    {
        RuleFor(x => x.Input).NotNull();
        When(x => x.Input is not null, () =>
        {
            RuleFor(x => x.Input.Name).NotEmpty().MaximumLength(300);
            RuleFor(x => x.Input.Platform).MaximumLength(200);
            RuleFor(x => x.Input.Kind).IsInEnum();
            RuleFor(x => x.Input.Status).IsInEnum();
            RuleFor(x => x.Input.TrlBefore).InclusiveBetween(1, 9);
            RuleFor(x => x.Input.TrlAfter).InclusiveBetween(1, 9);
            RuleFor(x => x.Input.Budget).GreaterThanOrEqualTo(0).LessThan(1e12m);
            RuleFor(x => x.Input.CompletedOn).GreaterThanOrEqualTo(x => x.Input.StartedOn).When(x => x.Input.CompletedOn is not null)
                .WithMessage("A project completes after it starts.");
            RuleFor(x => x.Input.TrlAfter).NotNull().When(x => x.Input.Status == ValidationProjectStatus.Completed)
                .WithMessage("A completed project states the maturity it reached.");
        });
    }
}

public sealed class SaveValidationProjectHandler(AppDbContext db, CurrentUser current) : ICommandHandler<SaveValidationProject, Result<ValidationProjectView>>
{
    public async ValueTask<Result<ValidationProjectView>> Handle(SaveValidationProject command, CancellationToken cancellationToken) =>
        await CollaborationAccess.SaveAsync<ValidationProject, ValidationProjectView>(
            db, current, command.Id, command.Version, "Validation project", record => ApplyAsync(record, command.Input, cancellationToken), ValidationProjectView.From, cancellationToken);

    /// <summary>Checks the input against the database and writes it to the record; an error leaves nothing saved.</summary>
    private async Task<Error?> ApplyAsync(ValidationProject record, ValidationProjectInput input, CancellationToken cancellationToken)
    {
        if (await db.Achievements.FindAsync([input.AchievementId], cancellationToken) is not { } achievement)
        {
            return Error.Invalid("achievementId", "No such achievement.");
        }

        if (await CollaborationAccess.CheckMaintainAsync(current, achievement.OrganisationId, cancellationToken) is { } error)
        {
            return error;
        }

        record.AchievementId = achievement.Id;
        record.InstitutionId = achievement.OrganisationId;
        record.Name = input.Name.Trim();
        record.Kind = input.Kind;
        record.Platform = input.Platform?.Trim();
        record.TrlBefore = input.TrlBefore;
        record.TrlAfter = input.TrlAfter;
        record.StartedOn = input.StartedOn;
        record.CompletedOn = input.CompletedOn;
        record.Status = input.Status;
        record.Budget = input.Budget;
        return null;
    }

    public static async Task<Results<Created<ValidationProjectView>, ValidationProblem, ProblemHttpResult>> Create(
        ValidationProjectInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SaveValidationProject(null, body, null), ct)).ToCreated(p => $"/api/collaboration/validation-projects/{p.Id}");

    public static async Task<Results<Ok<ValidationProjectView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, SaveValidationProjectBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SaveValidationProject(id, body.Project, body.Version), ct)).ToOk();
}
