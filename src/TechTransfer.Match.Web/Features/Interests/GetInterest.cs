using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Interests;

/// <summary>One interest, for either side (identity of an "after consent" receiver hidden until acceptance).</summary>
public sealed record GetInterest(Guid Id) : IQuery<Result<InterestView>>;

public sealed class GetInterestHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetInterest, Result<InterestView>>
{
    public async ValueTask<Result<InterestView>> Handle(GetInterest query, CancellationToken cancellationToken)
    {
        var mine = await current.OrganisationIdAsync(cancellationToken);
        var interest = await db.Interests.AsNoTracking().FirstOrDefaultAsync(i => i.Id == query.Id, cancellationToken);
        if (interest is null || !InterestAccess.MaySee(interest, mine, current))
        {
            return Error.NotFound("Interest");
        }

        var privileged = current.IsInRole(Roles.Administrator) || current.IsInRole(Roles.BureauAnalyst);
        return await InterestAccess.ViewAsync(db, interest, mine, privileged, cancellationToken);
    }

    public static async Task<Results<Ok<InterestView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetInterest(id), ct)).ToOk();
}
