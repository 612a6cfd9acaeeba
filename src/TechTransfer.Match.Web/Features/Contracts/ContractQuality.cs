using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>How many findings of a kind are open and how many closed (dismissed, or duplicates marked).</summary>
public sealed record QualityKindCount(string Code, int Open, int Closed);

/// <summary>The year's contracts, the count per kind (the year filter only) and one page of the findings the filters match.</summary>
public sealed record QualityReport(int? Year, int Contracts, IReadOnlyList<QualityKindCount> Summary, Paged<QualityFinding> Findings);

/// <summary>
/// The bureau's data-quality findings (<see cref="QualityFindings"/>), filtered by year, kind and status
/// (<c>open</c>, the default; <c>closed</c>: dismissed or resolved; <c>all</c>) and paged.
/// </summary>
public sealed record GetContractQuality(int? Year, string? Kind, string? Status, int Page = 1, int PageSize = 20) : IQuery<Result<QualityReport>>;

/// <summary>The filters the page and the export share.</summary>
public static class QualityFilters
{
    public static readonly string[] Statuses = ["open", "closed", "all"];

    public static void Apply<T>(AbstractValidator<T> v, Func<T, int?> year, Func<T, string?> kind, Func<T, string?> status)
    {
        v.RuleFor(x => year(x)).InclusiveBetween(1985, 2200).OverridePropertyName("year");
        v.RuleFor(x => kind(x)).Must(k => k is null || QualityFindings.Codes.Contains(k))
            .WithMessage(_ => Infrastructure.Behaviours.ValidationText.Format("Unknown kind. Known: {0}.", string.Join(", ", QualityFindings.Codes)))
            .OverridePropertyName("kind");
        v.RuleFor(x => status(x)).Must(s => s is null || Statuses.Contains(s)).WithMessage("The status is open, closed or all.").OverridePropertyName("status");
    }

    public static IEnumerable<QualityFinding> Select(IEnumerable<QualityFinding> findings, string? kind, string? status) =>
        findings.Where(f => kind is null || f.Code == kind).Where(f => (status ?? "open") switch
        {
            "open" => f.IsOpen,
            "closed" => !f.IsOpen,
            _ => true,
        });
}

public sealed class GetContractQualityValidator : AbstractValidator<GetContractQuality>
{
    public GetContractQualityValidator()
    {
        QualityFilters.Apply(this, x => x.Year, x => x.Kind, x => x.Status);
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100);
    }
}

public sealed class GetContractQualityHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetContractQuality, Result<QualityReport>>
{
    public async ValueTask<Result<QualityReport>> Handle(GetContractQuality query, CancellationToken cancellationToken)
    {
        if (!ContractAccess.ReadsAll(current))
        {
            return Error.Forbidden("Data-quality findings are for the bureau and administrators.");
        }

        var (contracts, findings) = await QualityFindings.ComputeAsync(db, query.Year, cancellationToken);
        var summary = QualityFindings.Codes.Select(code => new QualityKindCount(code,
            findings.Count(f => f.Code == code && f.IsOpen), findings.Count(f => f.Code == code && !f.IsOpen))).ToList();
        var selected = QualityFilters.Select(findings, query.Kind, query.Status).ToList();
        var page = selected.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        return new QualityReport(query.Year, contracts, summary, new Paged<QualityFinding>(page, query.Page, query.PageSize, selected.Count));
    }

    public static async Task<Results<Ok<QualityReport>, ValidationProblem, ProblemHttpResult>> Endpoint(
        IMediator mediator, CancellationToken ct, int? year = null, string? kind = null, string? status = null, int page = 1, int pageSize = 20) =>
        (await mediator.Send(new GetContractQuality(year, kind, status, page, pageSize), ct)).ToOk();
}
