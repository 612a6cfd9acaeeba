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
        var corpusPath = a.Required("corpus");
        var queriesPath = a.Required("queries");
        var qrelsPath = a.Required("qrels");
        var runOut = a.Optional("run-out");
        var excludePath = a.Optional("exclude");

        var sw = Stopwatch.StartNew();
        var docs = new List<ListingDocument>();
        var idOf = new Dictionary<Guid, string>();
        foreach (var line in File.ReadLines(corpusPath))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var j = JsonDocument.Parse(line);
            var id = j.RootElement.GetProperty("_id").GetString()!;
            var title = j.RootElement.TryGetProperty("title", out var t) ? t.GetString() ?? string.Empty : string.Empty;
            var text = j.RootElement.TryGetProperty("text", out var x) ? x.GetString() ?? string.Empty : string.Empty;
            var g = GuidOf(id);
            idOf[g] = id;
            // neutral metadata: no field, TRL, price or region
            docs.Add(new ListingDocument(g, ListingKind.Achievement, title, string.Empty, text, 0, null, null, null, string.Empty, Guid.Empty));
        }

        var queries = new List<(string Id, string Text, HashSet<string> Exclude)>();
        foreach (var line in File.ReadLines(queriesPath))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var j = JsonDocument.Parse(line);
            var ex = new HashSet<string>(StringComparer.Ordinal);
            if (j.RootElement.TryGetProperty("exclude_ids", out var e) && e.ValueKind == JsonValueKind.Array)
            {
                foreach (var v in e.EnumerateArray()) ex.Add(v.GetString()!);
            }

            queries.Add((j.RootElement.GetProperty("_id").GetString()!, j.RootElement.GetProperty("text").GetString() ?? string.Empty, ex));
        }

        var qrels = ReadQrels(qrelsPath);
        if (excludePath != null)
        {
            foreach (var (qid, map) in ReadQrels(excludePath, keepAll: true))
            {
                var q = queries.FindIndex(x => x.Id == qid);
                if (q >= 0) foreach (var d in map.Keys) queries[q].Exclude.Add(d);
            }
        }

        var options = new MatchingOptions { MaxTop = 10_000, MaxTextLength = 1_000_000, RefitGrowthRatio = 0 };
        ApplyOverrides(options.Text, Environment.GetEnvironmentVariable("TTM_TEXT_OPTIONS"));
        using var engine = new MatchingEngine(options);
        engine.Rebuild(docs);
        var buildMs = sw.ElapsedMilliseconds;

        double ndcg = 0, recall = 0, mrr = 0;
        var n = 0;
        var run = runOut != null ? new StringBuilder() : null;
        sw.Restart();
        foreach (var (qid, text, exclude) in queries)
        {
            List<(string Doc, double Score)> ranking = [];
            if (!string.IsNullOrWhiteSpace(text))
            {
                ranking = engine.Search(text, ListingKind.Achievement, 100 + exclude.Count)
                    .Select(h => (idOf[h.Id], h.Score))
                    .Where(h => !exclude.Contains(h.Item1))
                    .Take(100)
                    .ToList();
            }

            if (run != null)
            {
                for (var i = 0; i < ranking.Count; i++)
                {
                    run.Append(CultureInfo.InvariantCulture, $"{qid} Q0 {ranking[i].Doc} {i + 1} {ranking[i].Score:0.######} ttmatch\n");
                }
            }

            if (!qrels.TryGetValue(qid, out var rel) || !rel.Values.Any(v => v > 0)) continue;
            n++;
            ndcg += Ndcg(ranking, rel, 10);
            var relevant = rel.Where(r => r.Value > 0).Select(r => r.Key).ToHashSet();
            recall += ranking.Take(100).Count(r => relevant.Contains(r.Doc)) / (double)relevant.Count;
            var first = ranking.Take(10).Select((r, i) => (r, i)).FirstOrDefault(x => relevant.Contains(x.r.Doc));
            if (first.r.Doc != null) mrr += 1.0 / (first.i + 1);
        }

        if (runOut != null) File.WriteAllText(runOut, run!.ToString());
        var result = new SortedDictionary<string, object>
        {
            ["ndcg@10"] = Math.Round(ndcg / Math.Max(1, n), 4),
            ["recall@100"] = Math.Round(recall / Math.Max(1, n), 4),
            ["mrr@10"] = Math.Round(mrr / Math.Max(1, n), 4),
            ["queries"] = n,
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        Console.Error.WriteLine($"build {buildMs} ms, {queries.Count} queries {sw.ElapsedMilliseconds} ms");
        return 0;
    }

    private static double Ndcg(List<(string Doc, double Score)> ranking, Dictionary<string, int> rel, int k)
    {
        double dcg = 0;
        for (var i = 0; i < Math.Min(k, ranking.Count); i++)
        {
            if (rel.TryGetValue(ranking[i].Doc, out var g) && g > 0) dcg += g / Math.Log2(i + 2);
        }

        var ideal = rel.Values.Where(v => v > 0).OrderByDescending(v => v).Take(k).Select((g, i) => g / Math.Log2(i + 2)).Sum();
        return ideal > 0 ? dcg / ideal : 0;
    }

    private static Dictionary<string, Dictionary<string, int>> ReadQrels(string path, bool keepAll = false)
    {
        var q = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var p = line.Split('\t');
            if (p.Length < 3) continue;
            var s = int.Parse(p[2], CultureInfo.InvariantCulture);
            if (!keepAll && s <= 0) continue;
            if (!q.TryGetValue(p[0], out var m)) q[p[0]] = m = new Dictionary<string, int>(StringComparer.Ordinal);
            m[p[1]] = s;
        }

        return q;
    }

    /// <summary>Development aid for exploring settings ("K1=1.2;B=0.75"); the reported figures use the defaults.</summary>
    internal static void ApplyOverrides(TextPipelineOptions o, string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) return;
        foreach (var kv in spec.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = kv.Split('=', 2);
            var prop = typeof(TextPipelineOptions).GetProperty(p[0]) ?? throw new ArgumentException($"unknown option {p[0]}");
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
