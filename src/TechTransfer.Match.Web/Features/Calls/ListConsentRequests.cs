using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>
/// The proposals of the caller's organisation waiting for its consent on open calls before their deadline, those the
/// caller may decide (not their own). Empty for anyone else: nobody learns of another organisation's proposals.
/// </summary>
public sealed record ListConsentRequests : IQuery<Result<IReadOnlyList<ConsentRequestView>>>;

public sealed class ListConsentRequestsHandler(AppDbContext db, CurrentUser current, TimeProvider clock)
    : IQueryHandler<ListConsentRequests, Result<IReadOnlyList<ConsentRequestView>>>
{
    public async ValueTask<Result<IReadOnlyList<ConsentRequestView>>> Handle(ListConsentRequests query, CancellationToken cancellationToken)
    {
        var (org, _, verified) = await current.OrganisationAsync(cancellationToken);
        if (org is null || !verified)
        {
            return new List<ConsentRequestView>();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await (from p in db.CallProposals.AsNoTracking()
                          join c in db.Calls.AsNoTracking() on p.CallId equals c.Id
                          join o in db.Organisations.AsNoTracking() on p.OrganisationId equals o.Id
                          join u in db.Users.AsNoTracking() on p.SubmittedBy equals u.Id
                          where p.OrganisationId == org && p.Consent == ProposalConsent.Pending && p.SubmittedBy != current.Id
                              && c.State == CallState.Open && c.Deadline > now
                          orderby c.Deadline, p.Id
                          select new { p, c, Org = new CallOrganisation(o.Id, o.NameZh, o.RegionCode), u.DisplayName })
            .Take(200).ToListAsync(cancellationToken);
        List<ConsentRequestView> result = [.. rows.Select(r => new ConsentRequestView(ProposalReading.View(r.c, r.p, r.Org, null), r.c.Title, r.c.Deadline, r.DisplayName))];
        return result;
    }

    public static async Task<Results<Ok<IReadOnlyList<ConsentRequestView>>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListConsentRequests(), ct)).ToOk();
}
