namespace TechTransfer.Match.Web.Features.Listings;

public static class QualityThresholds
{
    /// <summary>About two sentences: 60 Chinese characters or 200 characters of English.</summary>
    public static int MinSummaryChars(string language) => language == "en" ? 200 : 60;
}

public static class LanguageGuess
{
    /// <summary>"zh" when CJK characters make up a fair share of the letters, else "en".</summary>
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "zh";
        }

        int cjk = 0, latin = 0;
        foreach (var c in text)
        {
            if (c is >= '\u4e00' and <= '\u9fff')
            {
                cjk++;
            }
            else if (char.IsAsciiLetter(c))
            {
                latin++;
            }
        }

        return cjk * 3 >= latin ? "zh" : "en";
    }
}
