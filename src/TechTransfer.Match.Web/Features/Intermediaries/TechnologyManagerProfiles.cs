using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Intermediaries;

public sealed record TechnologyManagerInput(
    string? Bio, string? CertificationNumber, CertificationLevel? CertificationLevel, string? IssuingBody, DateOnly? CertificationExpiresOn, long? Version,
    DateOnly? CertificationIssuedOn = null);

public sealed record TechnologyManagerView(
    Guid UserId, string DisplayName, Guid? OrganisationId, string? OrganisationNameZh, string? OrganisationNameEn, string Bio, string? CertificationNumber,
    CertificationLevel? CertificationLevel, string? IssuingBody, DateOnly? CertificationExpiresOn, VerificationStatus Verification, bool CertificationValid,
    DateTime? VerifiedAt, long Version, DateOnly? CertificationIssuedOn, decimal TrainingHoursThisYear);

internal static class TechnologyManagerViews
{
    public static TechnologyManagerView From(TechnologyManagerProfile p, string displayName, Organisation? organisation, DateOnly today, decimal trainingHours) => new(
        p.UserId, displayName, organisation?.Id ?? p.OrganisationId, organisation?.NameZh, organisation?.NameEn, p.Bio, p.CertificationNumber, p.CertificationLevel,
        p.IssuingBody, p.CertificationExpiresOn, p.Verification,
        p.Verification == VerificationStatus.Verified && (p.CertificationExpiresOn is null || p.CertificationExpiresOn >= today),
        p.VerifiedAt, p.Version, p.CertificationIssuedOn, trainingHours);

    /// <summary>
    /// The view of one profile, with its holder's display name and the organisation the holder belongs to now (the
    /// profile's own organisation is the one at its last save, and a manager may join one afterwards).
    /// </summary>
    public static async Task<TechnologyManagerView> ReadAsync(AppDbContext db, TechnologyManagerProfile p, DateOnly today, CancellationToken ct)
    {
        var holder = await db.Users.AsNoTracking().Where(u => u.Id == p.UserId).Select(u => new { u.DisplayName, u.OrganisationId }).FirstAsync(ct);
        var organisation = holder.OrganisationId is { } id ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) : null;
        return From(p, holder.DisplayName, organisation, today, (await TrainingHours.OfYearAsync(db, [p.UserId], today.Year, ct)).GetValueOrDefault(p.UserId));
    }
}

/// <summary>
/// A person applies to be a technology manager, or a manager updates their profile: bio and certification.
/// A new or changed certification needs verifying again, and until then the person has no broker powers.
/// </summary>
public sealed record SaveTechnologyManagerProfile(TechnologyManagerInput Input) : ICommand<Result<TechnologyManagerView>>;

public sealed class SaveTechnologyManagerProfileValidator : AbstractValidator<SaveTechnologyManagerProfile>
{
    public SaveTechnologyManagerProfileValidator()
    {
        RuleFor(x => x.Input).NotNull();
        When(x => x.Input is not null, () =>
        {
            RuleFor(x => x.Input.Bio).MaximumLength(2000);
            RuleFor(x => x.Input.CertificationNumber).MaximumLength(64);
            RuleFor(x => x.Input.IssuingBody).MaximumLength(200);
            RuleFor(x => x.Input.CertificationLevel).IsInEnum();
            RuleFor(x => x.Input.CertificationLevel).NotNull().When(x => !string.IsNullOrWhiteSpace(x.Input.CertificationNumber))
                .WithMessage("A certification has a level.");
            RuleFor(x => x.Input.IssuingBody).NotEmpty().When(x => !string.IsNullOrWhiteSpace(x.Input.CertificationNumber))
                .WithMessage("A certification has an issuing body.");
            RuleFor(x => x.Input.CertificationIssuedOn).LessThanOrEqualTo(x => x.Input.CertificationExpiresOn)
                .When(x => x.Input.CertificationIssuedOn is not null && x.Input.CertificationExpiresOn is not null)
                .WithMessage("A certification is issued before it expires.");
        });
    }
}

public sealed class SaveTechnologyManagerProfileHandler(AppDbContext db, CurrentUser current, TimeProvider clock)
    : ICommandHandler<SaveTechnologyManagerProfile, Result<TechnologyManagerView>>
{
    public async ValueTask<Result<TechnologyManagerView>> Handle(SaveTechnologyManagerProfile command, CancellationToken cancellationToken)
    {
        if (current.Id is not { } userId)
        {
            return Error.Unauthorized();
        }

        var input = command.Input;
        var profile = await db.TechnologyManagerProfiles.FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (profile is null)
        {
            profile = new TechnologyManagerProfile { UserId = userId };
            db.TechnologyManagerProfiles.Add(profile);
        }
        else if (!db.MatchesVersion(profile, input.Version ?? -1))
        {
            return Error.StaleVersion();
        }

        var certificationChanged = profile.CertificationNumber != input.CertificationNumber?.Trim() || profile.CertificationLevel != input.CertificationLevel
            || profile.IssuingBody != input.IssuingBody?.Trim() || profile.CertificationExpiresOn != input.CertificationExpiresOn
            || profile.CertificationIssuedOn != input.CertificationIssuedOn;
        profile.Bio = input.Bio?.Trim() ?? "";
        profile.OrganisationId = await current.OrganisationIdAsync(cancellationToken);
        if (certificationChanged)
        {
            profile.CertificationNumber = input.CertificationNumber?.Trim();
            profile.CertificationLevel = input.CertificationLevel;
            profile.IssuingBody = input.IssuingBody?.Trim();
            profile.CertificationExpiresOn = input.CertificationExpiresOn;
            profile.CertificationIssuedOn = input.CertificationIssuedOn;
            profile.Verification = VerificationStatus.Pending;
            profile.VerifiedBy = null;
            profile.VerifiedAt = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        return await TechnologyManagerViews.ReadAsync(db, profile, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
    }

    public static async Task<Results<Ok<TechnologyManagerView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        TechnologyManagerInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SaveTechnologyManagerProfile(body), ct)).ToOk();
}

public sealed record VerifyTechnologyManagerBody(VerificationStatus Status, long Version, string? Reason = null);

/// <summary>
/// An administrator or the bureau verifies a technology-manager application (the person gains the broker
/// powers), rejects it, or revokes a verification (rejecting a verified manager: the powers end at once).
/// </summary>
public sealed record VerifyTechnologyManager(Guid UserId, VerificationStatus Status, long Version, string? Reason = null) : ICommand<Result<TechnologyManagerView>>;

public sealed class VerifyTechnologyManagerValidator : AbstractValidator<VerifyTechnologyManager>
{
    public VerifyTechnologyManagerValidator()
    {
        RuleFor(x => x.Status).IsInEnum().NotEqual(VerificationStatus.Pending).WithMessage("Verify or reject the application.");
        RuleFor(x => x.Reason).MaximumLength(1000);
    }
}

public sealed class VerifyTechnologyManagerHandler(AppDbContext db, CurrentUser current, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<VerifyTechnologyManager, Result<TechnologyManagerView>>
{
    public async ValueTask<Result<TechnologyManagerView>> Handle(VerifyTechnologyManager command, CancellationToken cancellationToken)
    {
        var profile = await db.TechnologyManagerProfiles.FirstOrDefaultAsync(p => p.UserId == command.UserId, cancellationToken);
        if (profile is null)
        {
            return Error.NotFound("Technology manager profile");
        }

        if (!db.MatchesVersion(profile, command.Version))
        {
            return Error.StaleVersion();
        }

        if (command.Status == VerificationStatus.Verified && string.IsNullOrEmpty(profile.CertificationNumber))
        {
            return Error.Conflict("no_certification", "The profile states no certification to verify.");
        }

        if (command.Status == VerificationStatus.Verified && profile.CertificationExpiresOn < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
        {
            return Error.Conflict("certification_expired", "The certification has expired; the applicant renews it first.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var action = command.Status == VerificationStatus.Verified ? "manager.verified"
            : profile.Verification == VerificationStatus.Verified ? "manager.revoked" : "manager.rejected";
        audit.Record(action, "technology-manager", profile.UserId, new { certification = profile.CertificationNumber, reason = command.Reason });
        profile.Verification = command.Status;
        profile.VerifiedBy = current.Id;
        profile.VerifiedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return await TechnologyManagerViews.ReadAsync(db, profile, DateOnly.FromDateTime(now), cancellationToken);
    }

    public static async Task<Results<Ok<TechnologyManagerView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid userId, VerifyTechnologyManagerBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new VerifyTechnologyManager(userId, body.Status, body.Version, body.Reason), ct)).ToOk();
}

/// <summary>A technology manager's public profile; an application that is not verified only to its author and to verifiers.</summary>
public sealed record GetTechnologyManager(Guid UserId) : IQuery<Result<TechnologyManagerView>>;

public sealed class GetTechnologyManagerHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<GetTechnologyManager, Result<TechnologyManagerView>>
{
    public async ValueTask<Result<TechnologyManagerView>> Handle(GetTechnologyManager query, CancellationToken cancellationToken)
    {
        var profile = await db.TechnologyManagerProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == query.UserId, cancellationToken);
        var mayReadApplication = current.Id == query.UserId || current.IsInRole(Roles.Administrator) || current.IsInRole(Roles.BureauAnalyst);
        if (profile is null || (profile.Verification != VerificationStatus.Verified && !mayReadApplication))
        {
            return Error.NotFound("Technology manager profile");
        }

        return await TechnologyManagerViews.ReadAsync(db, profile, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
    }

    public static async Task<Results<Ok<TechnologyManagerView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid userId, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetTechnologyManager(userId), ct)).ToOk();
}
