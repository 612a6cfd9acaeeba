using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TechTransfer.Match.Matching;
using TechTransfer.Match.Web.Features.Guidelines;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.PlatformBenchmarks;

/// <summary>
/// Unmet-demand clustering at scale: N needs made from the demo catalogue's needs (each a demo need's title and
/// background with a few words of another need swapped in, so texts repeat with variation as real ones do), words
/// read by the matching engine's analyser, then <see cref="DemandClusterer"/>. Prints the time of each step.
/// Usage: clustering [needs=100000] [threshold=0.3]
/// </summary>
public sealed class ClusteringBenchmark : IPlatformBenchmark
{
    public string Verb => "clustering";

    public string Description => "unmet-demand clustering time for N needs (tokenise + cluster)";

    public Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var threshold = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0.3;
        using var stream = typeof(AppDbContext).Assembly.GetManifestResourceStream("TechTransfer.Match.Web.Infrastructure.Data.Seed.needs.json")
            ?? throw new InvalidOperationException("needs.json is not embedded.");
        var seeds = JsonDocument.Parse(stream).RootElement.EnumerateArray()
            .Select(n => (Text: n.GetProperty("title").GetString() + "\n" + n.GetProperty("background").GetString(), Field: n.GetProperty("field").GetString()!))
            .ToList();
        var fields = seeds.Select(s => s.Field).Distinct().ToList();
        var random = new Random(17);
        using var engine = new MatchingEngine(new MatchingOptions());

        var clock = Stopwatch.StartNew();
        var seedWords = seeds.Select(s => engine.Tokenize(s.Text)).ToList();
        var needs = new List<DemandText>(count);
        for (var i = 0; i < count; i++)
        {
            var k = random.Next(seeds.Count);
            var words = seedWords[k].ToList();
            var other = seedWords[random.Next(seeds.Count)];
            for (var j = 0; j < 3 && other.Count > 0; j++)
            {
                words[random.Next(words.Count)] = other[random.Next(other.Count)];
            }

            needs.Add(new DemandText(fields.IndexOf(seeds[k].Field), words));
        }

        var prepared = clock.Elapsed;
        clock.Restart();
        // Tokenising is timed on a sample (the seed texts, cycled) and scaled: it is linear in the number of needs.
        var sample = Math.Min(count, 5_000);
        for (var i = 0; i < sample; i++)
        {
            engine.Tokenize(seeds[i % seeds.Count].Text);
        }

        var tokenisePerNeed = clock.Elapsed.TotalMilliseconds / sample;
        clock.Restart();
        var clusters = DemandClusterer.Cluster(needs, threshold);
        var clustering = clock.Elapsed;
        var groups = clusters.Count(c => c.Count >= 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"needs={count} threshold={threshold} prepare={prepared.TotalMilliseconds:F0}ms tokenise={tokenisePerNeed:F3}ms/need (x{count} = {tokenisePerNeed * count / 1000:F1}s) cluster={clustering.TotalMilliseconds:F0}ms clusters(>=2)={groups} singletons={clusters.Count - groups} largest={clusters.Max(c => c.Count)}"));
        return Task.FromResult(0);
    }
}
