using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace TechTransfer.Match.Web.Infrastructure.Behaviours;

/// <summary>
/// The platform's own validation messages in the request's language. FluentValidation translates its
/// built-in messages by the current UI culture (set from Accept-Language by request localization);
/// the messages the validators write themselves are English in code and Chinese in
/// Resources/validation-messages-zh.json, keyed by the English text. A message that carries values is a
/// template ("{0} was not found.") translated first and filled after, so the table holds one entry per
/// template, not per value; <c>ServerTextTests</c> fails on a message literal without its Chinese entry.
/// </summary>
public static class ValidationText
{
    private static readonly FrozenDictionary<string, string> Chinese = Load();

    public static string Localise(string message) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" && Chinese.TryGetValue(message, out var zh) ? zh : message;

    /// <summary>The template in the request's language, filled with the values (strings and enum names translated too).</summary>
    public static string Format(string template, params object?[] values) =>
        string.Format(CultureInfo.CurrentCulture, Localise(template), values.Select(v => v switch
        {
            string s => Localise(s),
            Enum e => Localise(e.ToString()),
            _ => v,
        }).ToArray());

    private static FrozenDictionary<string, string> Load()
    {
        using var stream = typeof(ValidationText).Assembly.GetManifestResourceStream("TechTransfer.Match.Web.Resources.validation-messages-zh.json")
            ?? throw new InvalidOperationException("The Chinese validation messages are not embedded.");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
