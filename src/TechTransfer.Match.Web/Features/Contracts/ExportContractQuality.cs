using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>
/// The findings the page's filters select (year, kind, status; every page) as CSV or XLSX, one row per finding:
/// kind, message, status, registration numbers, contract ids, and the dismissal's reason, author and time. Headers and
/// kinds in Chinese or English by Accept-Language, like the indicators' exports (<see cref="IndicatorExport"/>).
/// </summary>
/// <remarks><paramref name="Chinese"/>: the language the headers take (<see cref="IndicatorExport.PrefersChinese"/>); the messages follow it.</remarks>
public sealed record ExportContractQuality(string Format, int? Year, string? Kind, string? Status, bool Chinese = true) : IQuery<Result<ExportTable>>;

public sealed class ExportContractQualityValidator : AbstractValidator<ExportContractQuality>
{
    public ExportContractQualityValidator()
    {
        RuleFor(x => x.Format).Must(f => f is "csv" or "xlsx").WithMessage("Format is csv or xlsx.");
        QualityFilters.Apply(this, x => x.Year, x => x.Kind, x => x.Status);
    }
}

public sealed class ExportContractQualityHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ExportContractQuality, Result<ExportTable>>
{
    private static readonly Dictionary<string, ExportText> Kinds = new()
    {
        [QualityFindings.ProbableDuplicate] = new("疑似重复", "Probable duplicate"),
        [QualityFindings.IncomeAboveTotal] = new("技术交易额高于成交额", "Income above total"),
        [QualityFindings.SignedAfterRegistered] = new("签订晚于登记", "Signed after registered"),
        [QualityFindings.AmountOutlier] = new("金额异常", "Amount outlier"),
    };

    private static readonly ExportText Open = new("待处理", "Open");
    private static readonly ExportText Dismissed = new("已忽略", "Dismissed");
    private static readonly ExportText Resolved = new("已标记重复", "Duplicate marked");

    public async ValueTask<Result<ExportTable>> Handle(ExportContractQuality query, CancellationToken cancellationToken)
    {
        if (!ContractAccess.ReadsAll(current))
        {
            return Error.Forbidden("Data-quality findings are for the bureau and administrators.");
        }

        // The messages in the headers' language, which defaults to Chinese like every export (request messages default to English).
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(query.Chinese ? "zh-CN" : "en");
        var (_, findings) = await QualityFindings.ComputeAsync(db, query.Year, cancellationToken);
        var rows = QualityFilters.Select(findings, query.Kind, query.Status).Select(f => (object?[])
        [
            Kinds[f.Code], f.Message, f.Dismissal is not null ? Dismissed : f.Resolved ? Resolved : Open,
            string.Join(" ", f.Contracts.Select(c => c.RegistrationNumber ?? "-")),
            string.Join(" ", f.Contracts.Select(c => c.Id)),
            string.Join(" ", f.Contracts.Where(c => c.DuplicateOfContractId is not null).Select(c => $"{c.Id}>{c.DuplicateOfContractId}")),
            f.Dismissal?.Reason ?? "", f.Dismissal?.By ?? "", f.Dismissal?.At.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ]).ToList();
        ExportColumn[] columns =
        [
            new("类型", "Kind"), new("说明", "Message"), new("状态", "Status"), new("登记号", "Registration numbers"), new("合同编号", "Contract ids"),
            new("已标记重复(重复>保留)", "Marked duplicates (duplicate>kept)"), new("忽略原因", "Dismissal reason"), new("忽略人", "Dismissed by"), new("忽略时间(UTC)", "Dismissed at (UTC)"),
        ];
        var stamp = query.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all";
        return new ExportTable($"data-quality-{stamp}", columns, rows);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Endpoint(
        IMediator mediator, HttpContext http, CancellationToken ct, string format = "csv", int? year = null, string? kind = null, string? status = null)
    {
        var result = await mediator.Send(new ExportContractQuality(format, year, kind, status, IndicatorExport.PrefersChinese(http.Request)), ct);
        if (!result.IsSuccess)
        {
            return result.Error!.Fields is not null ? result.Error.ToValidationProblem() : result.Error.ToProblem();
        }

        return IndicatorExport.File(result.Value!, format, http);
    }
}
