using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Benchmarks;

/// <summary>BEIR-style evaluation through the production pipeline and index (MatchingEngine.Search).</summary>
internal static class Eval
{
    public static int Run(string[] args)
    {
        var a = Args.Parse(args);
        var runOut = a.Optional("run-out");
        var sw = Stopwatch.StartNew();
        var c = EvalCollection.Load(a.Required("corpus"), a.Required("queries"), a.Required("qrels"), a.Optional("exclude"));
        using var engine = BuildEngine(c, out var idOf);
        var buildMs = sw.ElapsedMilliseconds;

        var run = runOut != null ? new StringBuilder() : null;
        sw.Restart();
        var ours = c.Score(q =>
        {
            var ranking = EngineRanking(engine, idOf, q, 100);
            if (run != null)
            {
                for (var i = 0; i < ranking.Count; i++)
                {
                    run.Append(CultureInfo.InvariantCulture, $"{q.Id} Q0 {ranking[i].Doc} {i + 1} {ranking[i].Score:0.######} ttmatch\n");
                }
            }

            return ranking.Select(r => r.Doc).ToList();
        });
        if (runOut != null) File.WriteAllText(runOut, run!.ToString());
        var result = new SortedDictionary<string, object>
        {
            ["ndcg@10"] = Math.Round(ours.Ndcg, 4),
            ["recall@100"] = Math.Round(ours.Recall, 4),
            ["mrr@10"] = Math.Round(ours.Mrr, 4),
            ["queries"] = ours.Queries,
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        Console.Error.WriteLine($"build {buildMs} ms, {c.Queries.Count} queries {sw.ElapsedMilliseconds} ms");
        if (a.Flag("engine-only")) return 0;

        // The baselines of the development collections' README (eval/README.md beside them) and Lucene's analyzers, on the same queries and exclusions.
        Console.WriteLine("| system | nDCG@10 (Recall@100, MRR@10) |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| engine | {ours} |");
        foreach (var (name, rank, owner) in EvalBaselines.For(c))
        {
            sw.Restart();
            var m = c.Score(q => rank(q.Text, 100 + q.Exclude.Count).Where(d => !q.Exclude.Contains(d)).Take(100).ToList());
            owner?.Dispose();
            Console.WriteLine($"| {name} | {m} |");
            Console.Error.WriteLine($"{name}: {sw.ElapsedMilliseconds} ms");
        }

        return 0;
    }

    /// <summary>Indexes the collection through MatchingEngine.Rebuild (title to title, text to body, neutral metadata).</summary>
    internal static MatchingEngine BuildEngine(EvalCollection c, out Dictionary<Guid, string> idOf) => BuildEngine(Listings(c, out idOf));

    internal static MatchingEngine BuildEngine(List<ListingDocument> docs)
    {
        var options = new MatchingOptions { MaxTop = 10_000, MaxTextLength = 1_000_000, RefitGrowthRatio = 0 };
        ApplyOverrides(options.Text, Environment.GetEnvironmentVariable("TTM_TEXT_OPTIONS"));
        ApplyOverrides(options, Environment.GetEnvironmentVariable("TTM_MATCHING_OPTIONS"));
        var engine = new MatchingEngine(options);
        engine.Rebuild(docs);
        return engine;
    }

    /// <summary>The collection's documents as listings: title to title, text to body, neutral metadata.</summary>
    internal static List<ListingDocument> Listings(EvalCollection c, out Dictionary<Guid, string> idOf)
    {
        idOf = [];
        var docs = new List<ListingDocument>(c.Docs.Count);
        foreach (var (id, title, text) in c.Docs)
        {
            var g = GuidOf(id);
            idOf[g] = id;
            // neutral metadata: no field, TRL, price or region
            docs.Add(new ListingDocument(g, ListingKind.Achievement, title, string.Empty, text, 0, null, null, null, string.Empty, Guid.Empty));
        }

        return docs;
    }

    /// <summary>The engine's top <paramref name="k"/> for a query, its exclusions removed before the cut.</summary>
    internal static List<(string Doc, double Score)> EngineRanking(MatchingEngine engine, Dictionary<Guid, string> idOf, EvalQuery q, int k) =>
        engine.Search(q.Text, ListingKind.Achievement, k + q.Exclude.Count)
            .Select(h => (idOf[h.Id], h.Score))
            .Where(h => !q.Exclude.Contains(h.Item1))
            .Take(k)
            .ToList();

    /// <summary>Development aid for exploring settings ("K1=1.2;B=0.75"); the reported figures use the defaults.</summary>
    internal static void ApplyOverrides(object o, string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) return;
        foreach (var kv in spec.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = kv.Split('=', 2);
            var prop = o.GetType().GetProperty(p[0]) ?? throw new ArgumentException($"unknown option {p[0]}");
            prop.SetValue(o, Convert.ChangeType(p[1], prop.PropertyType, CultureInfo.InvariantCulture));
        }

        Console.Error.WriteLine($"text options: {spec}");
    }

    internal static Guid GuidOf(string id) => new(SHA256.HashData(Encoding.UTF8.GetBytes(id)).AsSpan(0, 16));
}

internal sealed class Args
{
    private readonly Dictionary<string, string?> _v = new(StringComparer.Ordinal);

    public static Args Parse(string[] args)
    {
        var a = new Args();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var key = args[i][2..];
            var val = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            a._v[key] = val;
        }

        return a;
    }

    public string Required(string k) => _v.TryGetValue(k, out var v) && v != null ? v : throw new ArgumentException($"--{k} is required");

    public string? Optional(string k) => _v.TryGetValue(k, out var v) ? v : null;

    public bool Flag(string k) => _v.ContainsKey(k);
}
