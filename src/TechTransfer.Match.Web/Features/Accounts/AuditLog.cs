using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Accounts;

/// <summary>The audit log for administrators and the bureau: filtered by actor, record, action and time; newest first.</summary>
public sealed record SearchAuditLog(Guid? ActorId, Guid? TargetId, string? Action, DateOnly? From, DateOnly? To, int Page = 1, int PageSize = 100)
    : IQuery<Result<Paged<AuditLine>>>;

public sealed class SearchAuditLogValidator : AbstractValidator<SearchAuditLog>
{
    public SearchAuditLogValidator()
    {
        RuleFor(x => x.Action).MaximumLength(60);
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null).WithMessage("'to' must not be before 'from'.");
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 10_000);
    }
}

public sealed class SearchAuditLogHandler(AppDbContext db) : IQueryHandler<SearchAuditLog, Result<Paged<AuditLine>>>
{
    public async ValueTask<Result<Paged<AuditLine>>> Handle(SearchAuditLog query, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (query.ActorId is { } actor)
        {
            entries = entries.Where(a => a.ActorUserId == actor);
        }

        if (query.TargetId is { } target)
        {
            entries = entries.Where(a => a.TargetId == target);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim();
            entries = entries.Where(a => a.Action.StartsWith(action));
        }

        if (query.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(a => a.At >= start);
        }

        if (query.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(a => a.At < end);
        }

        var ordered = entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);
        var total = await ordered.CountAsync(cancellationToken);
        var items = await AccountViews.Lines(db, ordered.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)).ToListAsync(cancellationToken);
        return new Paged<AuditLine>(items, query.Page, query.PageSize, total);
    }

    public static async Task<Results<Ok<Paged<AuditLine>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid? actorId, Guid? targetId, string? action, DateOnly? from, DateOnly? to, IMediator mediator, CancellationToken ct, int page = 1, int pageSize = 100) =>
        (await mediator.Send(new SearchAuditLog(actorId, targetId, action, from, to, page, pageSize), ct)).ToOk();

    /// <summary>The same lines as a CSV or XLSX file (up to 10,000), headers in the reader's language.</summary>
    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Export(
        Guid? actorId, Guid? targetId, string? action, DateOnly? from, DateOnly? to, IMediator mediator, HttpContext http, CancellationToken ct, string format = "csv")
    {
        var result = await mediator.Send(new SearchAuditLog(actorId, targetId, action, from, to, 1, 10_000), ct);
        if (!result.IsSuccess)
        {
            return result.Error!.Fields is not null ? result.Error.ToValidationProblem() : result.Error.ToProblem();
        }

        var zh = IndicatorExport.PrefersChinese(http.Request);
        string[] headers = zh ? ["时间(UTC)", "操作人", "操作人ID", "操作", "对象类型", "对象ID", "详情", "IP地址"] : ["Time (UTC)", "Actor", "Actor id", "Action", "Target type", "Target id", "Details", "IP address"];
        var rows = result.Value!.Items.Select(l => new object?[]
        {
            l.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), SpreadsheetText.Neutralise(l.ActorName ?? ""), l.ActorUserId?.ToString(), l.Action,
            l.TargetType, l.TargetId?.ToString(), SpreadsheetText.Neutralise(l.Details), l.IpAddress,
        }).ToList();
        SpreadsheetText.Announce(http);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return format == "xlsx"
            ? TypedResults.File(IndicatorExport.Xlsx("audit", headers, rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"audit-{stamp}.xlsx")
            : TypedResults.File(IndicatorExport.Csv(headers, rows), "text/csv; charset=utf-8", $"audit-{stamp}.csv");
    }
}
