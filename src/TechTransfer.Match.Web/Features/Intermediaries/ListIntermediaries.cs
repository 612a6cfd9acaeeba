using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Intermediaries;

/// <summary>
/// The public directory of intermediaries (技术转移服务机构), optionally those offering a service. Only verified
/// organisations are listed, except to administrators and the bureau, who also see those waiting for verification.
/// </summary>
public sealed record ListIntermediaries(IntermediaryServices? Service) : IQuery<Result<IReadOnlyList<IntermediaryView>>>;

public sealed class ListIntermediariesValidator : AbstractValidator<ListIntermediaries>
{
    public ListIntermediariesValidator() => RuleFor(x => x.Service).IsInEnum();
}

public sealed class ListIntermediariesHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListIntermediaries, Result<IReadOnlyList<IntermediaryView>>>
{
    public async ValueTask<Result<IReadOnlyList<IntermediaryView>>> Handle(ListIntermediaries query, CancellationToken cancellationToken)
    {
        var profiles = db.IntermediaryProfiles.AsNoTracking().Include(p => p.Organisation).AsQueryable();
        if (!current.OverseesRecords)
        {
            profiles = profiles.Where(p => p.Organisation!.Verification == VerificationStatus.Verified);
        }

        var rows = await profiles.OrderBy(p => p.Organisation!.NameZh).ThenBy(p => p.OrganisationId).Take(1000).ToListAsync(cancellationToken);
        return rows.Where(p => query.Service is not { } s || p.Services.HasFlag(s)).Select(p => IntermediaryViews.From(p, p.Organisation!)).ToList();
    }

    public static async Task<Results<Ok<IReadOnlyList<IntermediaryView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        IntermediaryServices? service, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListIntermediaries(service), ct)).ToOk();
}

/// <summary>
/// One intermediary's services: public once the organisation is verified; before that, to its own members (who
/// fill it in) and to administrators and the bureau. 404 when the organisation has registered no services.
/// </summary>
public sealed record GetIntermediary(Guid OrganisationId) : IQuery<Result<IntermediaryView>>;

public sealed class GetIntermediaryHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetIntermediary, Result<IntermediaryView>>
{
    public async ValueTask<Result<IntermediaryView>> Handle(GetIntermediary query, CancellationToken cancellationToken)
    {
        var profile = await db.IntermediaryProfiles.AsNoTracking().Include(p => p.Organisation)
            .FirstOrDefaultAsync(p => p.OrganisationId == query.OrganisationId, cancellationToken);
        var mayRead = profile is not null && (profile.Organisation!.IsVerified || current.OverseesRecords
            || await current.OrganisationIdAsync(cancellationToken) == profile.OrganisationId);
        return mayRead ? IntermediaryViews.From(profile!, profile!.Organisation!) : Error.NotFound("Intermediary");
    }

    public static async Task<Results<Ok<IntermediaryView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetIntermediary(id), ct)).ToOk();
}
