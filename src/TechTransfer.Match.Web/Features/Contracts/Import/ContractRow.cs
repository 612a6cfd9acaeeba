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
    DateOnly? ValidFrom, DateOnly? ValidTo, int? TrialPeriodMonths,
    (OrganisationKind Kind, InstitutionType? Type)? SellerKind = null, (OrganisationKind Kind, InstitutionType? Type)? BuyerKind = null) : IContractTerms
{
    private static readonly ContractRowValidator Rules = new();

    private delegate string? CodeReader(string text, out string? problem);

    /// <summary>
    /// Reads a row in two steps, as the API binds a body before it validates it: each cell as its column's type
    /// (present when the column is required, a known category, an amount, a date ...), then the contract rules the
    /// API applies too (<see cref="ContractTermsValidator{T}"/>) and the file's own. A cell that does not read is
    /// named once: the rules do not judge it again. The row is null when it has problems.
    /// </summary>
    public static List<ImportProblem> Read(RawRow raw, ImportFile file, out ContractRow? row)
    {
        var cells = new RowCells(raw, file);
        var problems = cells.Problems;
        var Problem = cells.Problem;
        var Cell = cells.Cell;
        cells.CheckPresence(ContractColumns.All);
        T? Parse<T>(string key, CellParser<T> parse, Func<string, string> unreadable)
            where T : struct => cells.Parse(key, parse, unreadable);

        DateOnly? Date(string key) => Parse<DateOnly>(key, TryDate, v => ImportText.Say("\"{0}\" is not a date (yyyy-MM-dd).", v));
        decimal? Amount(string key)
        {
            var unit = file.Units.GetValueOrDefault(key, AmountUnit.Yuan);
            return Parse<decimal>(key, (string t, out decimal v) => TryAmount(t, unit, out v),
                v => ImportText.Say("\"{0}\" is not an amount in {1}.", v, unit.Label()));
        }

        string? CreditCode(string key) => Cell(key) is { Length: > 0 } v ? v.ToUpperInvariant() : null;
        string Code(string key, CodeReader reader)
        {
            var code = reader(Cell(key), out var problem);
            if (problem is not null)
            {
                Problem(key, problem);
            }

            return code ?? "";
        }

        (OrganisationKind, InstitutionType?)? PartyKind(string key)
        {
            var kind = PartyCodes.Kind(Cell(key), out var problem);
            if (problem is not null)
            {
                Problem(key, problem);
            }

            return kind;
        }

        var category = Parse<ContractCategory>("category", ContractColumns.TryCategory, v => ImportText.Say("Unknown contract category \"{0}\".", v));
        // Registry exports have no 转化方式: it follows from the category unless the row says otherwise.
        var mode = Cell("transformationMode").Length == 0
            ? (category is { } c ? ContractColumns.ModeOf(c) : default)
            : Parse<TransformationMode>("transformationMode", ContractColumns.TryMode, v => ImportText.Say("Unknown transformation mode \"{0}\".", v)) ?? default;
        var number = ReadRegistrationNumber(raw, Cell("registrationNumber"), Problem);
        var read = new ContractRow(
            raw.Number, number, Cell("projectName"), category ?? default, mode,
            Cell("sellerName"), CreditCode("sellerCreditCode"), Code("sellerNatureCode", PartyCodes.Nature), Code("sellerRegionCode", PartyCodes.Region),
            Cell("buyerName"), CreditCode("buyerCreditCode"), Code("buyerNatureCode", PartyCodes.Nature), Code("buyerRegionCode", PartyCodes.Region),
            Parse<TechnicalField>("field", ContractColumns.TryField, v => ImportText.Say("Unknown technical field \"{0}\".", v)) ?? default,
            Amount("totalAmount") ?? 0, Amount("technologyIncome") ?? 0, Date("signedOn") ?? default, Date("registeredOn") ?? default,
            Date("validFrom"), Date("validTo"),
            Parse<int>("trialPeriodMonths", TryMonths, v => ImportText.Say("\"{0}\" is not a number of months between 1 and 60.", v)),
            PartyKind("sellerKind"), PartyKind("buyerKind"));

        var unread = cells.Unread();
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

    /// <summary>
    /// The registration number as text. Excel keeps 15 significant digits of a number, so a 16-digit number typed into
    /// a numeric cell has already lost its last digit, and a CSV saved from such a sheet writes it in exponent form
    /// (2.10220240000000E+15): both are errors naming the cell rather than a wrong key.
    /// </summary>
    private static string ReadRegistrationNumber(RawRow raw, string text, Action<string, string> problem)
    {
        const string key = "registrationNumber";
        if (raw.NumericCells?.Contains(key) == true && text.Length > 15)
        {
            problem(key, ImportText.Say(
                "The registration number {0} is stored as a number, and Excel keeps only 15 digits of a number. Format the column as text and type the numbers again.", text));
        }
        else if (System.Text.RegularExpressions.Regex.IsMatch(text, @"^[0-9](\.[0-9]+)?[eE]\+?[0-9]+$"))
        {
            problem(key, ImportText.Say(
                "The registration number {0} is in exponent form: Excel wrote it as a number and dropped digits. Format the column as text and type the numbers again.", text));
        }

        return text;
    }

    private static bool TryDate(string text, out DateOnly value) =>
        ContractColumns.TryDate(text, out value) && value.Year is >= 1985 and <= 2200;

    /// <summary>An amount in the column's unit, as yuan with two decimals (120 万元 is 1,200,000.00 yuan).</summary>
    private static bool TryAmount(string text, AmountUnit unit, out decimal value)
    {
        var read = ContractColumns.TryAmount(text, out value);
        // Far beyond any contract: kept out of range without overflowing, so the amount rule reports it.
        value = value >= 1e14m ? 1e14m : decimal.Round(value * unit.Factor(), 2);
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
        // A mistyped character would match no organisation and create a second one: the check character catches it.
        RuleFor(x => x.SellerCreditCode).Must(CreditCodes.IsValid).When(x => IsShaped(x.SellerCreditCode))
            .WithMessage(x => ValidationText.Format(CreditCodes.CheckFailedMessage, x.SellerCreditCode));
        RuleFor(x => x.BuyerCreditCode).Must(CreditCodes.IsValid).When(x => IsShaped(x.BuyerCreditCode))
            .WithMessage(x => ValidationText.Format(CreditCodes.CheckFailedMessage, x.BuyerCreditCode));
    }

    private static bool IsShaped(string? code) => code is not null && System.Text.RegularExpressions.Regex.IsMatch(code, "^[0-9A-Z]{18}$");
}
