using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Matching;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;
using TechTransfer.Match.Web.Infrastructure.Matching;

namespace TechTransfer.Match.Web.Features.Matching;

public sealed record PreviewHit(Guid Id, string Title, double Score, MatchExplanation Explanation);

/// <summary>Scores a draft text against the published listings of the other kind before it is posted. Nothing is stored.</summary>
public sealed record PreviewMatches(
    ListingKind Kind, string Title, IReadOnlyList<string>? Keywords, string? Text, TechnicalField? Field, int? Trl,
    decimal? PriceMin, decimal? PriceMax, int Top = 10, bool LocalOnly = false) : IQuery<Result<IReadOnlyList<PreviewHit>>>;

public sealed class PreviewMatchesValidator : AbstractValidator<PreviewMatches>
{
    public PreviewMatchesValidator(MatchingOptions options)
    {
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Title).NotEmpty().Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Title must contain text.").MaximumLength(200);
        RuleFor(x => x.Text).MaximumLength(options.MaxTextLength);
        RuleFor(x => x.Keywords).Must(k => k is null || k.Count <= 12).WithMessage("At most 12 keywords.");
        RuleForEach(x => x.Keywords).NotEmpty().MaximumLength(40);
        RuleFor(x => x.Field).IsInEnum();
        RuleFor(x => x.Trl).InclusiveBetween(1, 9);
        RuleFor(x => x.PriceMin).GreaterThanOrEqualTo(0);
        RuleFor(x => x.PriceMax).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Top).InclusiveBetween(1, options.MaxTop);
    }
}

public sealed class PreviewMatchesHandler(AppDbContext db, CurrentUser current, MatchingIndex index, IOptions<PlatformOptions> platform)
    : IQueryHandler<PreviewMatches, Result<IReadOnlyList<PreviewHit>>>
{
    public async ValueTask<Result<IReadOnlyList<PreviewHit>>> Handle(PreviewMatches query, CancellationToken cancellationToken)
    {
        var orgId = await current.OrganisationIdAsync(cancellationToken);
        var region = orgId is { } id
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => o.RegionCode).FirstAsync(cancellationToken)
            : platform.Value.HomeRegionCode;
        var draft = new ListingDocument(Guid.NewGuid(), query.Kind, query.Title, string.Join(' ', query.Keywords ?? []), query.Text ?? "",
            (int)(query.Field ?? 0), query.Trl, query.PriceMin, query.PriceMax, region, orgId ?? Guid.Empty);
        IReadOnlyList<MatchResult> results;
        try
        {
            results = index.Engine.Preview(draft, new MatchQuery(query.Top, query.LocalOnly));
        }
        catch (ArgumentException e)
        {
            // The engine's own limits (text length, terms) are input errors, not faults.
            return Error.Invalid("text", e.Message);
        }

        var ids = results.Select(r => r.Id).ToList();
        var titles = query.Kind == ListingKind.Need
            ? await db.Achievements.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Title }).ToDictionaryAsync(a => a.Id, a => a.Title, cancellationToken)
            : await db.Needs.AsNoTracking().Where(n => ids.Contains(n.Id)).Select(n => new { n.Id, n.Title }).ToDictionaryAsync(n => n.Id, n => n.Title, cancellationToken);
        return results.Where(r => titles.ContainsKey(r.Id)).Select(r => new PreviewHit(r.Id, titles[r.Id], r.Score, r.Explanation)).ToList();
    }

    public static async Task<Results<Ok<IReadOnlyList<PreviewHit>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        PreviewMatches body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(body, ct)).ToOk();
}
