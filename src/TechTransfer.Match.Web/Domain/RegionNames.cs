using System.Collections.Frozen;

namespace TechTransfer.Match.Web.Domain;

/// <summary>
/// Region names to GB/T 2260 codes, from the embedded table Resources/regions-gbt2260.tsv (its coverage is in its
/// header and in docs/import-format.md). A name matches a division when it is the division's own name or its full
/// name from any higher level down (辽宁省大连市甘井子区, 大连市甘井子区, 甘井子区), each level with or without its
/// suffix (大连甘井子, 甘井子). A name several divisions share (吉林: the province and its city) answers them all.
/// </summary>
public static class RegionNames
{
    private static readonly string[] Suffixes =
        ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "新区", "省", "市", "区", "县", "盟", "旗"];

    private static readonly FrozenDictionary<string, string> Names;
    private static readonly FrozenDictionary<string, string[]> Codes;

    static RegionNames()
    {
        using var stream = typeof(RegionNames).Assembly.GetManifestResourceStream("TechTransfer.Match.Web.Resources.regions-gbt2260.tsv")
            ?? throw new InvalidOperationException("The region table is not embedded.");
        using var reader = new StreamReader(stream);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#' && line.Split('\t') is [var code, var name])
            {
                names[code] = name;
            }
        }

        var codes = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var code in names.Keys)
        {
            var levels = Levels(code, names);
            for (var first = 0; first < levels.Count; first++)
            {
                foreach (var key in Spellings(levels, first))
                {
                    (codes.TryGetValue(key, out var set) ? set : codes[key] = []).Add(code);
                }
            }
        }

        Names = names.ToFrozenDictionary(StringComparer.Ordinal);
        Codes = codes.ToFrozenDictionary(c => c.Key, c => c.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The division's own name and those of the higher levels the table has, top down.</summary>
    private static List<string> Levels(string code, IReadOnlyDictionary<string, string> names)
    {
        var levels = new List<string>(3);
        foreach (var level in new[] { code[..2] + "0000", code[..4] + "00", code }.Distinct())
        {
            if (names.TryGetValue(level, out var name))
            {
                levels.Add(name);
            }
        }

        return levels;
    }

    /// <summary>Every spelling of the levels from <paramref name="first"/> down, each with or without its suffix.</summary>
    private static IEnumerable<string> Spellings(List<string> levels, int first)
    {
        IEnumerable<string> spellings = [""];
        for (var i = first; i < levels.Count; i++)
        {
            var forms = new[] { levels[i], Short(levels[i]) }.Distinct().ToArray();
            spellings = spellings.SelectMany(s => forms.Select(f => s + f)).ToList();
        }

        return spellings;
    }

    private static string Short(string name)
    {
        foreach (var suffix in Suffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length - suffix.Length >= 2)
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    /// <summary>The codes a name matches: none (unknown), one, or several (ambiguous).</summary>
    public static IReadOnlyList<string> Resolve(string name) =>
        Codes.TryGetValue(name.Replace(" ", "").Replace("\u3000", ""), out var codes) ? codes : [];

    /// <summary>A code's full name from the highest level the table has (辽宁省大连市甘井子区), or null.</summary>
    public static string? FullName(string code) =>
        Names.ContainsKey(code) ? string.Concat(Levels(code, Names)) : null;
}
