using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Indicators;

/// <summary>
/// How much registered contract value came through the platform's own deals (docs/indicators.md, Platform share):
/// the year's registered contracts (with a registration number), of which those recorded from a deal, with their
/// amount and the local share of that amount; per institution (the seller) and per technology manager (the deal's
/// broker). Reconciliation makes a platform contract and its registry row one record, so each is counted once.
/// </summary>
public sealed record GetPlatformShare(int Year, string? Format = null) : IQuery<Result<PlatformShareTable>>, IYearlyIndicator;

/// <summary>Registered contracts and amount (yuan); of them through platform deals; that share of the amount and the local share of the platform amount, in percent.</summary>
public sealed record PlatformShareRow(int Registered, decimal RegisteredAmount, int ViaPlatform, decimal PlatformAmount, decimal PlatformAmountPct, decimal LocalPlatformAmountPct)
{
    public static PlatformShareRow Of(IReadOnlyCollection<PlatformShareContract> contracts)
    {
        var platform = contracts.Where(c => c.ViaPlatform).ToList();
        var amount = contracts.Sum(c => c.Amount);
        var platformAmount = platform.Sum(c => c.Amount);
        return new(contracts.Count, amount, platform.Count, platformAmount, IndicatorRules.Percent(platformAmount, amount),
            IndicatorRules.Percent(platform.Where(c => c.IsLocal).Sum(c => c.Amount), platformAmount));
    }

    public object?[] Cells() => [Registered, RegisteredAmount, ViaPlatform, PlatformAmount, PlatformAmountPct, LocalPlatformAmountPct];
}

public sealed record PlatformShareContract(Guid SellerId, bool SellerIsInstitution, Guid? BrokerUserId, bool ViaPlatform, decimal Amount, bool IsLocal);

public sealed record PlatformShareInstitution(InstitutionRef Institution, PlatformShareRow Share);

public sealed record PlatformShareManager(Guid UserId, string Name, PlatformShareRow Share);

public sealed record PlatformShareTable(int Year, IReadOnlyList<PlatformShareInstitution> Institutions, IReadOnlyList<PlatformShareManager> Managers, PlatformShareRow Total)
    : IExportable
{
    public ExportTable ToTable()
    {
        ExportColumn[] columns =
        [
            new("单位/技术经理人", "Institution / technology manager"), new("登记合同数(项)", "Registered contracts"), new("登记金额(元)", "Registered amount (yuan)"),
            new("经平台对接(项)", "Through platform deals"), new("平台对接金额(元)", "Platform amount (yuan)"),
            new("平台金额占比(%)", "Platform share of amount (%)"), new("平台金额本地占比(%)", "Local share of platform amount (%)"),
        ];
        var rows = Institutions.Select(r => (object?[])[ExportText.Of(r.Institution), .. r.Share.Cells()])
            .Concat(Managers.Select(m => (object?[])[new ExportText(m.Name, m.Name), .. m.Share.Cells()]))
            .Append([ExportText.Total, .. Total.Cells()]).ToList();
        return new ExportTable($"platform-share-{Year}", columns, rows);
    }
}

public sealed class GetPlatformShareValidator(IOptions<IndicatorOptions> options, TimeProvider clock)
    : IndicatorQueryValidator<GetPlatformShare>(options.Value, clock);

public sealed class GetPlatformShareHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetPlatformShare, Result<PlatformShareTable>>
{
    // Per manager the rows name people and their deals across institutions: the bureau and administrators only.
    public async ValueTask<Result<PlatformShareTable>> Handle(GetPlatformShare query, CancellationToken cancellationToken) =>
        await IndicatorScope.ReadAsync(current, db, null, _ => AnswerAsync(query, cancellationToken), cancellationToken, membersAllowed: false);

    private async Task<Result<PlatformShareTable>> AnswerAsync(GetPlatformShare query, CancellationToken cancellationToken)
    {
        // Summed in memory: a year's registered contracts are a few thousand rows, and SQLite cannot sum decimals.
        var contracts = await db.CountedContracts
            .Where(c => c.Year == query.Year && c.RegistrationNumber != null)
            .Select(c => new PlatformShareContract(c.SellerOrganisationId, c.SellerOrganisation!.Kind == OrganisationKind.Institution, c.BrokerUserId,
                c.DealId != null, c.TotalAmount, c.IsLocal))
            .ToListAsync(cancellationToken);
        var names = await IndicatorQueries.NamesAsync(db, contracts.Where(c => c.SellerIsInstitution).Select(c => c.SellerId), cancellationToken);
        var institutions = contracts.Where(c => c.SellerIsInstitution).GroupBy(c => c.SellerId)
            .Select(g => new PlatformShareInstitution(names[g.Key], PlatformShareRow.Of(g.ToList())))
            .OrderByDescending(r => r.Share.PlatformAmount).ThenBy(r => r.Institution.NameEn, StringComparer.Ordinal).ToList();
        var brokered = contracts.Where(c => c.ViaPlatform && c.BrokerUserId != null).GroupBy(c => c.BrokerUserId!.Value).ToList();
        var brokers = brokered.Select(g => g.Key).ToList();
        var people = await db.Users.AsNoTracking().Where(u => brokers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var managers = brokered
            .Select(g => new PlatformShareManager(g.Key, people.GetValueOrDefault(g.Key) ?? "", PlatformShareRow.Of(g.ToList())))
            .OrderByDescending(r => r.Share.PlatformAmount).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new PlatformShareTable(query.Year, institutions, managers, PlatformShareRow.Of(contracts));
    }

    public static async Task<Results<Ok<PlatformShareTable>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Endpoint(
        int year, string? format, HttpContext http, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetPlatformShare(year, format), ct)).Respond(format, http);
}
