using System.Globalization;
using System.Text;
using CsvHelper;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;
using TechTransfer.Match.Web.Features.Contracts.Import;

namespace TechTransfer.Match.Web.Features.Contracts;

public sealed record ExportFile(string Path, string ContentType, string FileName);

/// <summary>
/// Registered contracts as CSV or XLSX with the import's columns (Chinese or English headers), so that
/// exporting and importing the same data changes nothing. Streams rows to a temporary file, then to the client.
/// </summary>
public sealed record ExportContracts(string Format, string Headers, int? Year) : IQuery<Result<ExportFile>>;

public sealed class ExportContractsValidator : AbstractValidator<ExportContracts>
{
    public ExportContractsValidator()
    {
        RuleFor(x => x.Format).Must(f => f is "csv" or "xlsx").WithMessage("Format is csv or xlsx.");
        RuleFor(x => x.Headers).Must(h => h is "zh" or "en").WithMessage("Headers are zh or en.");
        RuleFor(x => x.Year).InclusiveBetween(1985, 2200);
    }
}

internal sealed record ExportRow(
    string RegistrationNumber, string ProjectName, ContractCategory Category, TransformationMode TransformationMode,
    string SellerName, string? SellerCreditCode, string SellerNatureCode, string SellerRegionCode,
    string BuyerName, string? BuyerCreditCode, string BuyerNatureCode, string BuyerRegionCode,
    TechnicalField Field, decimal TotalAmount, decimal TechnologyIncome, DateOnly SignedOn, DateOnly? RegisteredOn,
    DateOnly? ValidFrom, DateOnly? ValidTo, int? TrialPeriodMonths);

public sealed class ExportContractsHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ExportContracts, Result<ExportFile>>
{
    public async ValueTask<Result<ExportFile>> Handle(ExportContracts query, CancellationToken cancellationToken)
    {
        if (!ContractAccess.ReadsAll(current))
        {
            return Error.Forbidden("Contract statistics are exported by the bureau and administrators.");
        }

        var zh = query.Headers == "zh";
        var contracts = db.Contracts.AsNoTracking().Where(c => c.RegistrationNumber != null);
        if (query.Year is { } year)
        {
            contracts = contracts.Where(c => c.Year == year);
        }

        var rows = contracts.OrderBy(c => c.RegistrationNumber).Select(c => new ExportRow(
            c.RegistrationNumber!, c.ProjectName, c.Category, c.TransformationMode,
            c.SellerOrganisation!.NameZh, c.SellerOrganisation.CreditCode, c.SellerNatureCode, c.SellerRegionCode,
            c.BuyerOrganisation!.NameZh, c.BuyerOrganisation.CreditCode, c.BuyerNatureCode, c.BuyerRegionCode,
            c.Field, c.TotalAmount, c.TechnologyIncome, c.SignedOn, c.RegisteredOn, c.ValidFrom, c.ValidTo, c.TrialPeriodMonths));
        var headers = ContractColumns.All.Select(c => zh ? c.Zh : c.En).ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"ttm-export-{Guid.NewGuid():N}.{query.Format}");
        IEnumerable<string[]> Lines(IEnumerable<ExportRow> source)
        {
            foreach (var r in source)
            {
                string[] cells =
                [
                    r.RegistrationNumber, r.ProjectName,
                    zh ? ContractColumns.CategoryZh[r.Category] : r.Category.ToString(),
                    zh ? ContractColumns.ModeZh[r.TransformationMode] : r.TransformationMode.ToString(),
                    r.SellerName, r.SellerCreditCode ?? "", r.SellerNatureCode, r.SellerRegionCode,
                    r.BuyerName, r.BuyerCreditCode ?? "", r.BuyerNatureCode, r.BuyerRegionCode,
                    zh ? ContractColumns.FieldZh[r.Field] : r.Field.ToString(),
                    ContractColumns.FormatAmount(r.TotalAmount), ContractColumns.FormatAmount(r.TechnologyIncome),
                    ContractColumns.FormatDate(r.SignedOn), ContractColumns.FormatDate(r.RegisteredOn),
                    ContractColumns.FormatDate(r.ValidFrom), ContractColumns.FormatDate(r.ValidTo),
                    r.TrialPeriodMonths?.ToString(CultureInfo.InvariantCulture) ?? "",
                ];
                yield return Array.ConvertAll(cells, SpreadsheetText.Neutralise);
            }
        }

        if (query.Format == "csv")
        {
            await using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            foreach (var h in headers)
            {
                csv.WriteField(h);
            }

            await csv.NextRecordAsync();
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                foreach (var cell in Lines([r]).First())
                {
                    csv.WriteField(cell, shouldQuote: true);
                }

                await csv.NextRecordAsync();
            }
        }
        else
        {
            var sheet = Lines(rows.AsEnumerable()).Select(cells =>
            {
                var row = new Dictionary<string, object>(headers.Length);
                for (var i = 0; i < headers.Length; i++)
                {
                    row[headers[i]] = cells[i];
                }

                return row;
            });
            await MiniExcel.SaveAsAsync(path, sheet, cancellationToken: cancellationToken);
        }

        var stamp = query.Year?.ToString(CultureInfo.InvariantCulture) ?? "all";
        return new ExportFile(path,
            query.Format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"contracts-{stamp}.{query.Format}");
    }

    public static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> Endpoint(
        IMediator mediator, HttpContext http, CancellationToken ct, string format = "csv", string headers = "zh", int? year = null)
    {
        var result = await mediator.Send(new ExportContracts(format, headers, year), ct);
        if (!result.IsSuccess)
        {
            return result.Error!.Fields is not null ? result.Error.ToValidationProblem() : result.Error.ToProblem();
        }

        var file = result.Value!;
        SpreadsheetText.Announce(http);
        var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        return TypedResults.Stream(stream, file.ContentType, file.FileName);
    }
}
