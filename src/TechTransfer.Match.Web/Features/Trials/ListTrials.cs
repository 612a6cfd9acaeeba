using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Deals;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Trials;

public sealed record TrialListItem(
    Guid Id, Guid DealId, string DealTitle, DealOrganisation Seller, DealOrganisation Buyer, DateOnly StartsOn, DateOnly EndsOn,
    TrialPaymentMode PaymentMode, decimal AgreedPrice, TrialState State, Guid? ContractId, DateOnly? NextMilestoneOn, long Version);

/// <summary>
/// The trials the caller takes part in: their organisation's as seller or buyer, and those of the deals they broker;
/// the bureau and administrators see every trial.
/// </summary>
public sealed record ListTrials(TrialState? State, int Page = 1, int PageSize = 20) : IQuery<Result<Paged<TrialListItem>>>;

public sealed class ListTrialsValidator : AbstractValidator<ListTrials>
{
    public ListTrialsValidator()
    {
        RuleFor(x => x.State).IsInEnum();
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100);
    }
}

public sealed class ListTrialsHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListTrials, Result<Paged<TrialListItem>>>
{
    public async ValueTask<Result<Paged<TrialListItem>>> Handle(ListTrials query, CancellationToken cancellationToken)
    {
        var trials = db.Trials.AsNoTracking();
        if (!current.OverseesRecords)
        {
            var mine = await current.OrganisationIdAsync(cancellationToken);
            var me = current.Id;
            trials = trials.Where(t => t.SellerOrganisationId == mine || t.BuyerOrganisationId == mine
                || db.Deals.Any(d => d.Id == t.DealId && d.ManagerUserId == me));
        }

        if (query.State is { } state)
        {
            trials = trials.Where(t => t.State == state);
        }

        return await trials.OrderByDescending(t => t.StartsOn).ThenBy(t => t.Id)
            .Select(t => new TrialListItem(
                t.Id, t.DealId, db.Deals.Where(d => d.Id == t.DealId).Select(d => d.Title).First(),
                db.Organisations.Where(o => o.Id == t.SellerOrganisationId).Select(o => new DealOrganisation(o.Id, o.NameZh, o.RegionCode)).First(),
                db.Organisations.Where(o => o.Id == t.BuyerOrganisationId).Select(o => new DealOrganisation(o.Id, o.NameZh, o.RegionCode)).First(),
                t.StartsOn, t.EndsOn, t.PaymentMode, t.AgreedPrice, t.State, t.ContractId,
                db.TrialMilestones.Where(m => m.TrialId == t.Id && m.RemindedAt == null).OrderBy(m => m.DueOn).Select(m => (DateOnly?)m.DueOn).FirstOrDefault(),
                t.Version))
            .ToPageAsync(query.Page, query.PageSize, cancellationToken);
    }

    public static async Task<Results<Ok<Paged<TrialListItem>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        TrialState? state, IMediator mediator, CancellationToken ct, int page = 1, int pageSize = 20) =>
        (await mediator.Send(new ListTrials(state, page, pageSize), ct)).ToOk();
}

/// <summary>One trial with its milestones, for those who may read its deal.</summary>
public sealed record GetTrial(Guid Id) : IQuery<Result<TrialView>>;

public sealed class GetTrialHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetTrial, Result<TrialView>>
{
    public async ValueTask<Result<TrialView>> Handle(GetTrial query, CancellationToken cancellationToken)
    {
        var found = await TrialRules.FindAsync(db, query.Id, current, track: false, cancellationToken);
        return found is { } f ? await TrialRules.ViewAsync(db, f.Trial, current, cancellationToken) : Error.NotFound("Trial");
    }

    public static async Task<Results<Ok<TrialView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetTrial(id), ct)).ToOk();
}
