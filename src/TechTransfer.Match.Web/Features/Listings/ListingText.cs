namespace TechTransfer.Match.Web.Features.Listings;

/// <summary>What a record needs to go public (the gate) and what it should have (the warnings); docs/listings.md says why.</summary>
public static class QualityThresholds
{
    /// <summary>About two sentences: 60 Chinese characters or 200 characters of English (a warning below).</summary>
    public static int MinSummaryChars(string language) => language == "en" ? 200 : 60;

    /// <summary>One full sentence of what the technology or problem is: 30 Chinese or 80 English characters (publish refused below).</summary>
    public static int GateSummaryChars(string language) => language == "en" ? 80 : 30;

    /// <summary>A title shorter than this rarely names the technology and its use (a warning below).</summary>
    public static int MinTitleChars(string language) => language == "en" ? 24 : 8;

    /// <summary>Fewer keywords than this leave matching to the text alone (a warning below).</summary>
    public const int FewKeywords = 3;

    /// <summary>An amount under 1,000 yuan is almost always 万元 typed into a yuan field (a warning).</summary>
    public const decimal SmallestPlausibleAmount = 1_000m;

    /// <summary>A need's budget above 1 亿元 (twice the largest demo budget) is almost always yuan typed into a 万元 field.</summary>
    public const decimal LargestPlausibleBudget = 100_000_000m;

    /// <summary>An asking price above 5 亿元 is beyond any single licence or transfer in the paper's records.</summary>
    public const decimal LargestPlausiblePrice = 500_000_000m;

    /// <summary>The warning for an amount outside the plausible range of its kind, or null.</summary>
    public static QualityWarning? AmountWarning(string field, decimal? min, decimal? max, decimal largest)
    {
        if (max > largest || min > largest)
        {
            return new("amount_too_large", field, "The amount is unusually large: check the unit (amounts are in 10,000 yuan in Chinese, yuan in English).");
        }

        return min is > 0 and < SmallestPlausibleAmount || max is > 0 and < SmallestPlausibleAmount
            ? new("amount_too_small", field, "The amount is unusually small: check the unit (amounts are in 10,000 yuan in Chinese, yuan in English).")
            : null;
    }
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
