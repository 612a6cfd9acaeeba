using System.Globalization;
using FluentValidation;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

/// <summary>
/// One data row of a registration file as a contract. Its properties are named as the file's column keys
/// (<see cref="ContractColumns"/>), so the property a rule fails on names the column of the problem.
/// </summary>
internal sealed record ContractRow(
    int Number, string RegistrationNumber, string ProjectName, ContractCategory Category, TransformationMode TransformationMode,
    string SellerName, string? SellerCreditCode, string SellerNatureCode, string SellerRegionCode,
    string BuyerName, string? BuyerCreditCode, string BuyerNatureCode, string BuyerRegionCode,
    TechnicalField Field, decimal TotalAmount, decimal TechnologyIncome, DateOnly SignedOn, DateOnly RegisteredOn,
    DateOnly? ValidFrom, DateOnly? ValidTo, int? TrialPeriodMonths) : IContractTerms
{
    private static readonly ContractRowValidator Rules = new();

    private delegate bool TryParse<T>(string text, out T value);

    /// <summary>
    /// Reads a row in two steps, as the API binds a body before it validates it: each cell as its column's type
    /// (present when the column is required, a known category, an amount, a date ...), then the contract rules the
    /// API applies too (<see cref="ContractTermsValidator{T}"/>) and the file's own. A cell that does not read is
    /// named once: the rules do not judge it again. The row is null when it has problems.
    /// </summary>
    public static List<ImportProblem> Read(RawRow raw, out ContractRow? row)
    {
        var problems = new List<ImportProblem>();
        void Problem(string column, string message) => problems.Add(new ImportProblem(raw.Number, column, message));
        string Cell(string key) => raw.Cells.TryGetValue(key, out var v) ? v.Trim() : "";
        foreach (var column in ContractColumns.All)
        {
            if (StrictJson.HasControlCharacters(raw.Cells.GetValueOrDefault(column.Key, "")))
            {
                Problem(column.Key, StrictJson.ControlCharacterMessage);
            }
            else if (column.Required && Cell(column.Key).Length == 0)
            {
                Problem(column.Key, "Required.");
            }
        }

        T? Parse<T>(string key, TryParse<T> parse, Func<string, string> unreadable)
            where T : struct
        {
            var text = Cell(key);
            if (text.Length == 0)
            {
                return null;
            }

            if (parse(text, out var value))
            {
                return value;
            }

            Problem(key, unreadable(text));
            return null;
        }

        DateOnly? Date(string key) => Parse<DateOnly>(key, TryDate, v => $"\"{v}\" is not a date (yyyy-MM-dd).");
        decimal? Amount(string key) => Parse<decimal>(key, TryYuan, v => $"\"{v}\" is not an amount in yuan.");
        string? CreditCode(string key) => Cell(key) is { Length: > 0 } v ? v.ToUpperInvariant() : null;

        var read = new ContractRow(
            raw.Number, Cell("registrationNumber"), Cell("projectName"),
            Parse<ContractCategory>("category", ContractColumns.TryCategory, v => $"Unknown contract category \"{v}\".") ?? default,
            Parse<TransformationMode>("transformationMode", ContractColumns.TryMode, v => $"Unknown transformation mode \"{v}\".") ?? default,
            Cell("sellerName"), CreditCode("sellerCreditCode"), Cell("sellerNatureCode"), Cell("sellerRegionCode"),
            Cell("buyerName"), CreditCode("buyerCreditCode"), Cell("buyerNatureCode"), Cell("buyerRegionCode"),
            Parse<TechnicalField>("field", ContractColumns.TryField, v => $"Unknown technical field \"{v}\".") ?? default,
            Amount("totalAmount") ?? 0, Amount("technologyIncome") ?? 0, Date("signedOn") ?? default, Date("registeredOn") ?? default,
            Date("validFrom"), Date("validTo"),
            Parse<int>("trialPeriodMonths", TryMonths, v => $"\"{v}\" is not a number of months between 1 and 60."));

        var unread = problems.Select(p => p.Column).ToHashSet();
        foreach (var failure in Rules.Validate(read).Errors)
        {
            var column = ContractColumns.KeyOf(failure.PropertyName) ?? failure.PropertyName;
            if (!unread.Contains(column))
            {
                Problem(column, ValidationText.Localise(failure.ErrorMessage));
            }
        }

        row = problems.Count == 0 ? read : null;
        return problems;
    }

    private static bool TryDate(string text, out DateOnly value) =>
        ContractColumns.TryDate(text, out value) && value.Year is >= 1985 and <= 2200;

    private static bool TryYuan(string text, out decimal value)
    {
        var read = ContractColumns.TryAmount(text, out value);
        value = decimal.Round(value, 2);
        return read;
    }

    private static bool TryMonths(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}

/// <summary>The contract rules, and the file's own: the parties' names and unified social credit codes.</summary>
internal sealed class ContractRowValidator : ContractTermsValidator<ContractRow>
{
    public ContractRowValidator()
    {
        RuleFor(x => x.SellerName).MaximumLength(200);
        RuleFor(x => x.BuyerName).MaximumLength(200);
        RuleFor(x => x.SellerCreditCode).Matches("^[0-9A-Z]{18}$").When(x => x.SellerCreditCode is not null)
            .WithMessage(x => ValidationText.Format("A unified social credit code is 18 letters or digits, not \"{0}\".", x.SellerCreditCode));
        RuleFor(x => x.BuyerCreditCode).Matches("^[0-9A-Z]{18}$").When(x => x.BuyerCreditCode is not null)
            .WithMessage(x => ValidationText.Format("A unified social credit code is 18 letters or digits, not \"{0}\".", x.BuyerCreditCode));
    }
}
