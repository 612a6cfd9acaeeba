using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Validation;

public sealed record AcceptValidationBody(long Version, DateOnly ScheduledStart, DateOnly ScheduledEnd);

/// <summary>
/// The centre accepts an application and schedules it: it takes a free capacity slot (409 when none is free, or
/// when a concurrent accept took the same one) and the institution's validation-project record starts running.
/// </summary>
public sealed record AcceptValidationApplication(Guid Id, long Version, DateOnly ScheduledStart, DateOnly ScheduledEnd) : ICommand<Result<ValidationApplicationView>>;

public sealed class AcceptValidationApplicationValidator : AbstractValidator<AcceptValidationApplication>
{
    public AcceptValidationApplicationValidator() =>
        RuleFor(x => x.ScheduledEnd).GreaterThanOrEqualTo(x => x.ScheduledStart).WithMessage("A validation ends after it starts.");
}

public sealed class AcceptValidationApplicationHandler(AppDbContext db, CurrentUser current, TimeProvider clock)
    : ICommandHandler<AcceptValidationApplication, Result<ValidationApplicationView>>
{
    public async ValueTask<Result<ValidationApplicationView>> Handle(AcceptValidationApplication command, CancellationToken cancellationToken)
    {
        var loaded = await ValidationAccess.LoadForCentreAsync(db, current, command.Id, command.Version, cancellationToken);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        var application = loaded.Value!;
        if (application.Status != ValidationApplicationStatus.Submitted)
        {
            return ValidationAccess.WrongStatus(application.Status);
        }

        var centre = application.Centre!;
        var taken = await db.ValidationApplications.AsNoTracking().Where(a => a.CentreId == centre.Id && a.Slot != null)
            .Select(a => a.Slot!.Value).ToListAsync(cancellationToken);
        var free = Enumerable.Range(1, centre.Capacity).Except(taken).Cast<int?>().FirstOrDefault();
        if (free is null)
        {
            return Error.Conflict("capacity_full", "The centre has no free capacity.");
        }

        var title = await db.Achievements.Where(a => a.Id == application.AchievementId).Select(a => a.Title).FirstAsync(cancellationToken);
        var project = new ValidationProject
        {
            AchievementId = application.AchievementId,
            InstitutionId = application.InstitutionId,
            // Unique per institution: the achievement, the centre and the start tell two validations apart.
            Name = string.Concat(title.Length > 200 ? title[..200] : title, "（", centre.Name, "，", command.ScheduledStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "）"),
            Kind = centre.Kind == ValidationCentreKind.PilotBase ? ValidationProjectKind.Pilot : ValidationProjectKind.ConceptValidation,
            Platform = centre.Name.Length > 200 ? centre.Name[..200] : centre.Name,
            TrlBefore = application.TrlBefore,
            StartedOn = command.ScheduledStart,
            Status = ValidationProjectStatus.Running,
        };
        db.ValidationProjects.Add(project);
        application.Status = ValidationApplicationStatus.InProgress;
        application.Slot = free;
        application.ScheduledStart = command.ScheduledStart;
        application.ScheduledEnd = command.ScheduledEnd;
        application.DecidedAt = clock.GetUtcNow().UtcDateTime;
        application.ValidationProjectId = project.Id;
        await db.SaveChangesAsync(cancellationToken);
        return await ValidationViews.ReadAsync(db, application.Id, cancellationToken);
    }

    public static async Task<Results<Ok<ValidationApplicationView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, AcceptValidationBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new AcceptValidationApplication(id, body.Version, body.ScheduledStart, body.ScheduledEnd), ct)).ToOk();
}

public sealed record DeclineValidationBody(long Version, string Reason);

/// <summary>The centre declines an application, saying why (the applicant reads the reason).</summary>
public sealed record DeclineValidationApplication(Guid Id, long Version, string Reason) : ICommand<Result<ValidationApplicationView>>;

public sealed class DeclineValidationApplicationValidator : AbstractValidator<DeclineValidationApplication>
{
    public DeclineValidationApplicationValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(1000);
}

public sealed class DeclineValidationApplicationHandler(AppDbContext db, CurrentUser current, TimeProvider clock)
    : ICommandHandler<DeclineValidationApplication, Result<ValidationApplicationView>>
{
    public async ValueTask<Result<ValidationApplicationView>> Handle(DeclineValidationApplication command, CancellationToken cancellationToken)
    {
        var loaded = await ValidationAccess.LoadForCentreAsync(db, current, command.Id, command.Version, cancellationToken);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        var application = loaded.Value!;
        if (application.Status != ValidationApplicationStatus.Submitted)
        {
            return ValidationAccess.WrongStatus(application.Status);
        }

        application.Status = ValidationApplicationStatus.Declined;
        application.DeclineReason = command.Reason.Trim();
        application.DecidedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return await ValidationViews.ReadAsync(db, application.Id, cancellationToken);
    }

    public static async Task<Results<Ok<ValidationApplicationView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, DeclineValidationBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DeclineValidationApplication(id, body.Version, body.Reason), ct)).ToOk();
}
