using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Validation;

/// <summary>An institution's member applies to a centre to validate one of the institution's achievements.</summary>
public sealed record ApplyForValidation(Guid CentreId, Guid AchievementId, string Plan) : ICommand<Result<ValidationApplicationView>>;

public sealed class ApplyForValidationValidator : AbstractValidator<ApplyForValidation>
{
    public ApplyForValidationValidator() => RuleFor(x => x.Plan).NotEmpty().MaximumLength(4000);
}

public sealed class ApplyForValidationHandler(AppDbContext db, CurrentUser current) : ICommandHandler<ApplyForValidation, Result<ValidationApplicationView>>
{
    public async ValueTask<Result<ValidationApplicationView>> Handle(ApplyForValidation command, CancellationToken cancellationToken)
    {
        var (own, kind, _) = await current.OrganisationAsync(cancellationToken);
        if (own is null || kind != OrganisationKind.Institution)
        {
            return Error.Forbidden("An institution's members apply for validation of its achievements.");
        }

        if (!await db.ValidationCentres.AnyAsync(c => c.Id == command.CentreId, cancellationToken))
        {
            return Error.Invalid("centreId", "No such centre.");
        }

        var achievement = await db.Achievements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.AchievementId, cancellationToken);
        if (achievement is null)
        {
            return Error.Invalid("achievementId", "No such achievement.");
        }

        if (achievement.OrganisationId != own)
        {
            return Error.Forbidden("An institution applies with its own achievements.");
        }

        if (achievement.Trl is not { } trl)
        {
            return Error.Invalid("achievementId", "State the achievement's maturity (TRL) before applying.");
        }

        var application = new ValidationApplication
        {
            CentreId = command.CentreId, AchievementId = achievement.Id, InstitutionId = own.Value, Plan = command.Plan.Trim(), TrlBefore = trl,
            Status = ValidationApplicationStatus.Submitted,
        };
        db.ValidationApplications.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        return await ValidationViews.ReadAsync(db, application.Id, cancellationToken);
    }

    public static async Task<Results<Created<ValidationApplicationView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        ApplyForValidation body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(body, ct)).ToCreated(a => $"/api/validation/applications/{a.Id}");
}

/// <summary>The applications the reader may see (<see cref="ValidationAccess.ReadableAsync"/>), newest first, optionally of one centre or status.</summary>
public sealed record ListValidationApplications(Guid? CentreId, ValidationApplicationStatus? Status) : IQuery<Result<IReadOnlyList<ValidationApplicationView>>>;

public sealed class ListValidationApplicationsValidator : AbstractValidator<ListValidationApplications>
{
    public ListValidationApplicationsValidator() => RuleFor(x => x.Status).IsInEnum();
}

public sealed class ListValidationApplicationsHandler(AppDbContext db, CurrentUser current)
    : IQueryHandler<ListValidationApplications, Result<IReadOnlyList<ValidationApplicationView>>>
{
    public async ValueTask<Result<IReadOnlyList<ValidationApplicationView>>> Handle(ListValidationApplications query, CancellationToken cancellationToken)
    {
        var applications = await ValidationAccess.ReadableAsync(db, current, cancellationToken);
        if (query.CentreId is { } centre)
        {
            applications = applications.Where(a => a.CentreId == centre);
        }

        if (query.Status is { } status)
        {
            applications = applications.Where(a => a.Status == status);
        }

        return await ValidationViews.Project(applications.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id).Take(500), db.Organisations)
            .ToListAsync(cancellationToken);
    }

    public static async Task<Results<Ok<IReadOnlyList<ValidationApplicationView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid? centreId, ValidationApplicationStatus? status, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListValidationApplications(centreId, status), ct)).ToOk();
}

/// <summary>One application, to its applicant institution, its centre and the bureau (404 to anyone else).</summary>
public sealed record GetValidationApplication(Guid Id) : IQuery<Result<ValidationApplicationView>>;

public sealed class GetValidationApplicationHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetValidationApplication, Result<ValidationApplicationView>>
{
    public async ValueTask<Result<ValidationApplicationView>> Handle(GetValidationApplication query, CancellationToken cancellationToken)
    {
        var applications = await ValidationAccess.ReadableAsync(db, current, cancellationToken);
        var view = await ValidationViews.Project(applications.Where(a => a.Id == query.Id), db.Organisations).FirstOrDefaultAsync(cancellationToken);
        return view is null ? Error.NotFound("Validation application") : view;
    }

    public static async Task<Results<Ok<ValidationApplicationView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetValidationApplication(id), ct)).ToOk();
}
