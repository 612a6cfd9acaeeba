using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Achievements;
using TechTransfer.Match.Web.Features.Needs;

namespace TechTransfer.Match.Tests.Foundation;

/// <summary>
/// Every message the server writes reaches a zh-CN user in Chinese. The source scan finds each message literal in the
/// calls that make user-facing text (validator messages, <c>Error</c> outcomes, <c>ValidationText.Format</c> templates)
/// and fails on one without an entry in Resources/validation-messages-zh.json, or on an interpolated string there
/// (which no table can translate: write a template for <c>ValidationText.Format</c> instead).
/// </summary>
public sealed partial class ServerTextTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly string[] CallHeads =
        ["WithMessage(", "Error.Invalid(", "Error.Forbidden(", "Error.Conflict(", "Error.NotFound(", "new Error(", "ValidationText.Format(", "ValidationText.Localise("];

    [Fact]
    public void Every_message_literal_has_its_chinese_text_and_none_is_interpolated()
    {
        var chinese = ChineseTable();
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "src", "TechTransfer.Match.Web"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var missing = new List<string>();
        var interpolated = new List<string>();
        var checkedLiterals = 0;
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            var name = Path.GetRelativePath(RepositoryFiles.Root, file);
            foreach (var (arguments, line) in Calls(text))
            {
                if (arguments.Contains("$\"", StringComparison.Ordinal))
                {
                    interpolated.Add($"{name}:{line}");
                }

                foreach (var literal in Literals(arguments).Where(IsUserText))
                {
                    checkedLiterals++;
                    if (!chinese.ContainsKey(literal))
                    {
                        missing.Add($"{name}:{line}: \"{literal}\"");
                    }
                }
            }
        }

        // The scan must see the platform's messages, or it proves nothing.
        checkedLiterals.ShouldBeGreaterThan(150);
        missing.Distinct().ShouldBeEmpty("add these to src/TechTransfer.Match.Web/Resources/validation-messages-zh.json");
        interpolated.Distinct().ShouldBeEmpty("interpolated messages cannot be translated; use ValidationText.Format with a template");
    }

    [Fact]
    public void The_values_messages_carry_have_their_chinese_text()
    {
        var chinese = ChineseTable();
        var values = Enum.GetNames<OrganisationKind>()
            .Concat(Enum.GetNames<DealStage>().Select(s => s.ToLowerInvariant()))
            .Concat(Enum.GetNames<InterestStatus>().Select(s => s.ToLowerInvariant()))
            .Concat(Enum.GetNames<ImportJobStatus>())
            .Concat([AchievementKind.Noun, AchievementKind.Plural, NeedKind.Noun, NeedKind.Plural]);
        values.Where(v => !chinese.ContainsKey(v)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Sign_in_not_found_and_field_outcomes_answer_in_the_request_language()
    {
        var user = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);

        async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string language, HttpStatusCode status)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.AcceptLanguage.ParseAdd(language);
            return await (await client.SendAsync(request)).ProblemAsync(status);
        }

        var login = new { email = user.Email, password = "Wrong#Pass9" };
        var zhLogin = await SendAsync(app.CreateClient(), HttpMethod.Post, "/api/auth/login", login, "zh-CN", HttpStatusCode.Unauthorized);
        zhLogin.GetProperty("detail").GetString().ShouldBe("邮箱或密码不正确。");
        zhLogin.GetProperty("title").GetString().ShouldBe("未登录");
        var enLogin = await SendAsync(app.CreateClient(), HttpMethod.Post, "/api/auth/login", login, "en", HttpStatusCode.Unauthorized);
        enLogin.GetProperty("detail").GetString().ShouldBe("Email or password is incorrect.");

        var nowhere = $"/api/deals/{Guid.NewGuid()}";
        (await SendAsync(user.Client, HttpMethod.Get, nowhere, null, "zh-CN", HttpStatusCode.NotFound)).GetProperty("detail").GetString().ShouldBe("未找到对接项目。");
        (await SendAsync(user.Client, HttpMethod.Get, nowhere, null, "en", HttpStatusCode.NotFound)).GetProperty("detail").GetString().ShouldBe("Deal was not found.");

        // A handler's field outcome (not a validator's) is translated too.
        var change = new { currentPassword = "Wrong#Pass9", newPassword = "Another#Pass42" };
        var zhChange = await SendAsync(user.Client, HttpMethod.Post, "/api/auth/change-password", change, "zh-CN", HttpStatusCode.BadRequest);
        zhChange.GetProperty("errors").GetProperty("currentPassword")[0].GetString().ShouldBe("当前密码不正确。");
    }

    private static Dictionary<string, string> ChineseTable() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(
            Path.Combine(RepositoryFiles.Root, "src", "TechTransfer.Match.Web", "Resources", "validation-messages-zh.json")))!;

    /// <summary>The argument text of each user-text call and its line, the parentheses balanced outside string literals.</summary>
    private static IEnumerable<(string Arguments, int Line)> Calls(string text)
    {
        foreach (var head in CallHeads)
        {
            for (var at = text.IndexOf(head, StringComparison.Ordinal); at >= 0; at = text.IndexOf(head, at + 1, StringComparison.Ordinal))
            {
                var start = at + head.Length;
                var end = ClosingParenthesis(text, start);
                if (end > start)
                {
                    yield return (text[start..end], text.AsSpan(0, at).Count('\n') + 1);
                }
            }
        }
    }

    private static int ClosingParenthesis(string text, int start)
    {
        var depth = 1;
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    for (i++; i < text.Length && text[i] != '"'; i++)
                    {
                        if (text[i] == '\\')
                        {
                            i++;
                        }
                    }

                    break;
                case '(':
                    depth++;
                    break;
                case ')' when --depth == 0:
                    return i;
            }
        }

        return -1;
    }

    private static IEnumerable<string> Literals(string arguments) =>
        LiteralPattern().Matches(arguments).Where(m => m.Index == 0 || arguments[m.Index - 1] != '$').Select(m => Regex.Unescape(m.Groups[1].Value));

    // Codes, field names and paths ("stale_version", "currentPassword", "rows[0].amount") are not user text.
    // Separators (", ") carry no words.
    private static bool IsUserText(string literal) => literal.Any(char.IsLetter) && !IdentifierPattern().IsMatch(literal);

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LiteralPattern();

    [GeneratedRegex(@"^[a-z][A-Za-z0-9_.\[\]]*$")]
    private static partial Regex IdentifierPattern();
}
