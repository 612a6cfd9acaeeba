namespace TechTransfer.Match.Web.Infrastructure.Http;

/// <summary>
/// Text cells of CSV and XLSX exports that a spreadsheet would run as a formula (starting with = + - @, tab
/// or CR) get a leading apostrophe, so a project name like <c>=HYPERLINK(...)</c> stays text. Numbers are
/// written as numbers and never touched. Each export says so in the header <see cref="Header"/>.
/// </summary>
public static class SpreadsheetText
{
    public const string Header = "X-Spreadsheet-Formulas";
    public const string HeaderValue = "neutralised: text cells starting with = + - @ tab or CR are prefixed with '";

    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    public static void Announce(HttpContext http) => http.Response.Headers[Header] = HeaderValue;
}
