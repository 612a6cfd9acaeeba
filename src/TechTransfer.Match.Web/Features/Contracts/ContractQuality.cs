using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

public sealed record QualityFinding(string Code, string Message, IReadOnlyList<Guid> ContractIds, IReadOnlyList<string?> RegistrationNumbers);

public sealed record QualityReport(int? Year, int Contracts, IReadOnlyList<QualityFinding> Findings);

/// <summary>
/// Data-quality findings the bureau lists: income above total, signed after registered, probable duplicates
/// under different numbers (same parties, amount and signing date), and amounts far outside their field's range
/// (more than 20 times above or below the field's median, fields with at least 5 contracts).
/// </summary>
public sealed record GetContractQuality(int? Year, int Limit = 500) : IQuery<Result<QualityReport>>;

public sealed class GetContractQualityValidator : FluentValidation.AbstractValidator<GetContractQuality>
{
    public GetContractQualityValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(1985, 2200);
        RuleFor(x => x.Limit).InclusiveBetween(1, 5000);
    }
}

public sealed class GetContractQualityHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetContractQuality, Result<QualityReport>>
{
    public const decimal OutlierFactor = 20m;

    public async ValueTask<Result<QualityReport>> Handle(GetContractQuality query, CancellationToken cancellationToken)
    {
        if (!ContractAccess.ReadsAll(current))
        {
            return Error.Forbidden("Data-quality findings are for the bureau and administrators.");
        }

        var contracts = db.Contracts.AsNoTracking();
        if (query.Year is { } year)
        {
            contracts = contracts.Where(c => c.Year == year);
        }

        var findings = new List<QualityFinding>();
        var total = await contracts.CountAsync(cancellationToken);

        var incomeAbove = await contracts.Where(c => c.TechnologyIncome > c.TotalAmount).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.RegistrationNumber }).Take(query.Limit).ToListAsync(cancellationToken);
        findings.AddRange(incomeAbove.Select(c => new QualityFinding("income_above_total", "The technology income exceeds the total amount.", [c.Id], [c.RegistrationNumber])));

        var signedAfter = await contracts.Where(c => c.RegisteredOn != null && c.SignedOn > c.RegisteredOn).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.RegistrationNumber }).Take(query.Limit).ToListAsync(cancellationToken);
        findings.AddRange(signedAfter.Select(c => new QualityFinding("signed_after_registered", "The contract was signed after it was registered.", [c.Id], [c.RegistrationNumber])));

        var duplicateKeys = await contracts
            .GroupBy(c => new { c.SellerOrganisationId, c.BuyerOrganisationId, c.TotalAmount, c.SignedOn })
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .Take(query.Limit)
            .ToListAsync(cancellationToken);
        foreach (var key in duplicateKeys)
        {
            var rows = await contracts
                .Where(c => c.SellerOrganisationId == key.SellerOrganisationId && c.BuyerOrganisationId == key.BuyerOrganisationId
                    && c.TotalAmount == key.TotalAmount && c.SignedOn == key.SignedOn)
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.RegistrationNumber }).ToListAsync(cancellationToken);
            findings.Add(new QualityFinding("probable_duplicate",
                "Same seller, buyer, amount and signing date under different registration numbers.",
                rows.Select(r => r.Id).ToList(), rows.Select(r => r.RegistrationNumber).ToList()));
        }

        // Medians per field: the database sorts, the application reads one value per field.
        foreach (var field in Enum.GetValues<TechnicalField>())
        {
            var inField = contracts.Where(c => c.Field == field);
            var count = await inField.CountAsync(cancellationToken);
            if (count < 5)
            {
                continue;
            }

            var median = await inField.OrderBy(c => c.TotalAmount).Skip(count / 2).Select(c => c.TotalAmount).FirstAsync(cancellationToken);
            if (median <= 0)
            {
                continue;
            }

            var high = median * OutlierFactor;
            var low = median / OutlierFactor;
            var outliers = await inField.Where(c => c.TotalAmount > high || c.TotalAmount < low).OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.RegistrationNumber, c.TotalAmount }).Take(query.Limit).ToListAsync(cancellationToken);
            findings.AddRange(outliers.Select(o => new QualityFinding("amount_outlier",
                $"The amount {o.TotalAmount:0.##} yuan is far outside the {field} median of {median:0.##} yuan.", [o.Id], [o.RegistrationNumber])));
        }

        return new QualityReport(query.Year, total, findings);
    }

    public static async Task<Results<Ok<QualityReport>, ValidationProblem, ProblemHttpResult>> Endpoint(
        int? year, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetContractQuality(year), ct)).ToOk();
}
