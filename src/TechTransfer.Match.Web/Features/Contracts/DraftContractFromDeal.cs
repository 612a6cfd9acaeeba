using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>
/// The contract form pre-filled from a signed deal's records: parties with their nature and region codes,
/// project name, field, transformation mode and amount from the achievement and the need, and the broker.
/// </summary>
public sealed record DraftContractFromDeal(Guid DealId) : IQuery<Result<ContractInput>>;

public sealed class DraftContractFromDealHandler(AppDbContext db, CurrentUser current, TimeProvider clock)
    : IQueryHandler<DraftContractFromDeal, Result<ContractInput>>
{
    public async ValueTask<Result<ContractInput>> Handle(DraftContractFromDeal query, CancellationToken cancellationToken)
    {
        var deal = await db.Deals.AsNoTracking().FirstOrDefaultAsync(d => d.Id == query.DealId, cancellationToken);
        // The form for whoever records or proposes the contract: the assigned manager, the bureau, the parties.
        if (deal is null || !(ContractAccess.MayRecordFromDeal(deal, current) || await ContractAccess.IsPartyAsync(deal, current, cancellationToken)))
        {
            return Error.NotFound("Deal");
        }

        var orgs = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == deal.SellerOrganisationId || o.Id == deal.BuyerOrganisationId).ToListAsync(cancellationToken);
        var seller = orgs.First(o => o.Id == deal.SellerOrganisationId);
        var buyer = orgs.First(o => o.Id == deal.BuyerOrganisationId);
        var achievement = deal.AchievementId is { } a ? await db.Achievements.AsNoTracking().FirstOrDefaultAsync(x => x.Id == a, cancellationToken) : null;
        var need = deal.NeedId is { } n ? await db.Needs.AsNoTracking().FirstOrDefaultAsync(x => x.Id == n, cancellationToken) : null;
        var mode = need?.CooperationMode switch
        {
            CooperationMode.Transfer => TransformationMode.Transfer,
            CooperationMode.Licence => TransformationMode.Licence,
            CooperationMode.EquityInvestment => TransformationMode.EquityInvestment,
            CooperationMode.JointDevelopment or CooperationMode.CommissionedDevelopment => TransformationMode.JointDevelopment,
            CooperationMode.TechnicalService => TransformationMode.TechnicalService,
            _ => achievement?.TransferModes switch
            {
                { } m when m.HasFlag(TransferModes.Transfer) => TransformationMode.Transfer,
                { } m when m.HasFlag(TransferModes.Licence) => TransformationMode.Licence,
                { } m when m.HasFlag(TransferModes.JointDevelopment) => TransformationMode.JointDevelopment,
                _ => TransformationMode.Transfer,
            },
        };
        var category = need?.CooperationMode switch
        {
            CooperationMode.JointDevelopment => ContractCategory.DevelopmentCooperative,
            CooperationMode.CommissionedDevelopment => ContractCategory.DevelopmentCommissioned,
            CooperationMode.Licence => ContractCategory.Licence,
            CooperationMode.TechnicalService => ContractCategory.Service,
            _ => ContractCategory.Transfer,
        };
        var amount = achievement?.PriceMin ?? need?.BudgetMax ?? 0m;
        return new ContractInput(
            null, deal.Title, category, mode,
            seller.Id, seller.NatureCode, seller.RegionCode, buyer.Id, buyer.NatureCode, buyer.RegionCode,
            achievement?.Field ?? need?.Field ?? TechnicalField.AdvancedManufacturing,
            amount, amount,
            DateOnly.FromDateTime((deal.SignedAt ?? clock.GetUtcNow().UtcDateTime)),
            null, null, null,
            achievement?.TransferModes.HasFlag(TransferModes.UseBeforeTransfer) == true ? achievement.TrialPeriodMonths : null,
            deal.ManagerUserId, deal.Id);
    }

    public static async Task<Results<Ok<ContractInput>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DraftContractFromDeal(id), ct)).ToOk();
}
