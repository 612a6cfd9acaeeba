using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Benchmarks;

/// <summary>The Lucene.Net 4.8 BM25 side of the speed benchmark, on the same listings and queries.</summary>
internal static partial class SpeedBench
{
    private const LuceneVersion V = LuceneVersion.LUCENE_48;

    private static Analyzer AnalyzerFor(ListingDocument d, Analyzer zh, Analyzer en) =>
        MatchingEngine.DetectLanguage(d.Title + d.Body) == TextLanguage.English ? en : zh;

    /// <summary>
    /// The Lucene configurations each run compares against (issue #16): Chinese listings analysed by SmartCn (words), CJK
    /// (overlapping character bigrams) or Standard (one token per character); English ones by EnglishAnalyzer (Porter
    /// stemming, stop words) in all three. The fastest is the one to beat.
    /// </summary>
    public static readonly (string Name, Func<Analyzer> Chinese)[] LuceneConfigurations =
    [
        ("Lucene.Net BM25, SmartCn + English", () => new SmartChineseAnalyzer(V)),
        ("Lucene.Net BM25, CJK bigrams + English", () => new CJKAnalyzer(V)),
        ("Lucene.Net BM25, Standard + English", () => new StandardAnalyzer(V)),
    ];

    private static Figures RunLucene(List<ListingDocument> docs, ListingDocument[] queries, ListingDocument[] extra, Func<Analyzer> chinese)
    {
        Collect();
        var before = GC.GetTotalMemory(true);
        var sw = Stopwatch.StartNew();
        using var zh = chinese();
        using var en = new EnglishAnalyzer(V);
#pragma warning disable CS0618 // RAMDirectory: in-memory, like our engine
        using var dir = new RAMDirectory();
#pragma warning restore CS0618
        var cfg = new IndexWriterConfig(V, en) { Similarity = new BM25Similarity(), OpenMode = OpenMode.CREATE, RAMBufferSizeMB = 256 };
        using var writer = new IndexWriter(dir, cfg);
        foreach (var d in docs.Where(d => d.Kind == ListingKind.Achievement))
        {
            writer.AddDocument(ToLucene(d), AnalyzerFor(d, zh, en));
        }

        writer.Commit();
        var reader = DirectoryReader.Open(writer, applyAllDeletes: true);
        var build = sw.Elapsed.TotalSeconds;
        Collect();
        var mem = (GC.GetTotalMemory(true) - before) / 1048576.0;

        var queryTexts = queries.Select(q => (Text: q.Title + " " + q.Keywords + " " + q.Body, Analyzer: AnalyzerFor(q, zh, en))).ToArray();
        var parsed = queryTexts.Select(q => BuildQuery(q.Text, q.Analyzer)).ToArray();
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        foreach (var q in parsed) searcher.Search(q, 10); // an unmeasured pass of every query, as for the engine
        foreach (var (text, analyzer) in queryTexts) searcher.Search(BuildQuery(text, analyzer), 10);
        var find = new Timings();
        foreach (var q in parsed)
        {
            find.Time(() => searcher.Search(q, 10));
        }

        var preview = new Timings();
        foreach (var (text, analyzer) in queryTexts)
        {
            preview.Time(() => searcher.Search(BuildQuery(text, analyzer), 10));
        }

        // incremental add, visible to the next search (NRT reopen)
        var upsert = new List<double>();
        foreach (var d in extra)
        {
            var t = Stopwatch.GetTimestamp();
            writer.UpdateDocument(new Term("id", d.Id.ToString()), ToLucene(d), AnalyzerFor(d, zh, en));
            var nr = DirectoryReader.OpenIfChanged(reader, writer, applyAllDeletes: true);
            if (nr != null)
            {
                reader.Dispose();
                reader = nr;
            }

            upsert.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        var up = Percentiles(upsert);
        reader.Dispose();
        return new Figures(build, mem, Percentiles(find.Wall), Percentiles(preview.Wall), [up[0], up[1]], Percentiles(find.Cpu), Percentiles(preview.Cpu));
    }

    private static Document ToLucene(ListingDocument d) =>
    [
        new StringField("id", d.Id.ToString(), Field.Store.YES),
        new TextField("text", d.Title + " " + d.Keywords + " " + d.Body, Field.Store.NO),
    ];

    private static Query BuildQuery(string text, Analyzer analyzer)
    {
        var bq = new BooleanQuery();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var ts = analyzer.GetTokenStream("text", text);
        var term = ts.AddAttribute<ICharTermAttribute>();
        ts.Reset();
        while (ts.IncrementToken())
        {
            var s = term.ToString();
            if (seen.Add(s) && bq.Clauses.Count < 1024)
            {
                bq.Add(new TermQuery(new Term("text", s)), Occur.SHOULD);
            }
        }

        ts.End();
        return bq;
    }
}
