using System.Globalization;
using System.Text;
using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Benchmarks;

/// <summary>Realistic synthetic listings: Chinese words from jieba's dictionary, pseudo-English words, both Zipf-distributed.</summary>
internal sealed class SyntheticListings
{
    private static string[]? _zhVocab;
    private static string[]? _enVocab;
    private readonly Random _rnd;

    // Ids from their own seeded generator: the same listings get the same ids in every run (a saved snapshot of a
    // run is valid for the next), and the text drawn from _rnd is what it was before ids were seeded.
    private readonly Random _ids;
    private readonly double[] _zipfCdfZh;
    private readonly double[] _zipfCdfEn;

    public SyntheticListings(int seed)
    {
        _rnd = new Random(seed);
        _ids = new Random(seed ^ 0x1D5EED);
        _zhVocab ??= LoadChinese(30_000);
        _enVocab ??= MakeEnglish(30_000);
        _zipfCdfZh = ZipfCdf(_zhVocab.Length, 1.05);
        _zipfCdfEn = ZipfCdf(_enVocab.Length, 1.05);
    }

    private static string[] LoadChinese(int n)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Resources", "dict.txt");
        return File.ReadLines(path)
            .Select(l => l.Split(' '))
            .Where(p => p.Length >= 2 && p[0].Length >= 2 && p[0].All(TextAnalyzerProxy.IsCjk))
            .Select(p => (Word: p[0], Freq: long.Parse(p[1], CultureInfo.InvariantCulture)))
            .OrderByDescending(x => x.Freq).ThenBy(x => x.Word, StringComparer.Ordinal)
            .Take(n).Select(x => x.Word).ToArray();
    }

    private static string[] MakeEnglish(int n)
    {
        string[] on = ["b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w", "tr", "st", "pr", "cl", "gr", "th", "ch"];
        string[] nu = ["a", "e", "i", "o", "u", "ea", "io", "ou", "ai"];
        string[] co = ["", "n", "r", "s", "t", "l", "m", "ng", "ct", "st", "x"];
        var rnd = new Random(1);
        var set = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>(n);
        while (list.Count < n)
        {
            var syl = 1 + rnd.Next(4);
            var sb = new StringBuilder();
            for (var i = 0; i < syl; i++) sb.Append(on[rnd.Next(on.Length)]).Append(nu[rnd.Next(nu.Length)]).Append(co[rnd.Next(co.Length)]);
            if (sb.Length >= 3 && set.Add(sb.ToString())) list.Add(sb.ToString());
        }

        return [.. list];
    }

    private static double[] ZipfCdf(int n, double s)
    {
        var cdf = new double[n];
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, s);
            cdf[i] = sum;
        }

        for (var i = 0; i < n; i++) cdf[i] /= sum;
        return cdf;
    }

    private string Word(bool zh)
    {
        var cdf = zh ? _zipfCdfZh : _zipfCdfEn;
        var i = Array.BinarySearch(cdf, _rnd.NextDouble());
        if (i < 0) i = ~i;
        return (zh ? _zhVocab! : _enVocab!)[Math.Min(i, cdf.Length - 1)];
    }

    private string Text(bool zh, int words)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            if (zh)
            {
                sb.Append(Word(true));
                if (_rnd.Next(12) == 0) sb.Append('，');
                if (_rnd.Next(40) == 0) sb.Append(CultureInfo.InvariantCulture, $"{_rnd.Next(1, 999)}MPa");
            }
            else
            {
                if (i > 0) sb.Append(' ');
                sb.Append(Word(false));
                if (_rnd.Next(15) == 0) sb.Append(',');
            }
        }

        sb.Append(zh ? '。' : '.');
        return sb.ToString();
    }

    private static readonly string[] Regions = ["210211", "210202", "210102", "110105", "310115", "440305"];

    public List<ListingDocument> Generate(int n)
    {
        var list = new List<ListingDocument>(n);
        for (var i = 0; i < n; i++)
        {
            var zh = i % 2 == 0;
            var kind = _rnd.Next(2) == 0 ? ListingKind.Achievement : ListingKind.Need;
            // real listings: title ~6-10 words, 3-5 keywords, body (3 sections) ~120-300 words (Chinese ~300-700 characters)
            var title = Text(zh, 4 + _rnd.Next(6));
            var keywords = string.Join(zh ? "；" : "; ", Enumerable.Range(0, 3 + _rnd.Next(3)).Select(_ => Word(zh)));
            var body = Text(zh, 120 + _rnd.Next(180));
            var price = _rnd.Next(3) == 0 ? (decimal?)null : _rnd.Next(10, 500) * 10_000m;
            list.Add(new ListingDocument(NextId(), kind, title, keywords, body, _rnd.Next(12), _rnd.Next(10) == 0 ? null : 1 + _rnd.Next(9),
                price, price * 2, Regions[_rnd.Next(Regions.Length)], NextId()));
        }

        return list;
    }

    private Guid NextId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _ids.NextBytes(bytes);
        return new Guid(bytes);
    }
}

internal static class TextAnalyzerProxy
{
    public static bool IsCjk(char c) => c >= '\u4E00' && c <= '\u9FFF';
}
