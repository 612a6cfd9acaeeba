using System.Collections.Frozen;

namespace TechTransfer.Match.Matching;

/// <summary>
/// Word lists of the text pipeline, embedded resources under <c>Lexicon/</c>: Chinese function words (stop words),
/// generic Chinese words weighted down, and units that form one feature with the number before them.
/// </summary>
internal static class TextLexicon
{
    public static readonly FrozenSet<string> ChineseStopWords = Load("chinese-stop-words.txt");

    public static readonly FrozenSet<string> GenericWords = Load("generic-words.txt");

    public static readonly FrozenSet<string> Units = Load("units.txt");

    /// <summary>True for a token that starts and ends with a digit: the tokeniser's number runs ("500", "3.5").</summary>
    public static bool IsNumber(string token) => token.Length > 0 && char.IsDigit(token[0]) && char.IsDigit(token[^1]);

    /// <summary>Per character of a Chinese run, whether it belongs to a stop word of its (accurate mode) segmentation.</summary>
    public static bool[] StopMask(string run, IEnumerable<string> words)
    {
        var mask = new bool[run.Length];
        var at = 0;
        foreach (var w in words)
        {
            if (ChineseStopWords.Contains(w))
            {
                Array.Fill(mask, true, at, Math.Min(w.Length, run.Length - at));
            }

            at += w.Length;
            if (at >= run.Length) break;
        }

        return mask;
    }

    private static FrozenSet<string> Load(string name)
    {
        using var stream = typeof(TextLexicon).Assembly.GetManifestResourceStream("TechTransfer.Match.Matching.Lexicon." + name)
            ?? throw new InvalidOperationException($"missing resource {name}");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var w = line.Trim();
            if (w.Length > 0 && w[0] != '#') words.Add(w);
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
