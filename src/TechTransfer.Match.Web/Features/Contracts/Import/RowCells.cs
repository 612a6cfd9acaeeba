using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

/// <summary>Reads one value of a cell's text, or says it cannot (a Try-pattern parser).</summary>
public delegate bool CellParser<T>(string text, out T value);

/// <summary>
/// The cells of one data row as an importer reads them, and the problems found, each at the row and the column's header
/// as the file wrote it. Shared by contract and collaboration rows: presence and control characters first, then each
/// cell as its column's type, a cell that does not read named once.
/// </summary>
internal sealed class RowCells(RawRow raw, ImportFile file)
{
    public List<ImportProblem> Problems { get; } = [];

    public void Problem(string column, string message) =>
        Problems.Add(new ImportProblem(raw.Number, column, message) { Header = file.HeaderOf(column) });

    public string Cell(string key) => raw.Cells.TryGetValue(key, out var v) ? v.Trim() : "";

    /// <summary>Control characters in any cell, and an empty cell in a required column, are problems before anything is parsed.</summary>
    public void CheckPresence(IEnumerable<ContractColumn> columns)
    {
        foreach (var column in columns)
        {
            if (StrictJson.HasControlCharacters(raw.Cells.GetValueOrDefault(column.Key, "")))
            {
                Problem(column.Key, ImportText.Say(StrictJson.ControlCharacterMessage));
            }
            else if (column.Required && Cell(column.Key).Length == 0)
            {
                Problem(column.Key, ImportText.Say("Required."));
            }
        }
    }

    /// <summary>The cell as its column's type; null for an empty cell, or (with a problem) for one that does not read.</summary>
    public T? Parse<T>(string key, CellParser<T> parse, Func<string, string> unreadable)
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

    /// <summary>The columns a problem already names: the record rules do not judge a cell that did not read.</summary>
    public HashSet<string> Unread() => Problems.Select(p => p.Column).ToHashSet();
}
