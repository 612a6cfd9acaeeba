using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>
/// Records a technology contract: from a signed deal by its assigned manager or the bureau (parties, proposal,
/// achievement and broker come from the deal), or one that did not come through the platform (the bureau).
/// The deal's parties propose instead (ProposeContract). Whether it is local is derived from the buyer's
/// region and the home city, never typed in.
/// </summary>
public sealed record RecordContract(ContractInput Input) : ICommand<Result<ContractView>>;

public sealed class RecordContractValidator : AbstractValidator<RecordContract>
{
    public RecordContractValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new ContractInputValidator());
}

public sealed class RecordContractHandler(AppDbContext db, CurrentUser current, IOptions<PlatformOptions> platform)
    : ICommandHandler<RecordContract, Result<ContractView>>
{
    public async ValueTask<Result<ContractView>> Handle(RecordContract command, CancellationToken cancellationToken)
    {
        var input = command.Input;
        Deal? deal = null;
        if (input.DealId is { } dealId)
        {
            deal = await db.Deals.AsNoTracking().FirstOrDefaultAsync(d => d.Id == dealId, cancellationToken);
            if (deal is null || !await Deals.DealAccess.MaySeeAsync(deal, current, cancellationToken))
            {
                return Error.NotFound("Deal");
            }

            if (!ContractAccess.MayRecordFromDeal(deal, current))
            {
                return Error.Forbidden("The deal's assigned technology manager or the bureau records its contract; a party proposes it for the other party to confirm.");
            }
        }
        else if (!ContractAccess.MayRecordWithoutDeal(current))
        {
            return Error.Forbidden("Contracts that came through no deal are recorded by the bureau.");
        }

        return await ContractRecording.RecordAsync(db, input, deal, platform.Value, cancellationToken);
    }

    public static async Task<Results<Created<ContractView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        ContractInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new RecordContract(body), ct)).ToCreated(c => $"/api/contracts/{c.Id}");
}

/// <summary>Writes a contract once whoever records it was found entitled (RecordContract, ConfirmContract).</summary>
internal static class ContractRecording
{
    public static async Task<Result<ContractView>> RecordAsync(AppDbContext db, ContractInput input, Deal? deal, PlatformOptions platform, CancellationToken cancellationToken)
    {
        var contract = new TechnologyContract { Source = ContractSource.Manual };
        Guid sellerId, buyerId;
        if (deal is not null)
        {
            if (deal.Stage != DealStage.Signed)
            {
                return Error.Conflict("deal_not_signed", "A contract is recorded from a deal once the deal is signed.");
            }

            if (await db.Contracts.AnyAsync(c => c.DealId == deal.Id, cancellationToken))
            {
                return Error.Conflict("contract_exists", "A contract is already recorded for this deal.");
            }

            sellerId = deal.SellerOrganisationId;
            buyerId = deal.BuyerOrganisationId;
            contract.DealId = deal.Id;
            contract.ProposalId = deal.ProposalId;
            contract.AchievementId = deal.AchievementId;
            contract.BrokerUserId = input.BrokerUserId ?? deal.ManagerUserId;
            contract.Source = ContractSource.Platform;
        }
        else
        {
            sellerId = input.SellerOrganisationId!.Value;
            buyerId = input.BuyerOrganisationId!.Value;
            contract.BrokerUserId = input.BrokerUserId;
        }

        var seller = await db.Organisations.FindAsync([sellerId], cancellationToken);
        var buyer = await db.Organisations.FindAsync([buyerId], cancellationToken);
        if (seller is null)
        {
            return Error.Invalid("sellerOrganisationId", "No such organisation.");
        }

        if (buyer is null)
        {
            return Error.Invalid("buyerOrganisationId", "No such organisation.");
        }

        if (sellerId == buyerId)
        {
            return Error.Invalid("buyerOrganisationId", "Seller and buyer are different organisations.");
        }

        if (!string.IsNullOrEmpty(input.RegistrationNumber)
            && await db.Contracts.AnyAsync(c => c.RegistrationNumber == input.RegistrationNumber, cancellationToken))
        {
            return Error.Conflict("duplicate_registration_number", "A contract with this registration number is already recorded.");
        }

        contract.SellerOrganisationId = seller.Id;
        contract.BuyerOrganisationId = buyer.Id;
        contract.Apply(input, seller, buyer);
        contract.Derive(platform.IsInHomeCity);
        contract.Raise(new ContractRecorded(contract.Id, seller.Id, buyer.Id, contract.Year, contract.TotalAmount, contract.TechnologyIncome,
            contract.IsLocal, contract.Field, contract.DealId, contract.Source));
        db.Contracts.Add(contract);
        db.ContractAudits.Add(new ContractAudit { ContractId = contract.Id, Change = ContractChange.Recorded, Changes = JsonSerializer.Serialize(new { source = contract.Source.ToString() }) });
        await db.SaveChangesAsync(cancellationToken);
        return ContractView.From(contract, seller, buyer);
    }
}

internal static class ContractMapping
{
    public static void Apply(this TechnologyContract c, ContractInput input, Organisation seller, Organisation buyer)
    {
        c.RegistrationNumber = string.IsNullOrEmpty(input.RegistrationNumber) ? null : input.RegistrationNumber;
        c.ProjectName = input.ProjectName.Trim();
        c.Category = input.Category;
        c.TransformationMode = input.TransformationMode;
        c.SellerNatureCode = Blank(input.SellerNatureCode) ?? seller.NatureCode ?? "";
        c.SellerRegionCode = Blank(input.SellerRegionCode) ?? seller.RegionCode;
        c.BuyerNatureCode = Blank(input.BuyerNatureCode) ?? buyer.NatureCode ?? "";
        c.BuyerRegionCode = Blank(input.BuyerRegionCode) ?? buyer.RegionCode;
        c.Field = input.Field;
        c.TotalAmount = input.TotalAmount;
        c.TechnologyIncome = input.TechnologyIncome;
        c.SignedOn = input.SignedOn;
        c.RegisteredOn = input.RegisteredOn;
        c.ValidFrom = input.ValidFrom;
        c.ValidTo = input.ValidTo;
        c.TrialPeriodMonths = input.TrialPeriodMonths;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
