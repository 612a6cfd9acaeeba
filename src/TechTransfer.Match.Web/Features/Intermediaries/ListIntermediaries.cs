using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Intermediaries;

/// <summary>
/// The public directory of intermediaries (技术转移服务机构), optionally those offering a service: those filed with
/// the bureau and not expired, with the services of their filing. Administrators and the bureau see every
/// intermediary with a profile or a filing, whatever its state.
/// </summary>
public sealed record ListIntermediaries(IntermediaryServices? Service) : IQuery<Result<IReadOnlyList<IntermediaryView>>>;

public sealed class ListIntermediariesValidator : AbstractValidator<ListIntermediaries>
{
    public ListIntermediariesValidator() => RuleFor(x => x.Service).IsInEnum();
}

public sealed class ListIntermediariesHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<ListIntermediaries, Result<IReadOnlyList<IntermediaryView>>>
{
    public async ValueTask<Result<IReadOnlyList<IntermediaryView>>> Handle(ListIntermediaries query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var rows = IntermediaryDirectory.Rows(db);
        if (!current.OverseesRecords)
        {
            rows = rows.Where(r => r.Filing != null && r.Filing.State == FilingState.Filed && r.Filing.ExpiresOn > today);
        }

        var list = await rows.OrderBy(r => r.Organisation.NameZh).ThenBy(r => r.Organisation.Id).Take(1000).ToListAsync(cancellationToken);
        return list.Select(r => IntermediaryViews.From(r.Profile, r.Filing, r.Organisation, today))
            .Where(v => query.Service is not { } s || v.Services.Contains(s)).ToList();
    }

    public static async Task<Results<Ok<IReadOnlyList<IntermediaryView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        IntermediaryServices? service, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListIntermediaries(service), ct)).ToOk();
}

/// <summary>
/// One intermediary: public while filed; otherwise to its own members (who fill in its profile and filing) and to
/// administrators and the bureau. 404 when the organisation has neither a profile nor a filing.
/// </summary>
public sealed record GetIntermediary(Guid OrganisationId) : IQuery<Result<IntermediaryView>>;

public sealed class GetIntermediaryHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<GetIntermediary, Result<IntermediaryView>>
{
    public async ValueTask<Result<IntermediaryView>> Handle(GetIntermediary query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var row = await IntermediaryDirectory.Rows(db).FirstOrDefaultAsync(r => r.Organisation.Id == query.OrganisationId, cancellationToken);
        var view = row is null ? null : IntermediaryViews.From(row.Profile, row.Filing, row.Organisation, today);
        var mayRead = view is not null && (view.Filed || current.OverseesRecords || await current.OrganisationIdAsync(cancellationToken) == view.OrganisationId);
        return mayRead ? view! : Error.NotFound("Intermediary");
    }

    public static async Task<Results<Ok<IntermediaryView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetIntermediary(id), ct)).ToOk();
}

// Member initialisation, not a constructor, so that queries can go on filtering on the members.
internal sealed class DirectoryRow
{
    public required Organisation Organisation { get; init; }
    public IntermediaryProfile? Profile { get; init; }
    public IntermediaryFiling? Filing { get; init; }
}

internal static class IntermediaryDirectory
{
    /// <summary>Intermediary organisations with a profile or an active (not revoked) filing, each with both.</summary>
    public static IQueryable<DirectoryRow> Rows(AppDbContext db) =>
        from o in db.Organisations.AsNoTracking()
        where o.Kind == OrganisationKind.Intermediary
        join p in db.IntermediaryProfiles.AsNoTracking() on o.Id equals p.OrganisationId into profiles
        from p in profiles.DefaultIfEmpty()
        join f in db.IntermediaryFilings.AsNoTracking() on (Guid?)o.Id equals f.ActiveOrganisationId into filings
        from f in filings.DefaultIfEmpty()
        where p != null || f != null
        select new DirectoryRow { Organisation = o, Profile = p, Filing = f };
}
