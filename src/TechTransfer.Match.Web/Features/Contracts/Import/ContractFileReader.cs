namespace TechTransfer.Match.Web.Features.Contracts.Import;

/// <summary>The registered-contract file: the generic table reading (<see cref="TableFileReader"/>) over <see cref="ContractColumns"/>.</summary>
public static class ContractFileReader
{
    /// <summary>The contract columns of a header row; an amount column's header says its unit (合同成交额(万元)).</summary>
    public static Dictionary<int, string> MapHeader(IReadOnlyList<string> headers, ImportFile file) =>
        TableFileReader.MapHeader(headers, file, ContractColumns.All, ContractColumns.KeyOf, ContractColumns.AmountHeader);

    public static IEnumerable<RawRow> Read(string path, string format, ImportFile file) =>
        TableFileReader.Read(path, format, file, MapHeader);
}
