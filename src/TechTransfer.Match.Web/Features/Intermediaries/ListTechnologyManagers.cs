using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Intermediaries;

/// <summary>
/// Technology managers with their certification. Administrators list any verification status (the
/// pending ones are their work queue); everyone else sees only verified managers.
/// </summary>
public sealed record ListTechnologyManagers(VerificationStatus? Verification) : IQuery<Result<IReadOnlyList<TechnologyManagerView>>>;

public sealed class ListTechnologyManagersValidator : AbstractValidator<ListTechnologyManagers>
{
    public ListTechnologyManagersValidator() => RuleFor(x => x.Verification).IsInEnum();
}

public sealed class ListTechnologyManagersHandler(AppDbContext db, CurrentUser current, TimeProvider clock)
    : IQueryHandler<ListTechnologyManagers, Result<IReadOnlyList<TechnologyManagerView>>>
{
    private const int Shown = 200;

    public async ValueTask<Result<IReadOnlyList<TechnologyManagerView>>> Handle(ListTechnologyManagers query, CancellationToken cancellationToken)
    {
        // The verification queue is for those who verify; everyone else sees verified managers only.
        var status = current.IsInRole(Roles.Administrator) || current.IsInRole(Roles.BureauAnalyst) ? query.Verification : VerificationStatus.Verified;
        var rows = await (from p in db.TechnologyManagerProfiles.AsNoTracking()
                          join u in db.Users on p.UserId equals u.Id
                          join o in db.Organisations on u.OrganisationId equals o.Id into orgs
                          from o in orgs.DefaultIfEmpty()
                          where status == null || p.Verification == status
                          orderby p.UpdatedAt, p.UserId
                          select new { Profile = p, u.DisplayName, Organisation = o }).Take(Shown).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var hours = await TrainingHours.OfYearAsync(db, rows.Select(r => r.Profile.UserId).ToList(), today.Year, cancellationToken);
        return rows.Select(r => TechnologyManagerViews.From(r.Profile, r.DisplayName, r.Organisation, today, hours.GetValueOrDefault(r.Profile.UserId))).ToList();
    }

    public static async Task<Results<Ok<IReadOnlyList<TechnologyManagerView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        VerificationStatus? verification, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListTechnologyManagers(verification), ct)).ToOk();
}
