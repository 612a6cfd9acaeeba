using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Benchmarks;

/// <summary>
/// `stems --corpus <corpus.jsonl> --queries <queries.jsonl> --qrels <qrels.tsv>`: the engine's English stems against Lucene's
/// EnglishAnalyzer, per distinct word (same stem or not, weighted by occurrences) and per text (the terms one side
/// has and the other lacks, stop words aside).
/// </summary>
internal static class StemDiff
{
    private static List<string> Terms(Analyzer analyzer, string text)
    {
        var list = new List<string>();
        using var ts = analyzer.GetTokenStream("f", text);
        var term = ts.AddAttribute<ICharTermAttribute>();
        ts.Reset();
        while (ts.IncrementToken()) list.Add(term.ToString());
        ts.End();
        return list;
    }

    public static int Run(string[] argv)
    {
        var a = Args.Parse(argv);
        var c = EvalCollection.Load(a.Required("corpus"), a.Required("queries"), a.Required("qrels"), null);
        var texts = c.Docs.Select(d => d.Title + " " + d.Text).Concat(c.Queries.Select(q => q.Text)).ToList();
        using var lucene = new EnglishAnalyzer(LuceneVersion.LUCENE_48);

        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var onlyLucene = new Dictionary<string, int>(StringComparer.Ordinal);
        var onlyEngine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in texts)
        {
            var norm = TextAnalyzer.Normalize(t);
            var engine = new HashSet<string>(StringComparer.Ordinal);
            foreach (var w in TextAnalyzer.EnglishTokens(norm))
            {
                if (TextAnalyzer.EnglishStopWords.Contains(w)) continue;
                words[w] = words.GetValueOrDefault(w) + 1;
                var stem = PorterStemmer.Stem(w);
                if (!TextAnalyzer.EnglishStopWords.Contains(stem)) engine.Add(stem); // the same filter as Lucene's side below
            }

            var luc = Terms(lucene, t).Where(x => !TextAnalyzer.EnglishStopWords.Contains(x)).ToHashSet(StringComparer.Ordinal);
            foreach (var x in luc.Except(engine)) onlyLucene[x] = onlyLucene.GetValueOrDefault(x) + 1;
            foreach (var x in engine.Except(luc)) onlyEngine[x] = onlyEngine.GetValueOrDefault(x) + 1;
        }

        var differ = new List<(string Word, string Engine, string Lucene, int Count)>();
        foreach (var (w, n) in words)
        {
            var l = Terms(lucene, w);
            if (l.Count != 1) continue; // a Lucene stop word or split differently: covered by the text-level lists
            var e = PorterStemmer.Stem(w);
            if (e != l[0]) differ.Add((w, e, l[0], n));
        }

        var occurrences = words.Values.Sum();
        Console.WriteLine($"distinct words {words.Count:N0}, occurrences {occurrences:N0}; stem differs for {differ.Count} words, {differ.Sum(d => d.Count):N0} occurrences ({100.0 * differ.Sum(d => d.Count) / occurrences:F2} %)");
        foreach (var d in differ.OrderByDescending(d => d.Count).Take(40)) Console.WriteLine($"  {d.Word} -> engine {d.Engine}, lucene {d.Lucene} ({d.Count})");
        Console.WriteLine($"terms of a text only Lucene has (texts holding it), top 30 of {onlyLucene.Count:N0}:");
        Console.WriteLine("  " + string.Join(", ", onlyLucene.OrderByDescending(kv => kv.Value).Take(30).Select(kv => $"{kv.Key} {kv.Value}")));
        Console.WriteLine($"terms of a text only the engine has, top 30 of {onlyEngine.Count:N0}:");
        Console.WriteLine("  " + string.Join(", ", onlyEngine.OrderByDescending(kv => kv.Value).Take(30).Select(kv => $"{kv.Key} {kv.Value}")));
        return 0;
    }
}
