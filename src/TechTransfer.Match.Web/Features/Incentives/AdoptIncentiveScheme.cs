using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Incentives;

public sealed record AdoptIncentiveSchemeBody(int Revision, DateOnly EffectiveFrom, long Version);

/// <summary>
/// The bureau adopts one revision of a scheme: from <see cref="AdoptIncentiveSchemeBody.EffectiveFrom"/> on, contracts signed earn
/// entitlements computed with it. Adopting another revision later applies to the periods computed after; what was computed stays.
/// </summary>
public sealed record AdoptIncentiveScheme(Guid Id, int Revision, DateOnly EffectiveFrom, long Version) : ICommand<Result<IncentiveSchemeView>>;

public sealed class AdoptIncentiveSchemeValidator : AbstractValidator<AdoptIncentiveScheme>
{
    public AdoptIncentiveSchemeValidator(IOptions<IndicatorOptions> options)
    {
        RuleFor(x => x.Revision).GreaterThan(0);
        RuleFor(x => x.EffectiveFrom.Year).GreaterThanOrEqualTo(options.Value.EarliestYear).OverridePropertyName("effectiveFrom")
            .WithMessage(_ => ValidationText.Format("The date must not lie before {0}.", options.Value.EarliestYear));
    }
}

public sealed class AdoptIncentiveSchemeHandler(AppDbContext db, CurrentUser current, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<AdoptIncentiveScheme, Result<IncentiveSchemeView>>
{
    public async ValueTask<Result<IncentiveSchemeView>> Handle(AdoptIncentiveScheme command, CancellationToken cancellationToken)
    {
        if (await db.IncentiveSchemes.FindAsync([command.Id], cancellationToken) is not { } scheme)
        {
            return Error.NotFound("Incentive scheme");
        }

        if (!db.MatchesVersion(scheme, command.Version))
        {
            return Error.StaleVersion();
        }

        if (!await db.IncentiveSchemeRevisions.AnyAsync(r => r.SchemeId == scheme.Id && r.Number == command.Revision, cancellationToken))
        {
            return Error.Invalid("revision", ValidationText.Format("The scheme has no revision {0}.", command.Revision));
        }

        (scheme.AdoptedRevision, scheme.AdoptedFrom) = (command.Revision, command.EffectiveFrom);
        (scheme.AdoptedAt, scheme.AdoptedBy) = (clock.GetUtcNow().UtcDateTime, current.Id);
        audit.Record("incentive.adopted", "incentive-scheme", scheme.Id, new { command.Revision, command.EffectiveFrom });
        await db.SaveChangesAsync(cancellationToken);
        return await IncentiveViews.ViewAsync(db, scheme, cancellationToken);
    }

    public static async Task<Results<Ok<IncentiveSchemeView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, AdoptIncentiveSchemeBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new AdoptIncentiveScheme(id, body.Revision, body.EffectiveFrom, body.Version), ct)).ToOk();
}
