using System.Globalization;
using System.Text.Json;
using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Benchmarks;

/// <summary>One BEIR-style collection as the evaluation reads it: documents, queries, judgements.</summary>
internal sealed class EvalCollection
{
    public required List<(string Id, string Title, string Text)> Docs { get; init; }

    public required List<EvalQuery> Queries { get; init; }

    public required Dictionary<string, Dictionary<string, int>> Qrels { get; init; }

    /// <summary>English or Chinese, from the corpus text (picks the Lucene analyzers and the simple tokeniser).</summary>
    public required bool English { get; init; }

    public static EvalCollection Load(string corpusPath, string queriesPath, string qrelsPath, string? excludePath)
    {
        var docs = new List<(string, string, string)>();
        foreach (var line in File.ReadLines(corpusPath))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var j = JsonDocument.Parse(line);
            var id = j.RootElement.GetProperty("_id").GetString()!;
            var title = j.RootElement.TryGetProperty("title", out var t) ? t.GetString() ?? string.Empty : string.Empty;
            var text = j.RootElement.TryGetProperty("text", out var x) ? x.GetString() ?? string.Empty : string.Empty;
            docs.Add((id, title, text));
        }

        var queries = new List<EvalQuery>();
        foreach (var line in File.ReadLines(queriesPath))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var j = JsonDocument.Parse(line);
            var ex = new HashSet<string>(StringComparer.Ordinal);
            if (j.RootElement.TryGetProperty("exclude_ids", out var e) && e.ValueKind == JsonValueKind.Array)
            {
                foreach (var v in e.EnumerateArray()) ex.Add(v.GetString()!);
            }

            queries.Add(new EvalQuery(j.RootElement.GetProperty("_id").GetString()!, j.RootElement.GetProperty("text").GetString() ?? string.Empty, ex));
        }

        var qrels = ReadQrels(qrelsPath);
        if (excludePath != null)
        {
            var byId = queries.ToDictionary(q => q.Id, StringComparer.Ordinal);
            foreach (var (qid, map) in ReadQrels(excludePath, keepAll: true))
            {
                if (byId.TryGetValue(qid, out var q)) foreach (var d in map.Keys) q.Exclude.Add(d);
            }
        }

        var sample = string.Concat(docs.Take(200).Select(d => d.Item2 + " " + d.Item3));
        return new EvalCollection { Docs = docs, Queries = queries, Qrels = qrels, English = MatchingEngine.DetectLanguage(sample) == TextLanguage.English };
    }

    /// <summary>nDCG@10, Recall@100 and MRR@10 over the queries that have a relevant document.</summary>
    public Metrics Score(Func<EvalQuery, List<string>> rank)
    {
        double ndcg = 0, recall = 0, mrr = 0;
        var n = 0;
        foreach (var q in Queries)
        {
            if (!Qrels.TryGetValue(q.Id, out var rel) || !rel.Values.Any(v => v > 0)) continue;
            var ranking = string.IsNullOrWhiteSpace(q.Text) ? [] : rank(q);
            var m = Measure(ranking, rel);
            n++;
            ndcg += m.Ndcg;
            recall += m.Recall;
            mrr += m.Mrr;
        }

        return new Metrics(ndcg / Math.Max(1, n), recall / Math.Max(1, n), mrr / Math.Max(1, n), n);
    }

    /// <summary>The three measures for one query's ranking (document ids, best first, exclusions already removed).</summary>
    public static Metrics Measure(IReadOnlyList<string> ranking, Dictionary<string, int> rel)
    {
        double dcg = 0;
        for (var i = 0; i < Math.Min(10, ranking.Count); i++)
        {
            if (rel.TryGetValue(ranking[i], out var g) && g > 0) dcg += g / Math.Log2(i + 2);
        }

        var ideal = rel.Values.Where(v => v > 0).OrderByDescending(v => v).Take(10).Select((g, i) => g / Math.Log2(i + 2)).Sum();
        var relevant = rel.Count(r => r.Value > 0);
        var found = ranking.Take(100).Count(d => rel.TryGetValue(d, out var g) && g > 0);
        var first = -1;
        for (var i = 0; i < Math.Min(10, ranking.Count) && first < 0; i++)
        {
            if (rel.TryGetValue(ranking[i], out var g) && g > 0) first = i;
        }

        return new Metrics(ideal > 0 ? dcg / ideal : 0, relevant > 0 ? found / (double)relevant : 0, first >= 0 ? 1.0 / (first + 1) : 0, 1);
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
}

internal sealed record EvalQuery(string Id, string Text, HashSet<string> Exclude);

internal readonly record struct Metrics(double Ndcg, double Recall, double Mrr, int Queries)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Ndcg:0.000} ({Recall:0.000}, {Mrr:0.000})");
}
