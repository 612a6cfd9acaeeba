using System.Diagnostics;
using System.Globalization;
using System.Text;
using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Benchmarks;

/// <summary>
/// Speed benchmark: synthetic listings (half Chinese, half English, Zipf vocabulary) at several sizes;
/// our engine against Lucene.Net 4.8 BM25 in three configurations (<see cref="LuceneConfigurations"/>) on the same data.
/// </summary>
internal static partial class SpeedBench
{
    public static int Run(string[] args)
    {
        var a = Args.Parse(args);
        var sizes = (a.Optional("sizes") ?? "10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var queryCount = int.Parse(a.Optional("queries") ?? "300", CultureInfo.InvariantCulture);
        var lucene = !a.Flag("no-lucene");
        var outPath = a.Optional("out");
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, server GC off");
        report.AppendLine("| size | system | build s | memory MB | FindMatches wall p50/p95/p99 ms | FindMatches thread CPU p50/p95/p99 ms | Preview (draft text) wall p50/p95/p99 ms | Preview thread CPU p50/p95/p99 ms | upsert p50/p95 ms |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|");
        var gen = new SyntheticListings(seed: 42);
        var snapshots = new StringBuilder();
        foreach (var n in sizes)
        {
            var docs = gen.Generate(n);
            var rnd = new Random(7);
            var needs = docs.Where(d => d.Kind == ListingKind.Need).ToArray();
            var queryDocs = Enumerable.Range(0, queryCount).Select(_ => needs[rnd.Next(needs.Length)]).ToArray();
            var extra = new SyntheticListings(seed: 99).Generate(200).Select(d => d with { Id = Guid.NewGuid(), Kind = ListingKind.Achievement }).ToArray();

            var cache = a.Optional("snapshot-cache");
            var ours = RunOurs(docs, queryDocs, extra, cache == null ? null : string.Create(CultureInfo.InvariantCulture, $"{cache}.{n}.bin"));
            Console.WriteLine(ours.Row(n, "TechTransfer.Match") + $" load average {LoadAverage()}");
            report.AppendLine(ours.Row(n, "TechTransfer.Match") + $" load average {LoadAverage()}");
            snapshots.AppendLine(SnapshotLine);
            if (lucene)
            {
                foreach (var (name, chinese) in LuceneConfigurations)
                {
                    var luc = RunLucene(docs, queryDocs, extra, chinese);
                    Console.WriteLine(luc.Row(n, name) + $" load average {LoadAverage()}");
                    report.AppendLine(luc.Row(n, name) + $" load average {LoadAverage()}");
                    var ratio = ours.Ratios(luc).Replace("ratio ours/Lucene", $"ratio ours / {name}", StringComparison.Ordinal);
                    Console.WriteLine(ratio.Replace("SIZE", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
                    report.AppendLine(ratio.Replace("SIZE", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
                }
            }
        }

        report.AppendLine().AppendLine("| size | restart path |").AppendLine("|---|---|").Append(snapshots);
        if (outPath != null) File.WriteAllText(outPath, report.ToString());
        return 0;
    }

    /// <summary>The benchmark's engine options, with the pipeline overrides of <c>TTM_TEXT_OPTIONS</c> (as in <c>eval</c>)
    /// and <c>--keep-share</c> (<see cref="MatchingOptions.PrunedFeatureKeepShare"/>).</summary>
    private static MatchingOptions BenchOptions(Args? a = null)
    {
        var options = new MatchingOptions { RefitGrowthRatio = 0 };
        Eval.ApplyOverrides(options.Text, Environment.GetEnvironmentVariable("TTM_TEXT_OPTIONS"));
        if (a?.Optional("keep-share") is { } keep) options.PrunedFeatureKeepShare = double.Parse(keep, CultureInfo.InvariantCulture);
        return options;
    }

    /// <summary>
    /// Query profile on a saved snapshot (see <c>bench --snapshot-cache</c>): FindMatches latency over random needs,
    /// with the postings read and listings touched per query (after an unmeasured pass of the same queries), and the top-10
    /// overlap against exhaustive candidates; <c>--find-only</c> stops after the latency.
    /// </summary>
    public static int Profile(string[] args)
    {
        var a = Args.Parse(args);
        var path = a.Optional("snapshot") ?? throw new ArgumentException("--snapshot <file> is required");
        var queryCount = int.Parse(a.Optional("queries") ?? "300", CultureInfo.InvariantCulture);
        var sw = Stopwatch.StartNew();
        var options = BenchOptions(a);
        if (a.Optional("limit") is { } limit) options.MatchCandidateLimit = int.Parse(limit, CultureInfo.InvariantCulture);
        if (a.Optional("max-df") is { } maxDf) options.MatchCandidateMaxDf = double.Parse(maxDf, CultureInfo.InvariantCulture);
        MatchingEngine engine;
        using (var f = File.OpenRead(path))
        {
            engine = MatchingEngine.LoadSnapshot(f, options);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load {sw.Elapsed.TotalSeconds:0.0} s, {engine.Count} listings, managed heap {GC.GetTotalMemory(true) / 1048576.0:0} MB; load average {LoadAverage()}"));
        var needs = engine.State.Of(ListingKind.Need).SlotOf.Keys.Order().ToArray();
        var rnd = new Random(7);
        var ids = Enumerable.Range(0, queryCount).Select(_ => needs[rnd.Next(needs.Length)]).ToArray();
        foreach (var id in ids) engine.FindMatches(id, new MatchQuery(Top: 10)); // warm-up pass: the JIT's tiers, as in a running node
        var times = new List<double>();
        var cpu = new List<double>();
        var scratch = Scratch.Get(1);
        long postings = 0;
        foreach (var id in ids)
        {
            scratch.PostingsRead = 0;
            var c0 = ThreadCpu.NowMs();
            var t = Stopwatch.GetTimestamp();
            engine.FindMatches(id, new MatchQuery(Top: 10));
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            cpu.Add(ThreadCpu.NowMs() - c0);
            postings += scratch.PostingsRead;
        }

        var p = Percentiles(times);
        var pc = Percentiles(cpu);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FindMatches wall p50 {p[0]:0.00} p95 {p[1]:0.00} p99 {p[2]:0.00} ms; thread CPU p50 {pc[0]:0.00} p95 {pc[1]:0.00} p99 {pc[2]:0.00} ms; postings read per query {postings / ids.Length:N0}; load average {LoadAverage()}"));
        if (a.Flag("find-only"))
        {
            engine.Dispose();
            return 0;
        }

        // quality of the candidate shortcut: top-10 overlap with exhaustive candidate generation
        var exhaustive = new MatchingOptions { RefitGrowthRatio = 0, MatchCandidateMaxDf = 1.0, MatchCandidateMinPostings = int.MaxValue, MatchCandidateLimit = 0 };
        using var f2 = File.OpenRead(path);
        using var full = MatchingEngine.LoadSnapshot(f2, exhaustive);
        double overlap = 0;
        foreach (var id in ids.Take(100))
        {
            var x = engine.FindMatches(id, new MatchQuery(Top: 10)).Select(r => r.Id).ToHashSet();
            var y = full.FindMatches(id, new MatchQuery(Top: 10)).Select(r => r.Id).ToList();
            overlap += y.Count == 0 ? 1 : y.Count(x.Contains) / (double)y.Count;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"top-10 overlap with exhaustive candidates: {overlap / Math.Min(100, ids.Length):P1}"));

        // catalogue search: title + keywords of other synthetic listings, the catalogue's page of 100
        var searches = new SyntheticListings(seed: 7).Generate(200).Select(d => d.Title + " " + d.Keywords).ToArray();
        foreach (var s in searches.Take(20)) engine.Search(s, ListingKind.Achievement, 100);
        var searchCpu = new List<double>();
        foreach (var s in searches)
        {
            var c0 = ThreadCpu.NowMs();
            engine.Search(s, ListingKind.Achievement, 100);
            searchCpu.Add(ThreadCpu.NowMs() - c0);
        }

        var ps = Percentiles(searchCpu);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Search (top 100) thread CPU p50 {ps[0]:0.00} p95 {ps[1]:0.00} p99 {ps[2]:0.00} ms; load average {LoadAverage()}"));

        // restart path in the current snapshot format: save, then load into a new engine
        var resaved = path + ".resaved";
        var t0 = Stopwatch.GetTimestamp();
        using (var f3 = File.Create(resaved))
        {
            engine.SaveSnapshot(f3);
        }

        var save = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        t0 = Stopwatch.GetTimestamp();
        using (var f4 = File.OpenRead(resaved))
        {
            using var reloaded = MatchingEngine.LoadSnapshot(f4, options);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"snapshot {new FileInfo(resaved).Length / 1048576.0:0} MB: save {save:0.0} s; load {Stopwatch.GetElapsedTime(t0).TotalSeconds:0.0} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds:0.0} s CPU ({reloaded.LastRebuildTimings}); load average {LoadAverage()}"));
        }

        File.Delete(resaved);
        engine.Dispose();
        return 0;
    }

    /// <summary>What the index holds at a size: features, postings, document frequencies (the memory budget's inputs).</summary>
    public static int IndexStats(string[] args)
    {
        var a = Args.Parse(args);
        var n = int.Parse(a.Optional("size") ?? "20000", CultureInfo.InvariantCulture);
        var docs = new SyntheticListings(seed: 42).Generate(n);
        Collect();
        var before = GC.GetTotalMemory(true);
        var options = BenchOptions(a);
        using var engine = new MatchingEngine(options);
        engine.Rebuild(docs);
        Collect();
        var mem = (GC.GetTotalMemory(true) - before) / 1048576.0;
        var st = engine.State;
        var terms = st.Dict.Count;
        var df = new int[terms];
        long forward = 0, forwardBytes = 0;
        var zhFeatures = 0L;
        var zhDocs = 0;
        foreach (var e in st.LiveEntries())
        {
            forward += e.TermCount;
            forwardBytes += e.PackedBytes;
            for (var r = e.Reader(); r.Next(out var t, out _);) df[t]++;
        }

        foreach (var d in docs.Take(2000))
        {
            if (d.Title.Any(TextAnalyzerProxy.IsCjk)) { zhDocs++; zhFeatures += st.Get(d.Id)!.TermCount; }
        }

        long postings = st.Kinds.Sum(k => Enumerable.Range(0, k.CsrTermCount).Sum(t => (long)k.CsrCount(t, out _)));
        long postingBytes = st.Kinds.Sum(k => (long)k.CsrData.Length);
        var byFamily = new Dictionary<char, (long Terms, long Postings, long Single)>();
        for (var t = 0; t < terms; t++)
        {
            var f = st.Dict.Prefix(t);
            var x = byFamily.GetValueOrDefault(f);
            byFamily[f] = (x.Terms + 1, x.Postings + df[t], x.Single + (df[t] == 1 ? 1 : 0));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n} listings, heap {mem:0} MB, {terms:N0} features, {postings:N0} postings ({postingBytes / (double)postings:0.00} bytes each), {forward:N0} forward entries ({forwardBytes / (double)forward:0.00} bytes each; {forward / (double)n:0} per listing; Chinese {zhFeatures / (double)Math.Max(1, zhDocs):0})"));
        var termTable = st.Dict.AllocatedBytes / 1048576.0;
        var idfArrays = st.Weighting.IdfArray.Length * 8 / 1048576.0;
        var starts = st.Kinds.Sum(k => (long)k.CsrStarts.Length * 4) / 1048576.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  MB: term table {termTable:0}, idf arrays {idfArrays:0}, posting starts {starts:0}, postings {postingBytes / 1048576.0:0}, forward entries {forwardBytes / 1048576.0:0}, the rest {mem - termTable - idfArrays - starts - (postingBytes / 1048576.0) - (forwardBytes / 1048576.0):0} ({n} listings)"));
        foreach (var (f, x) in byFamily.OrderBy(k => k.Key))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  family {f}: {x.Terms:N0} features, {x.Postings:N0} postings, df=1 features {x.Single:N0} ({x.Single / (double)Math.Max(1, x.Postings):P1} of the family's postings)"));
        }

        // static pruning inputs: per kind, postings of the features above the candidate cap, and what keeping K of them leaves
        foreach (var k in st.Kinds)
        {
            var cap = Math.Max(options.MatchCandidateMinPostings, (int)(k.Slots.Count * options.MatchCandidateMaxDf));
            long above = 0, aboveTerms = 0, single = 0, total = 0;
            var keeps = new[] { cap, cap / 2, cap / 5, 1000, 500 };
            var kept = new long[keeps.Length];
            for (var t = 0; t < k.CsrTermCount; t++)
            {
                var c = k.CsrCount(t, out _);
                total += c;
                if (c == 1) single++;
                if (c <= cap) continue;
                above += c;
                aboveTerms++;
                for (var i = 0; i < keeps.Length; i++) kept[i] += Math.Min(c, keeps[i]);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  kind of {k.Slots.Count:N0} listings: {total:N0} postings, {k.PrunedTerms:N0} features pruned; {aboveTerms:N0} features above {cap:N0} hold {above:N0}; kept at K = {string.Join(", ", keeps.Select((x, i) => $"{x}: {kept[i]:N0}"))}; df=1 postings {single:N0}"));
        }

        return 0;
    }

    /// <summary>Tokenisation throughput: jieba alone vs the whole analyzer, one thread.</summary>
    /// <summary>
    /// Where a build from text goes, one thread at a time (thread CPU): jieba.NET's Cut over the Chinese runs, the
    /// engine's segmenter over the same runs, the full feature bags, then a Rebuild with its phases (all cores).
    /// </summary>
    public static int Tokenise(string[] args)
    {
        var a = Args.Parse(args);
        var n = int.Parse(a.Optional("size") ?? "20000", CultureInfo.InvariantCulture);
        var docs = new SyntheticListings(seed: 42).Generate(n);
        var runs = docs.SelectMany(d => new[] { d.Title, d.Keywords, d.Body })
            .SelectMany(t => System.Text.RegularExpressions.Regex.Matches(TextAnalyzer.Normalize(t), "[\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF]+").Select(m => m.Value))
            .ToList();
        var chars = runs.Sum(r => (long)r.Length);
        var allChars = docs.Sum(d => (long)d.Title.Length + d.Keywords.Length + d.Body.Length);
        using var engine = new MatchingEngine(BenchOptions());
        var seg = new JiebaNet.Segmenter.JiebaSegmenter();
        var ours = ChineseSegmenter.Current;
        var list = new List<string>();
        void Line(string what, long nChars, Action act)
        {
            act(); // warm-up pass (JIT, memo of the first pass is part of the steady state as in a build)
            var c0 = ThreadCpu.NowMs();
            act();
            var s = (ThreadCpu.NowMs() - c0) / 1000;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {s:0.00} s thread CPU, {nChars / s / 1000:0} k chars/s"));
        }

        if (a.Optional("dump") is { } dumpPath)
        {
            // every feature bag in order (features, weights, surfaces): compares two builds of the pipeline
            using var w = new StreamWriter(dumpPath);
            var cache = new TokeniserCache(TokeniserCache.BuildEntries); // the build path
            foreach (var d in docs)
            {
                var bag = engine.Analyze(d, cache);
                w.WriteLine(string.Join(' ', Enumerable.Range(0, bag.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{bag.Feature(i)}={bag.Weight(i):R}/{bag.Surface(i)}"))));
                w.WriteLine(string.Join(' ', (bag.Hashed ?? []).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{TermDictionary.HashedTerm(kv.Key)}={kv.Value:R}"))));
                w.WriteLine(string.Join(' ', engine.Tokenize(d.Body)));
            }

            return 0;
        }

        if (a.Optional("only") == "analyze")
        {
            for (var pass = 0; pass < 3; pass++) Line("full feature bags (Analyze, one build cache)", allChars, () => { var cache = new TokeniserCache(TokeniserCache.BuildEntries); foreach (var d in docs) _ = engine.Analyze(d, cache); });
            return 0; // for a profiler
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n:N0} listings, {allChars:N0} chars, {runs.Count:N0} CJK runs ({chars:N0} chars); load average {LoadAverage()}"));
        if (a.Optional("only") != "rebuild")
        {
            Line("jieba.NET Cut (accurate, HMM)", chars, () => { foreach (var r in runs) _ = seg.Cut(r, cutAll: false, hmm: true).Count(); });
            Line("engine segmenter (same tokens, no run memo)", chars, () => { foreach (var r in runs) { list.Clear(); ours.Cut(r, true, list, TokeniserCache.None); } });
            Line("full feature bags (Analyze, one build cache)", allChars, () => { var cache = new TokeniserCache(TokeniserCache.BuildEntries); foreach (var d in docs) _ = engine.Analyze(d, cache); });
        }

        var t0 = Stopwatch.GetTimestamp();
        var p0 = Process.GetCurrentProcess().TotalProcessorTime;
        engine.Rebuild(docs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Rebuild: {Stopwatch.GetElapsedTime(t0).TotalSeconds:0.0} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - p0).TotalSeconds:0.0} s CPU ({engine.LastRebuildTimings}); load average {LoadAverage()}"));
        if (a.Optional("save") is { } save)
        {
            // the built index byte for byte: two versions of the build compared with cmp
            using var f = File.Create(save);
            engine.SaveSnapshot(f);
        }

        return 0;
    }

    /// <summary>Wall-clock and thread CPU milliseconds of timed calls.</summary>
    private sealed class Timings
    {
        public List<double> Wall { get; } = [];

        public List<double> Cpu { get; } = [];

        public void Time(Action action)
        {
            var c0 = ThreadCpu.NowMs();
            var t = Stopwatch.GetTimestamp();
            action();
            Wall.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            Cpu.Add(ThreadCpu.NowMs() - c0);
        }
    }

    private sealed record Figures(double BuildS, double MemoryMb, double[] Find, double[] Preview, double[] Upsert, double[] FindCpu, double[] PreviewCpu)
    {
        public string Row(int n, string name) => string.Create(CultureInfo.InvariantCulture,
            $"| {n:N0} | {name} | {BuildS:0.0} | {MemoryMb:0} | {P(Find)} | {P(FindCpu)} | {P(Preview)} | {P(PreviewCpu)} | {Upsert[0]:0.00} / {Upsert[1]:0.00} |");

        private static string P(double[] v) => v.Length == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{v[0]:0.00} / {v[1]:0.00} / {v[2]:0.00}");

        public string Ratios(Figures l) => string.Create(CultureInfo.InvariantCulture,
            $"| SIZE | ratio ours/Lucene | {BuildS / l.BuildS:0.00} | {MemoryMb / l.MemoryMb:0.00} | {Find[1] / l.Find[1]:0.00} (p95) | {FindCpu[1] / l.FindCpu[1]:0.00} (p95) | {Preview[1] / l.Preview[1]:0.00} (p95) | {PreviewCpu[1] / l.PreviewCpu[1]:0.00} (p95) | {Upsert[1] / l.Upsert[1]:0.00} (p95) |");
    }

    /// <summary>
    /// The platform's restart: the snapshot mapped (<see cref="MatchingEngine.RestoreMapped"/>), its load time, the
    /// managed heap it adds (the mapped features and postings are not on it), the resident set it adds (mapped pages
    /// touched so far included), and FindMatches thread CPU on it.
    /// </summary>
    private static string MappedRestart(string path, ListingDocument[] queries)
    {
        Collect();
        var heap0 = GC.GetTotalMemory(true);
        var rss0 = Process.GetCurrentProcess().WorkingSet64;
        var t0 = Stopwatch.GetTimestamp();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        using var mapped = new MatchingEngine(BenchOptions());
        mapped.RestoreMapped(path);
        var load = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        Collect();
        var heap = (GC.GetTotalMemory(true) - heap0) / 1048576.0;
        var rss = (Process.GetCurrentProcess().WorkingSet64 - rss0) / 1048576.0;
        var find = new Timings();
        foreach (var q in queries)
        {
            find.Time(() => mapped.FindMatches(q.Id, new MatchQuery(Top: 10)));
        }

        var rssAfter = (Process.GetCurrentProcess().WorkingSet64 - rss0) / 1048576.0;
        var p = Percentiles(find.Cpu);
        return string.Create(CultureInfo.InvariantCulture,
            $"mapped restart {load:0.0} s wall, {cpu:0.0} s CPU, heap {heap:0} MB, resident set +{rss:0} MB after the load and +{rssAfter:0} MB after {queries.Length} FindMatches (thread CPU p50 / p95 {p[0]:0.00} / {p[1]:0.00} ms, first touch of the pages included)");
    }

    private static string SnapshotLine = string.Empty;
    private static string RebuildCpu = string.Empty;

    private static double[] Percentiles(List<double> ms)
    {
        ms.Sort();
        double P(double p) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(p * ms.Count) - 1)];
        return [P(0.5), P(0.95), P(0.99)];
    }

    /// <param name="cachePath">Optional snapshot file: loaded instead of rebuilding when it exists (for
    /// iterating on query speed), written after the rebuild otherwise. The build figure is then the load time.</param>
    private static Figures RunOurs(List<ListingDocument> docs, ListingDocument[] queries, ListingDocument[] extra, string? cachePath = null)
    {
        Collect();
        var before = GC.GetTotalMemory(true);
        var sw = Stopwatch.StartNew();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var options = BenchOptions();
        MatchingEngine? engine = null;
        if (cachePath != null && File.Exists(cachePath))
        {
            using (var f = File.OpenRead(cachePath))
            {
                engine = MatchingEngine.LoadSnapshot(f, options);
            }

            // A cache written by another version of the generator holds other listings: rebuild rather than measure
            // queries against an index that lacks them.
            var missing = docs.Count(d => engine.State.Get(d.Id) == null);
            if (missing > 0 || engine.Count != docs.Count)
            {
                Console.Error.WriteLine($"  {cachePath} holds {engine.Count} listings, {missing} of this run's {docs.Count} missing: rebuilding and overwriting it");
                engine.Dispose();
                engine = null;
                sw.Restart();
                cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            }
            else
            {
                Console.Error.WriteLine($"  loaded {cachePath} in {sw.Elapsed.TotalSeconds:0.0}s (no rebuild)");
            }
        }

        if (engine == null)
        {
            engine = new MatchingEngine(options);
            engine.Rebuild(docs);
            if (cachePath != null)
            {
                using var f = File.Create(cachePath);
                engine.SaveSnapshot(f);
            }
        }

        var build = sw.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        Console.Error.WriteLine($"  rebuild: {engine.LastRebuildTimings}; process CPU {cpu:0.0}s over {build:0.0}s wall; load average {LoadAverage()}");
        RebuildCpu = string.Create(CultureInfo.InvariantCulture, $"rebuild CPU {cpu:0.0} s (both cores) over {build:0.0} s wall");
        Collect();
        var mem = (GC.GetTotalMemory(true) - before) / 1048576.0;

        // An unmeasured pass of every query first: the JIT's tiers settle as in a running node (20 queries did not).
        foreach (var q in queries) engine.FindMatches(q.Id, new MatchQuery(Top: 10));
        var find = new Timings();
        foreach (var q in queries)
        {
            find.Time(() => engine.FindMatches(q.Id, new MatchQuery(Top: 10)));
        }

        foreach (var q in queries) engine.Preview(q with { Id = Guid.NewGuid() }, new MatchQuery(Top: 10));
        var preview = new Timings();
        foreach (var q in queries)
        {
            var draft = q with { Id = Guid.NewGuid() };
            preview.Time(() => engine.Preview(draft, new MatchQuery(Top: 10)));
        }

        var upsert = new List<double>();
        foreach (var d in extra)
        {
            var t = Stopwatch.GetTimestamp();
            engine.Upsert(d);
            upsert.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        var up = Percentiles(upsert);
        // a file rather than a MemoryStream: at a million listings the snapshot is larger than one array
        var snapshotPath = Path.Combine(Path.GetTempPath(), $"ttm-bench-{Environment.ProcessId}.snapshot");
        try
        {
            var t0 = Stopwatch.GetTimestamp();
            using (var f = File.Create(snapshotPath))
            {
                engine.SaveSnapshot(f);
            }

            var save = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            var size = new FileInfo(snapshotPath).Length;
            t0 = Stopwatch.GetTimestamp();
            var loadCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            using var f2 = File.OpenRead(snapshotPath);
            using var loaded = MatchingEngine.LoadSnapshot(f2, BenchOptions());
            var load = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            var loadCpu = (Process.GetCurrentProcess().TotalProcessorTime - loadCpu0).TotalSeconds;
            var mapped = MappedRestart(snapshotPath, queries);
            SnapshotLine = string.Create(CultureInfo.InvariantCulture,
                $"| {docs.Count:N0} | snapshot {size / 1048576.0:0} MB: save {save:0.0} s, load (restart) {load:0.0} s wall, {loadCpu:0.0} s CPU ({loaded.LastRebuildTimings}); {mapped}; {RebuildCpu}; rebuild phases: {engine.LastRebuildTimings}; load average {LoadAverage()} |");
            Console.Error.WriteLine(SnapshotLine);
        }
        finally
        {
            File.Delete(snapshotPath);
        }

        GC.KeepAlive(engine);
        engine.Dispose();
        return new Figures(build, mem, Percentiles(find.Wall), Percentiles(preview.Wall), [up[0], up[1]], Percentiles(find.Cpu), Percentiles(preview.Cpu));
    }

    internal static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', parts.Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
