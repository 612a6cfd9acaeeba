using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Intermediaries;

/// <summary>
/// An intermediary in the directory: the services of its filing while filed (else those of its profile), its
/// filing's number, state and expiry, and the profile's description and version (what SaveIntermediaryServices edits).
/// </summary>
public sealed record IntermediaryView(
    Guid OrganisationId, string NameZh, string NameEn, string RegionCode, string RegionName, bool Verified, IReadOnlyList<IntermediaryServices> Services, string Description, long Version,
    bool Filed, FilingState? FilingState, string? FilingNumber, DateOnly? FilingExpiresOn);

public sealed record SaveIntermediaryServicesBody(IReadOnlyList<IntermediaryServices> Services, string? Description, long? Version);

/// <summary>An intermediary organisation registers (or revises) the services it offers.</summary>
public sealed record SaveIntermediaryServices(Guid OrganisationId, IReadOnlyList<IntermediaryServices> Services, string? Description, long? Version)
    : ICommand<Result<IntermediaryView>>;

public sealed class SaveIntermediaryServicesValidator : AbstractValidator<SaveIntermediaryServices>
{
    public SaveIntermediaryServicesValidator()
    {
        RuleFor(x => x.Services).NotEmpty().WithMessage("Name at least one service.");
        RuleForEach(x => x.Services).IsInEnum().NotEqual(IntermediaryServices.None);
        RuleFor(x => x.Description).MaximumLength(2000);
    }
}

public sealed class SaveIntermediaryServicesHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<SaveIntermediaryServices, Result<IntermediaryView>>
{
    public async ValueTask<Result<IntermediaryView>> Handle(SaveIntermediaryServices command, CancellationToken cancellationToken)
    {
        if (await db.Organisations.FindAsync([command.OrganisationId], cancellationToken) is not { } organisation)
        {
            return Error.NotFound("Organisation");
        }

        if (!current.IsInRole(Roles.Administrator) && await current.OrganisationIdAsync(cancellationToken) != organisation.Id)
        {
            return Error.Forbidden("Only the organisation's members register its services.");
        }

        if (organisation.Kind != OrganisationKind.Intermediary)
        {
            return Error.Conflict("not_an_intermediary", "Only intermediary organisations register services.");
        }

        var profile = await db.IntermediaryProfiles.FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id, cancellationToken);
        if (profile is null)
        {
            profile = new IntermediaryProfile { OrganisationId = organisation.Id };
            db.IntermediaryProfiles.Add(profile);
        }
        else if (!db.MatchesVersion(profile, command.Version ?? -1))
        {
            return Error.StaleVersion();
        }

        profile.Services = command.Services.Aggregate(IntermediaryServices.None, (a, s) => a | s);
        profile.Description = command.Description?.Trim() ?? "";
        await db.SaveChangesAsync(cancellationToken);
        var filing = await db.IntermediaryFilings.AsNoTracking().FirstOrDefaultAsync(f => f.ActiveOrganisationId == organisation.Id, cancellationToken);
        return IntermediaryViews.From(profile, filing, organisation, clock.Today());
    }

    public static async Task<Results<Ok<IntermediaryView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, SaveIntermediaryServicesBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SaveIntermediaryServices(id, body.Services, body.Description, body.Version), ct)).ToOk();
}

internal static class IntermediaryViews
{
    public static IntermediaryView From(IntermediaryProfile? p, IntermediaryFiling? f, Organisation o, DateOnly today)
    {
        var filed = f?.IsFiledOn(today) == true;
        return new(
            o.Id, o.NameZh, o.NameEn, o.RegionCode, o.RegionName, o.IsVerified,
            FilingViews.Services(filed ? f!.Services : p?.Services ?? f?.Services ?? IntermediaryServices.None),
            p?.Description ?? "", p?.Version ?? 0, filed, f?.State, f?.FilingNumber, f?.ExpiresOn);
    }
}
