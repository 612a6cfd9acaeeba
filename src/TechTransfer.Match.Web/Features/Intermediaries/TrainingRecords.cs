using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Intermediaries;

public sealed record TrainingInput(DateOnly On, string Course, decimal Hours, string Provider);

public sealed record TrainingView(Guid Id, DateOnly On, string Course, decimal Hours, string Provider);

internal static class TrainingHours
{
    /// <summary>Each person's training hours in the calendar year (by the training's date), summed in the database.</summary>
    public static async Task<Dictionary<Guid, decimal>> OfYearAsync(AppDbContext db, IReadOnlyCollection<Guid> users, int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = from.AddYears(1);
        return await db.ManagerTrainings.AsNoTracking()
            .Where(t => users.Contains(t.UserId) && t.On >= from && t.On < to)
            .GroupBy(t => t.UserId)
            .Select(g => new { g.Key, Hours = g.Sum(t => t.Hours) })
            .ToDictionaryAsync(x => x.Key, x => x.Hours, ct);
    }
}

/// <summary>A technology manager (or applicant) records a training they attended: date, course, hours, provider.</summary>
public sealed record RecordTraining(TrainingInput Input) : ICommand<Result<TrainingView>>;

public sealed class RecordTrainingValidator : AbstractValidator<RecordTraining>
{
    public RecordTrainingValidator(TimeProvider clock)
    {
        RuleFor(x => x.Input).NotNull();
        When(x => x.Input is not null, () =>
        {
            RuleFor(x => x.Input.On).Must(d => d <= clock.Today()).WithMessage("A training is recorded once it took place.")
                .Must(d => d.Year >= 2000).WithMessage("The training date cannot lie before 2000.");
            RuleFor(x => x.Input.Course).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Input.Provider).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Input.Hours).GreaterThan(0).LessThanOrEqualTo(200).PrecisionScale(4, 1, true);
        });
    }
}

public sealed class RecordTrainingHandler(AppDbContext db, CurrentUser current) : ICommandHandler<RecordTraining, Result<TrainingView>>
{
    public async ValueTask<Result<TrainingView>> Handle(RecordTraining command, CancellationToken cancellationToken)
    {
        if (current.Id is not { } userId)
        {
            return Error.Unauthorized();
        }

        if (!await db.TechnologyManagerProfiles.AnyAsync(p => p.UserId == userId, cancellationToken))
        {
            return Error.NotFound("Technology manager profile");
        }

        var input = command.Input;
        var training = new ManagerTraining { UserId = userId, On = input.On, Course = input.Course.Trim(), Hours = input.Hours, Provider = input.Provider.Trim() };
        db.ManagerTrainings.Add(training);
        await db.SaveChangesAsync(cancellationToken);
        return new TrainingView(training.Id, training.On, training.Course, training.Hours, training.Provider);
    }

    public static async Task<Results<Created<TrainingView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        TrainingInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new RecordTraining(body), ct)).ToCreated(t => $"/api/technology-managers/me/training/{t.Id}");
}

/// <summary>A manager deletes one of their own training records (a mistake); anyone else's is not found.</summary>
public sealed record DeleteTraining(Guid Id) : ICommand<Result<Done>>;

public sealed class DeleteTrainingHandler(AppDbContext db, CurrentUser current) : ICommandHandler<DeleteTraining, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(DeleteTraining command, CancellationToken cancellationToken)
    {
        var training = await db.ManagerTrainings.FirstOrDefaultAsync(t => t.Id == command.Id && t.UserId == current.Id, cancellationToken);
        if (training is null)
        {
            return Error.NotFound("Training record");
        }

        db.ManagerTrainings.Remove(training);
        await db.SaveChangesAsync(cancellationToken);
        return Done.Value;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DeleteTraining(id), ct)).ToNoContent();
}

/// <summary>A manager's training records, newest first: as visible as the profile (public once verified).</summary>
public sealed record ListTraining(Guid UserId) : IQuery<Result<IReadOnlyList<TrainingView>>>;

public sealed class ListTrainingHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListTraining, Result<IReadOnlyList<TrainingView>>>
{
    public async ValueTask<Result<IReadOnlyList<TrainingView>>> Handle(ListTraining query, CancellationToken cancellationToken)
    {
        var verification = await db.TechnologyManagerProfiles.AsNoTracking().Where(p => p.UserId == query.UserId)
            .Select(p => (VerificationStatus?)p.Verification).FirstOrDefaultAsync(cancellationToken);
        var mayRead = verification == VerificationStatus.Verified || (verification is not null && (current.Id == query.UserId || current.OverseesRecords));
        if (!mayRead)
        {
            return Error.NotFound("Technology manager profile");
        }

        return await db.ManagerTrainings.AsNoTracking().Where(t => t.UserId == query.UserId).OrderByDescending(t => t.On).ThenBy(t => t.Id)
            .Select(t => new TrainingView(t.Id, t.On, t.Course, t.Hours, t.Provider)).Take(500).ToListAsync(cancellationToken);
    }

    public static async Task<Results<Ok<IReadOnlyList<TrainingView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid userId, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListTraining(userId), ct)).ToOk();
}
