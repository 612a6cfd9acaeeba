using System.Globalization;
using FluentValidation;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Contracts.Import;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Collaboration.Import;

/// <summary>A party a row names: its name as written and its unified social credit code, when given.</summary>
internal sealed record NamedParty(string Name, string? CreditCode);

/// <summary>One data row of a collaboration file, read: the institution it belongs to and the record's input as the API takes it.</summary>
internal sealed record CollaborationRow(int Number, NamedParty Institution, string Name)
{
    public IReadOnlyList<NamedParty> Partners { get; init; } = [];
    public string EnterpriseRegion { get; init; } = "";
    public string AchievementTitle { get; init; } = "";
    public JointRdInstitutionInput? Joint { get; init; }
    public SpinOffInput? SpinOff { get; init; }
    public ValidationProjectInput? Project { get; init; }

    /// <summary>
    /// Reads a row as the API binds a body and validates it: each cell as its column's type (present when required, a
    /// known word, a date, an amount in the header's unit), then the API's own validator of the record on the input the
    /// row makes, its failures named by the row's columns. A cell that does not read is named once. Null with problems.
    /// </summary>
    public static List<ImportProblem> Read(RawRow raw, ImportFile file, CollaborationImportKind kind, out CollaborationRow? row)
    {
        var cells = new RowCells(raw, file);
        var problems = cells.Problems;
        var Problem = cells.Problem;
        var Cell = cells.Cell;
        cells.CheckPresence(CollaborationColumns.Of(kind));
        T? Parse<T>(string key, CellParser<T> parse, Func<string, string> unreadable)
            where T : struct => cells.Parse(key, parse, unreadable);

        T? Word<T>(string key, Dictionary<string, T> table)
            where T : struct =>
            Parse(key, (string t, out T v) => table.TryGetValue(t, out v), v => ImportText.Say("Unknown value \"{0}\": write one of {1}.", v, CollaborationColumns.Words(table)));
        DateOnly? Date(string key) => Parse<DateOnly>(key, ContractColumns.TryDate, v => ImportText.Say("\"{0}\" is not a date (yyyy-MM-dd).", v));
        int? Number(string key) => Parse<int>(key, (string t, out int v) => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out v),
            v => ImportText.Say("\"{0}\" is not a whole number.", v));
        string? CreditCode(string key, string text)
        {
            var code = text.Trim().ToUpperInvariant();
            if (code.Length == 0)
            {
                return null;
            }

            if (CreditCodeProblem(code) is { } problem)
            {
                Problem(key, problem);
            }

            return code;
        }

        var institution = new NamedParty(Cell("institutionName"), CreditCode("institutionCreditCode", Cell("institutionCreditCode")));
        var read = new CollaborationRow(raw.Number, institution, Cell(kind == CollaborationImportKind.SpinOffs ? "enterpriseName" : "name"));
        var placeholder = Guid.Empty; // the organisations are found after the row reads (ImportParties); the rules do not look at ids
        switch (kind)
        {
            case CollaborationImportKind.JointInstitutions:
                var names = CollaborationColumns.Split(Cell("partnerNames"));
                var codes = CollaborationColumns.Split(Cell("partnerCreditCodes"));
                if (codes.Count > 0 && codes.Count != names.Count)
                {
                    Problem("partnerCreditCodes", ImportText.Say("Give one credit code per partner, in the partners' order ({0} partners, {1} codes).", names.Count, codes.Count));
                }

                read = read with
                {
                    Partners = names.Select((n, i) => new NamedParty(n, codes.Count == names.Count ? CreditCode("partnerCreditCodes", codes[i]) : null)).ToList(),
                    Joint = new JointRdInstitutionInput(read.Name, placeholder, names.Select(_ => placeholder).ToList(),
                        Date("establishedOn") ?? default, Word("status", CollaborationColumns.StatusByText) ?? CollaborationStatus.Active),
                };
                break;
            case CollaborationImportKind.SpinOffs:
                var region = PartyCodes.Region(Cell("enterpriseRegion"), out var regionProblem);
                if (regionProblem is not null)
                {
                    Problem("enterpriseRegion", regionProblem);
                }

                read = read with
                {
                    Partners = [new NamedParty(read.Name, CreditCode("enterpriseCreditCode", Cell("enterpriseCreditCode")))],
                    EnterpriseRegion = region ?? "",
                    SpinOff = new SpinOffInput(placeholder, placeholder, Word("relation", CollaborationColumns.RelationByText) ?? default, Date("date") ?? default, null),
                };
                break;
            default:
                var completedOn = Date("completedOn");
                var unit = file.Units.GetValueOrDefault("budget", AmountUnit.Yuan);
                var budget = Parse<decimal>("budget", ContractColumns.TryAmount, v => ImportText.Say("\"{0}\" is not an amount in {1}.", v, unit.Label()));
                read = read with
                {
                    AchievementTitle = Cell("achievement"),
                    Project = new ValidationProjectInput(placeholder, read.Name, Word("kind", CollaborationColumns.ProjectKindByText) ?? default,
                        Cell("platform") is { Length: > 0 } platform ? platform : null, Number("trlBefore") ?? 1, Number("trlAfter"), Date("startedOn") ?? default, completedOn,
                        Word("status", CollaborationColumns.ProjectStatusByText) ?? (completedOn is null ? ValidationProjectStatus.Running : ValidationProjectStatus.Completed),
                        // Kept in range without overflowing, so the budget rule names it.
                        budget is { } b ? decimal.Round(Math.Min(b, 1e12m) * unit.Factor(), 2) : null),
                };
                break;
        }

        var unread = cells.Unread();
        foreach (var failure in Validate(read, kind))
        {
            var column = ColumnOf(failure.PropertyName);
            if (!unread.Contains(column))
            {
                Problem(column, ValidationText.Localise(failure.ErrorMessage));
            }
        }

        row = problems.Count == 0 ? read : null;
        return problems;
    }

    /// <summary>The API's own rules for the record (<see cref="SaveJointRdInstitutionValidator"/> and its siblings).</summary>
    private static IEnumerable<FluentValidation.Results.ValidationFailure> Validate(CollaborationRow row, CollaborationImportKind kind) => kind switch
    {
        CollaborationImportKind.JointInstitutions => JointRules.Validate(new SaveJointRdInstitution(null, row.Joint!, null)).Errors,
        CollaborationImportKind.SpinOffs => SpinOffRules.Validate(new SaveSpinOff(null, row.SpinOff!, null)).Errors,
        _ => ProjectRules.Validate(new SaveValidationProject(null, row.Project!, null)).Errors,
    };

    private static readonly SaveJointRdInstitutionValidator JointRules = new();
    private static readonly SaveSpinOffValidator SpinOffRules = new();
    private static readonly SaveValidationProjectValidator ProjectRules = new();

    /// <summary>The file column of an input property the API's rules name (Input.PartnerOrganisationIds is the 合作企业 column).</summary>
    private static string ColumnOf(string property) => property.Replace("Input.", "") switch
    {
        "PartnerOrganisationIds" => "partnerNames",
        "Relation" => "relation",
        "Date" => "date",
        "Kind" => "kind",
        var p => char.ToLowerInvariant(p[0]) + p[1..],
    };

    /// <summary>Why a unified social credit code cannot be one (shape, then its check character), or null.</summary>
    public static string? CreditCodeProblem(string code) =>
        !System.Text.RegularExpressions.Regex.IsMatch(code, "^[0-9A-Z]{18}$")
            ? ValidationText.Format("A unified social credit code is 18 letters or digits, not \"{0}\".", code)
            : !CreditCodes.IsValid(code)
                ? ValidationText.Format(CreditCodes.CheckFailedMessage, code)
                : null;
}
