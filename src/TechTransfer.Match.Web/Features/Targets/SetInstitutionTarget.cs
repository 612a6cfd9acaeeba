using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Targets;

/// <summary>Local contracts, local amount (yuan) and local rate by count (%) the bureau sets for one institution and year.</summary>
public sealed record InstitutionTargetView(Guid InstitutionId, int Year, int LocalContracts, decimal LocalAmount, decimal LocalRatePct, long Version);

/// <param name="Version">Absent for a new target (a second one for the same institution and year answers 409); the version read for a change.</param>
public sealed record SetInstitutionTargetBody(int LocalContracts, decimal LocalAmount, decimal LocalRatePct, long? Version);

/// <summary>The bureau sets (or changes) an institution's targets for a year.</summary>
public sealed record SetInstitutionTarget(Guid InstitutionId, int Year, int LocalContracts, decimal LocalAmount, decimal LocalRatePct, long? Version)
    : ICommand<Result<InstitutionTargetView>>;

public sealed class SetInstitutionTargetValidator : AbstractValidator<SetInstitutionTarget>
{
    /// <summary>Targets are set ahead: up to this many years after the current one.</summary>
    public const int YearsAhead = 5;

    public SetInstitutionTargetValidator(IOptions<IndicatorOptions> options, TimeProvider clock)
    {
        RuleFor(x => x.Year).InclusiveBetween(options.Value.EarliestYear, clock.GetUtcNow().Year + YearsAhead)
            .WithMessage(_ => ValidationText.Format("The year must lie between {0} and {1}.", options.Value.EarliestYear, clock.GetUtcNow().Year + YearsAhead));
        RuleFor(x => x.LocalContracts).GreaterThanOrEqualTo(0).WithMessage("A target must not be negative.");
        RuleFor(x => x.LocalAmount).GreaterThanOrEqualTo(0).WithMessage("A target must not be negative.");
        RuleFor(x => x.LocalRatePct).InclusiveBetween(0, 100).WithMessage("A ratio must lie between 0 and 100 %.");
    }
}

public sealed class SetInstitutionTargetHandler(AppDbContext db) : ICommandHandler<SetInstitutionTarget, Result<InstitutionTargetView>>
{
    public async ValueTask<Result<InstitutionTargetView>> Handle(SetInstitutionTarget command, CancellationToken cancellationToken)
    {
        if (!await db.Organisations.AsNoTracking().AnyAsync(o => o.Id == command.InstitutionId && o.Kind == OrganisationKind.Institution, cancellationToken))
        {
            return Error.NotFound("Institution");
        }

        var target = await db.InstitutionTargets.FirstOrDefaultAsync(t => t.InstitutionId == command.InstitutionId && t.Year == command.Year, cancellationToken);
        if (target is null && command.Version is null)
        {
            target = new InstitutionTarget { InstitutionId = command.InstitutionId, Year = command.Year };
            db.InstitutionTargets.Add(target);
        }
        else if (target is null)
        {
            return Error.NotFound("Institution target");
        }
        else if (command.Version is not { } version || !db.MatchesVersion(target, version))
        {
            // No version: a second "new" target for the same year; a stale one: someone changed it since.
            return command.Version is null
                ? Error.Conflict("target_exists", "The institution already has a target for this year.")
                : Error.StaleVersion();
        }

        target.LocalContracts = command.LocalContracts;
        target.LocalAmount = command.LocalAmount;
        target.LocalRatePct = command.LocalRatePct;
        await db.SaveChangesAsync(cancellationToken);
        return new InstitutionTargetView(target.InstitutionId, target.Year, target.LocalContracts, target.LocalAmount, target.LocalRatePct, target.Version);
    }

    public static async Task<Results<Ok<InstitutionTargetView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid institutionId, int year, SetInstitutionTargetBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SetInstitutionTarget(institutionId, year, body.LocalContracts, body.LocalAmount, body.LocalRatePct, body.Version), ct)).ToOk();
}
