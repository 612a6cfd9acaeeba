using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Contracts.Import;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>One line of the technology-contract registration form: its key, its label as the registry prints it, and the value (null when missing).</summary>
public sealed record RegistrationFormLine(string Key, string Label, string? Value);

/// <summary>The registration form of a contract, pre-filled; <c>Missing</c> names the keys the parties still have to fill in.</summary>
public sealed record RegistrationForm(Guid ContractId, IReadOnlyList<RegistrationFormLine> Lines, IReadOnlyList<string> Missing);

/// <summary>
/// The technology-contract registration form (技术合同登记表) of a recorded contract, pre-filled from the contract, the
/// parties and the deal's achievement (docs/contracts.md, Registration form); as JSON, or as an XLSX or a printable PDF
/// the parties complete and file.
/// </summary>
public sealed record GetRegistrationForm(Guid Id) : IQuery<Result<RegistrationForm>>;

public sealed class GetRegistrationFormHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetRegistrationForm, Result<RegistrationForm>>
{
    public async ValueTask<Result<RegistrationForm>> Handle(GetRegistrationForm query, CancellationToken cancellationToken)
    {
        var c = await db.Contracts.AsNoTracking().Include(x => x.SellerOrganisation).Include(x => x.BuyerOrganisation)
            .FirstOrDefaultAsync(x => x.Id == query.Id, cancellationToken);
        if (c is null || !await ContractAccess.MaySeeAsync(c, current, cancellationToken))
        {
            return Error.NotFound("Contract");
        }

        var achievement = c.AchievementId is { } a
            ? await db.Achievements.AsNoTracking().Where(x => x.Id == a).Select(x => x.Title).FirstOrDefaultAsync(cancellationToken)
            : null;
        static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
        static string? Amount(decimal? d) => d is { } v ? ContractColumns.FormatAmount(v) : null;
        var lines = new List<RegistrationFormLine>
        {
            new("projectName", "合同名称", c.ProjectName),
            new("category", "合同类别", ContractColumns.CategoryZh[c.Category]),
            new("achievement", "技术成果名称", achievement),
            new("sellerName", "卖方名称", c.SellerOrganisation!.NameZh),
            new("sellerCreditCode", "卖方统一社会信用代码", Text(c.SellerOrganisation.CreditCode)),
            new("sellerNatureCode", "卖方单位性质代码", Text(c.SellerNatureCode)),
            new("sellerRegionCode", "卖方所在地区代码", Text(c.SellerRegionCode)),
            new("buyerName", "买方名称", c.BuyerOrganisation!.NameZh),
            new("buyerCreditCode", "买方统一社会信用代码", Text(c.BuyerOrganisation.CreditCode)),
            new("buyerNatureCode", "买方单位性质代码", Text(c.BuyerNatureCode)),
            new("buyerRegionCode", "买方所在地区代码", Text(c.BuyerRegionCode)),
            new("totalAmount", "合同成交额(元)", Amount(c.TotalAmount)),
            new("technologyIncome", "技术交易额(元)", Amount(c.TechnologyIncome)),
        };
        if (c.TechnologyIncome != c.TotalAmount)
        {
            // The registry asks for the breakdown only when part of the amount is not technology income.
            lines.Add(new("nonTechnicalAmount", "其中：非技术性收入(元)", Amount(c.TotalAmount - c.TechnologyIncome)));
        }

        lines.AddRange(
        [
            new("paymentMode", "支付方式", c.PaymentMode is { } p ? PaymentModeZh[p] : null),
            new("signedOn", "签订日期", ContractColumns.FormatDate(c.SignedOn)),
            new("validFrom", "有效期起", Text(ContractColumns.FormatDate(c.ValidFrom))),
            new("validTo", "有效期止", Text(ContractColumns.FormatDate(c.ValidTo))),
            new("field", "技术领域", ContractColumns.FieldZh[c.Field]),
            new("expectedNewInvestment", "预计新增投入(元)", Amount(c.ExpectedNewInvestment)),
            new("expectedNewOutput", "预计新增产值(元)", Amount(c.ExpectedNewOutput)),
            new("registrationNumber", "登记号", c.RegistrationNumber),
        ]);
        // The registration number is the registry's to give: not something the parties are missing.
        var missing = lines.Where(l => l.Value is null && l.Key is not ("registrationNumber" or "achievement")).Select(l => l.Key).ToList();
        return new RegistrationForm(c.Id, lines, missing);
    }

    public static readonly IReadOnlyDictionary<PaymentMode, string> PaymentModeZh = new Dictionary<PaymentMode, string>
    {
        [PaymentMode.LumpSum] = "一次总付", [PaymentMode.Instalments] = "分期支付", [PaymentMode.Royalty] = "提成支付",
        [PaymentMode.LumpSumAndRoyalty] = "总付加提成", [PaymentMode.Other] = "其他",
    };

    public static async Task<Results<Ok<RegistrationForm>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, string? format, IMediator mediator, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await mediator.Send(new GetRegistrationForm(id), ct);
        if (!result.IsSuccess || format is null or "json")
        {
            return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
        }

        var form = result.Value!;
        if (format == "pdf")
        {
            return TypedResults.File(RegistrationFormPdf.Render(form, clock.GetUtcNow()), "application/pdf", $"registration-form-{id:N}.pdf");
        }

        if (format != "xlsx")
        {
            return Error.Invalid("format", "The format must be json, xlsx or pdf.").ToValidationProblem();
        }

        using var stream = new MemoryStream();
        var rows = form.Lines.Select(l => new Dictionary<string, object?> { ["项目"] = l.Label, ["内容"] = SpreadsheetText.Neutralise(l.Value ?? "") });
        await stream.SaveAsAsync(rows, cancellationToken: ct);
        SpreadsheetText.Announce(http);
        return TypedResults.File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"registration-form-{id:N}.xlsx");
    }
}
