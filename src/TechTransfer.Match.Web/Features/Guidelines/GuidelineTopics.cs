using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Guidelines;

public sealed record GuidelineTopicView(
    Guid Id, string Title, TechnicalField Field, int Year, string Summary, IReadOnlyList<ClusterNeed> Needs, IReadOnlyList<ClusterFirm> CoFunders,
    decimal CombinedBudget, GuidelineTopicStatus Status, long Version);

/// <summary>The bureau turns a cluster of unmet needs into a draft guideline topic; the needs' firms are its possible co-funders.</summary>
public sealed record DraftGuidelineTopic(string Title, TechnicalField Field, int Year, string Summary, IReadOnlyList<Guid> NeedIds) : ICommand<Result<GuidelineTopicView>>;

public sealed class DraftGuidelineTopicValidator : AbstractValidator<DraftGuidelineTopic>
{
    public DraftGuidelineTopicValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(300);
        RuleFor(x => x.Field).IsInEnum();
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100);
        RuleFor(x => x.Summary).MaximumLength(4000);
        RuleFor(x => x.NeedIds).NotEmpty().Must(n => n.Count <= 500).WithMessage("A topic gathers at most 500 needs.");
    }
}

public sealed class DraftGuidelineTopicHandler(AppDbContext db) : ICommandHandler<DraftGuidelineTopic, Result<GuidelineTopicView>>
{
    public async ValueTask<Result<GuidelineTopicView>> Handle(DraftGuidelineTopic command, CancellationToken cancellationToken)
    {
        var ids = command.NeedIds.Distinct().ToList();
        var needs = await db.Needs.AsNoTracking().Where(n => ids.Contains(n.Id) && n.Status == ListingStatus.Published)
            .Select(n => new { n.OrganisationId, Budget = n.BudgetMax ?? n.BudgetMin }).ToListAsync(cancellationToken);
        if (needs.Count != ids.Count)
        {
            return Error.Invalid("needIds", "Every need of a topic is a published need.");
        }

        var topic = new GuidelineTopic
        {
            Title = command.Title.Trim(), Field = command.Field, Year = command.Year, Summary = command.Summary.Trim(), NeedIds = ids,
            CoFunderIds = needs.Select(n => n.OrganisationId).Distinct().ToList(), CombinedBudget = needs.Sum(n => n.Budget ?? 0),
            Status = GuidelineTopicStatus.Draft,
        };
        db.GuidelineTopics.Add(topic);
        await db.SaveChangesAsync(cancellationToken);
        return (await GuidelineTopicViews.ReadAsync(db, [topic], cancellationToken))[0];
    }

    public static async Task<Results<Created<GuidelineTopicView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        DraftGuidelineTopic body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(body, ct)).ToCreated(t => $"/api/guidelines/topics/{t.Id}");
}

public sealed record GuidelineTopicStatusBody(GuidelineTopicStatus Status, long Version);

/// <summary>The bureau adopts a draft topic into the year's guidelines, drops it, or returns it to draft.</summary>
public sealed record SetGuidelineTopicStatus(Guid Id, GuidelineTopicStatus Status, long Version) : ICommand<Result<GuidelineTopicView>>;

public sealed class SetGuidelineTopicStatusValidator : AbstractValidator<SetGuidelineTopicStatus>
{
    public SetGuidelineTopicStatusValidator() => RuleFor(x => x.Status).IsInEnum();
}

public sealed class SetGuidelineTopicStatusHandler(AppDbContext db) : ICommandHandler<SetGuidelineTopicStatus, Result<GuidelineTopicView>>
{
    public async ValueTask<Result<GuidelineTopicView>> Handle(SetGuidelineTopicStatus command, CancellationToken cancellationToken)
    {
        if (await db.GuidelineTopics.FindAsync([command.Id], cancellationToken) is not { } topic)
        {
            return Error.NotFound("Guideline topic");
        }

        if (!db.MatchesVersion(topic, command.Version))
        {
            return Error.StaleVersion();
        }

        topic.Status = command.Status;
        await db.SaveChangesAsync(cancellationToken);
        return (await GuidelineTopicViews.ReadAsync(db, [topic], cancellationToken))[0];
    }

    public static async Task<Results<Ok<GuidelineTopicView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, GuidelineTopicStatusBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SetGuidelineTopicStatus(id, body.Status, body.Version), ct)).ToOk();
}

/// <summary>The draft guideline topics of a year (all years when none is given), newest first.</summary>
public sealed record ListGuidelineTopics(int? Year) : IQuery<Result<IReadOnlyList<GuidelineTopicView>>>;

public sealed class ListGuidelineTopicsHandler(AppDbContext db) : IQueryHandler<ListGuidelineTopics, Result<IReadOnlyList<GuidelineTopicView>>>
{
    public async ValueTask<Result<IReadOnlyList<GuidelineTopicView>>> Handle(ListGuidelineTopics query, CancellationToken cancellationToken)
    {
        var topics = await db.GuidelineTopics.AsNoTracking().Where(t => query.Year == null || t.Year == query.Year)
            .OrderByDescending(t => t.Year).ThenBy(t => t.Title).Take(500).ToListAsync(cancellationToken);
        return await GuidelineTopicViews.ReadAsync(db, topics, cancellationToken);
    }

    public static async Task<Results<Ok<IReadOnlyList<GuidelineTopicView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        int? year, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListGuidelineTopics(year), ct)).ToOk();

    /// <summary>The topics as a spreadsheet (项目指南建议, one row per topic), a PDF (one section per topic) or a DOCX (one heading per topic), in the reader's language.</summary>
    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Export(
        int? year, string? format, IMediator mediator, HttpContext http, CancellationToken ct)
    {
        var pdf = string.Equals(format, "pdf", StringComparison.OrdinalIgnoreCase);
        var docx = string.Equals(format, "docx", StringComparison.OrdinalIgnoreCase);
        if (!pdf && !docx && format is not null && !string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return Error.Invalid("format", "The format must be xlsx, docx or pdf.").ToValidationProblem();
        }

        var topics = await mediator.Send(new ListGuidelineTopics(year), ct);
        if (!topics.IsSuccess)
        {
            return topics.Error!.Fields is not null ? topics.Error.ToValidationProblem() : topics.Error.ToProblem();
        }

        var zh = IndicatorExport.PrefersChinese(http.Request);
        var name = year is { } y ? string.Concat("guideline-topics-", y.ToString(System.Globalization.CultureInfo.InvariantCulture)) : "guideline-topics";
        if (pdf)
        {
            return TypedResults.File(GuidelineTopicsPdf.Render(topics.Value!, year, zh), "application/pdf", name + ".pdf");
        }

        if (docx)
        {
            return TypedResults.File(GuidelineTopicsDocx.Render(topics.Value!, year, zh),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name + ".docx");
        }

        string[] headers = zh
            ? ["年度", "指南方向（题目）", "技术领域", "状态", "需求数", "需求", "共同出资企业", "合计预算（元）", "说明"]
            : ["Year", "Topic", "Technical field", "Status", "Needs", "Need titles", "Co-funding firms", "Combined budget (yuan)", "Summary"];
        var rows = topics.Value!.Select(t => (object?[])[t.Year, SpreadsheetText.Neutralise(t.Title), zh ? FieldNames.Zh(t.Field) : FieldNames.En(t.Field),
            t.Status.ToString(), t.Needs.Count, SpreadsheetText.Neutralise(string.Join("；", t.Needs.Select(n => n.Title))),
            SpreadsheetText.Neutralise(string.Join("；", t.CoFunders.Select(f => f.Name))), t.CombinedBudget, SpreadsheetText.Neutralise(t.Summary)]).ToList();
        SpreadsheetText.Announce(http);
        return TypedResults.File(IndicatorExport.Xlsx("guideline-topics", headers, rows),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }
}

internal static class GuidelineTopicViews
{
    /// <summary>The topics with their needs' titles and the co-funders' names, read in two queries.</summary>
    public static async Task<List<GuidelineTopicView>> ReadAsync(AppDbContext db, IReadOnlyList<GuidelineTopic> topics, CancellationToken ct)
    {
        var needIds = topics.SelectMany(t => t.NeedIds).Distinct().ToList();
        var needs = await db.Needs.AsNoTracking().Where(n => needIds.Contains(n.Id))
            .Select(n => new ClusterNeed(n.Id, n.Title, n.OrganisationId, n.Organisation!.NameZh, n.BudgetMax ?? n.BudgetMin, n.PublishedAt))
            .ToDictionaryAsync(n => n.Id, ct);
        var orgIds = topics.SelectMany(t => t.CoFunderIds).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.NameZh, ct);
        return [.. topics.Select(t => new GuidelineTopicView(t.Id, t.Title, t.Field, t.Year, t.Summary,
            [.. t.NeedIds.Where(needs.ContainsKey).Select(id => needs[id])],
            [.. t.CoFunderIds.Select(id => new ClusterFirm(id, names.GetValueOrDefault(id, "")))], t.CombinedBudget, t.Status, t.Version))];
    }
}
