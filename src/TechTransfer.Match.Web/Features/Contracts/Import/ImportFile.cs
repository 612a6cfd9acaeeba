using System.Globalization;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Behaviours;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

/// <summary>A problem (or, in the report's warnings, a notice) at a row and column; Header is the column's header as the file wrote it.</summary>
public sealed record ImportProblem(int Row, string Column, string Message)
{
    public string? Header { get; init; }
}

/// <summary>
/// What reading a file learnt besides its rows: the encoding, the header as written per column key, the unit of
/// each amount column, the problems of the file as a whole (row 1: the header) and the warnings (ignored columns).
/// </summary>
public sealed class ImportFile(AmountUnit? requestedUnit = null)
{
    public AmountUnit? RequestedUnit { get; } = requestedUnit;
    public string? Encoding { get; set; }
    public List<ImportProblem> Problems { get; } = [];
    public List<ImportProblem> Warnings { get; } = [];
    public Dictionary<string, string> Headers { get; } = [];
    public Dictionary<string, AmountUnit> Units { get; } = [];

    /// <summary>The header as written for a column key; the key itself for a column the file does not have.</summary>
    public string HeaderOf(string key) => Headers.GetValueOrDefault(key, key);

    public bool Has(string key) => Headers.ContainsKey(key);
}

/// <summary>
/// Import messages in the request's language: the English template is translated first
/// (<see cref="ValidationText"/>, keyed by the English text), then its values are filled in.
/// </summary>
public static class ImportText
{
    public static string Say(string template, params object[] values) =>
        values.Length == 0 ? ValidationText.Localise(template) : string.Format(CultureInfo.InvariantCulture, ValidationText.Localise(template), values);
}

public static class AmountUnits
{
    public static decimal Factor(this AmountUnit unit) => unit switch
    {
        AmountUnit.WanYuan => 10_000m,
        AmountUnit.YiYuan => 100_000_000m,
        _ => 1m,
    };

    public static string Label(this AmountUnit unit) => unit switch
    {
        AmountUnit.WanYuan => "万元",
        AmountUnit.YiYuan => "亿元",
        _ => "元",
    };

    /// <summary>A unit as a request or a header suffix names it: 元 / 万元 / 亿元, or yuan / wanyuan / yiyuan.</summary>
    public static bool TryParse(string? text, out AmountUnit unit)
    {
        unit = AmountUnit.Yuan;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "元" or "yuan":
                return true;
            case "万元" or "wanyuan" or "wan":
                unit = AmountUnit.WanYuan;
                return true;
            case "亿元" or "yiyuan" or "yi":
                unit = AmountUnit.YiYuan;
                return true;
            default:
                return false;
        }
    }
}
