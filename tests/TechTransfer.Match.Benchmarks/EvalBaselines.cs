using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Benchmarks;

/// <summary>
/// The baselines of the development collections' README (eval/README.md), computed in the same run as the engine: BM25 (k1 0.9, b 0.4) and
/// TF-IDF cosine over simple tokens (English: lower-cased words minus the engine's general English stop list; Chinese: character
/// unigrams and bigrams), and Lucene.Net 4.8 BM25 (k1 1.2, b 0.75, title + text, query terms OR-ed) per analyzer.
/// </summary>
internal static class EvalBaselines
{
    private const LuceneVersion V = LuceneVersion.LUCENE_48;

    /// <summary>Named rankers for a collection: each maps a query to document ids, best first, at most <c>k</c>.</summary>
    public static IEnumerable<(string Name, Func<string, int, List<string>> Rank, IDisposable? Owner)> For(EvalCollection c)
    {
        var simple = new SimpleIndex(c);
        yield return ("BM25", (q, k) => simple.Bm25(q, k), null);
        yield return ("TF-IDF", (q, k) => simple.TfIdf(q, k), null);
        var analyzers = c.English
            ? new (string, Func<Analyzer>)[] { ("Lucene English", () => new EnglishAnalyzer(V)), ("Lucene Standard", () => new StandardAnalyzer(V)) }
            : [("Lucene CJK", () => new CJKAnalyzer(V)), ("Lucene SmartCn", () => new SmartChineseAnalyzer(V)), ("Lucene Standard", () => new StandardAnalyzer(V))];
        foreach (var (name, make) in analyzers)
        {
            var lucene = new LuceneIndex(c, make());
            yield return (name, lucene.Search, lucene);
        }
    }

    private sealed class LuceneIndex : IDisposable
    {
        private readonly Analyzer _analyzer;
#pragma warning disable CS0618 // RAMDirectory: in-memory, as in the speed benchmark
        private readonly RAMDirectory _dir = new();
#pragma warning restore CS0618
        private readonly DirectoryReader _reader;
        private readonly IndexSearcher _searcher;

        public LuceneIndex(EvalCollection c, Analyzer analyzer)
        {
            _analyzer = analyzer;
            var cfg = new IndexWriterConfig(V, analyzer) { Similarity = new BM25Similarity(), OpenMode = OpenMode.CREATE };
            using (var w = new IndexWriter(_dir, cfg))
            {
                foreach (var (id, title, text) in c.Docs)
                {
                    w.AddDocument([new StringField("id", id, Field.Store.YES), new TextField("text", title + " " + text, Field.Store.NO)]);
                }

                w.Commit();
            }

            _reader = DirectoryReader.Open(_dir);
            _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        }

        public List<string> Search(string text, int k)
        {
            var bq = new BooleanQuery();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            using (var ts = _analyzer.GetTokenStream("text", text))
            {
                var term = ts.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
                ts.Reset();
                while (ts.IncrementToken())
                {
                    var s = term.ToString();
                    if (seen.Add(s) && bq.Clauses.Count < 1024) bq.Add(new TermQuery(new Term("text", s)), Occur.SHOULD);
                }

                ts.End();
            }

            if (bq.Clauses.Count == 0) return [];
            return _searcher.Search(bq, k).ScoreDocs.Select(h => _searcher.Doc(h.Doc).Get("id")).ToList();
        }

        public void Dispose()
        {
            _reader.Dispose();
            _dir.Dispose();
            _analyzer.Dispose();
        }
    }

    /// <summary>An inverted index over the README's simple tokens, scored by BM25 or TF-IDF cosine.</summary>
    private sealed class SimpleIndex
    {
        private readonly EvalCollection _c;
        private readonly Dictionary<string, List<(int Doc, int Tf)>> _postings = new(StringComparer.Ordinal);
        private readonly int[] _len;
        private readonly double[] _tfidfNorm;
        private readonly double _avgLen;

        public SimpleIndex(EvalCollection c)
        {
            _c = c;
            _len = new int[c.Docs.Count];
            for (var d = 0; d < c.Docs.Count; d++)
            {
                var toks = Tokens(c.Docs[d].Title + " " + c.Docs[d].Text);
                _len[d] = toks.Count;
                foreach (var g in toks.GroupBy(t => t, StringComparer.Ordinal))
                {
                    if (!_postings.TryGetValue(g.Key, out var p)) _postings[g.Key] = p = [];
                    p.Add((d, g.Count()));
                }
            }

            _avgLen = _len.Average();
            _tfidfNorm = new double[c.Docs.Count];
            foreach (var p in _postings.Values)
            {
                var idf = Idf(p.Count);
                foreach (var (d, tf) in p) _tfidfNorm[d] += Math.Pow((1 + Math.Log(tf)) * idf, 2);
            }
        }

        private double Idf(int df) => Math.Log((double)_c.Docs.Count / df);

        public List<string> Bm25(string query, int k) => Rank(query, k, (df, tf, d, _) =>
        {
            const double k1 = 0.9, b = 0.4;
            var idf = Math.Log(1 + ((_c.Docs.Count - df + 0.5) / (df + 0.5)));
            return idf * tf * (k1 + 1) / (tf + (k1 * (1 - b + (b * _len[d] / _avgLen))));
        }, normalise: false);

        public List<string> TfIdf(string query, int k) => Rank(query, k, (df, tf, _, qtf) =>
            (1 + Math.Log(qtf)) * Idf(df) * (1 + Math.Log(tf)) * Idf(df), normalise: true);

        private List<string> Rank(string query, int k, Func<int, int, int, int, double> term, bool normalise)
        {
            var acc = new Dictionary<int, double>();
            foreach (var g in Tokens(query).GroupBy(t => t, StringComparer.Ordinal))
            {
                if (!_postings.TryGetValue(g.Key, out var p)) continue;
                foreach (var (d, tf) in p) acc[d] = acc.GetValueOrDefault(d) + term(p.Count, tf, d, g.Count());
            }

            return acc.Select(kv => (kv.Key, Score: normalise && _tfidfNorm[kv.Key] > 0 ? kv.Value / Math.Sqrt(_tfidfNorm[kv.Key]) : kv.Value))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Key).Take(k).Select(x => _c.Docs[x.Key].Id).ToList();
        }

        private static List<string> Tokens(string text)
        {
            var s = text.ToLowerInvariant();
            var list = new List<string>();
            var i = 0;
            while (i < s.Length)
            {
                if (TextAnalyzer.IsCjk(s[i]))
                {
                    var j = i;
                    while (j < s.Length && TextAnalyzer.IsCjk(s[j])) j++;
                    for (var p = i; p < j; p++)
                    {
                        list.Add(s.Substring(p, 1));
                        if (p + 1 < j) list.Add(s.Substring(p, 2));
                    }

                    i = j;
                }
                else if (char.IsLetterOrDigit(s[i]))
                {
                    var j = i;
                    while (j < s.Length && char.IsLetterOrDigit(s[j]) && !TextAnalyzer.IsCjk(s[j])) j++;
                    var w = s[i..j];
                    if (!TextAnalyzer.EnglishStopWords.Contains(w)) list.Add(w);
                    i = j;
                }
                else
                {
                    i++;
                }
            }

            return list;
        }
    }
}
