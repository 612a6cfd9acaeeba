using System.Reflection;
using JiebaNet.Segmenter;
using JiebaNet.Segmenter.FinalSeg;

namespace TechTransfer.Match.Matching;

/// <summary>
/// jieba.NET's accurate mode (<c>Cut(text, cutAll: false, hmm)</c>) over the same dictionary and HMM, with identical
/// output but without its per-call costs: jieba builds a substring and a hash lookup per DAG step, dictionaries per
/// character in the Viterbi pass and a regex split per call, which made it 60 % of a build from text. Here the
/// dictionary (jieba's own, user words included) is a compact trie walked char by char, the route and the Viterbi pass
/// use reused arrays, and a bulk build remembers the tokens of repeated runs (keywords and stock phrases recur).
/// The arithmetic is jieba's, operation by operation, so ties and rounding resolve the same way.
/// </summary>
internal sealed class ChineseSegmenter
{
    private const double MinProb = -3.14E+100;
    private const int MemoMaxLength = 48;

    private static readonly object BuildLock = new();
    private static ChineseSegmenter? _current;
    private static int _version;

    [ThreadStatic]
    private static Scratch? _scratch;

    private readonly int _version0;

    // Trie: the root's children indexed by char, deeper children as sorted (char, node) runs per node.
    private readonly int[] _root = new int[char.MaxValue + 1];
    private readonly int[] _childStart;
    private readonly char[] _childChar;
    private readonly int[] _childNode;
    private readonly double[] _logFreq; // NaN: a prefix only (jieba's frequency 0)
    private readonly double _logTotal;

    // HMM (jieba's finalseg): states B, M, E, S.
    private readonly double[][] _emit = new double[4][];
    private readonly double[] _start = new double[4];
    private readonly double[,] _trans = new double[4, 4];
    private static readonly int[][] PrevStates = [[2, 3], [1, 0], [0, 1], [3, 2]]; // B:[E,S] M:[M,B] E:[B,M] S:[S,E]

    private ChineseSegmenter(IDictionary<string, int> trie, double total, int version)
    {
        _version0 = version;
        _logTotal = Math.Log(total);

        // Every prefix of a key is itself a key (jieba adds them with frequency 0), so nodes map 1:1 to keys.
        var keys = new string[trie.Count];
        trie.Keys.CopyTo(keys, 0);
        Array.Sort(keys, StringComparer.Ordinal);
        var nodeOf = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
        _logFreq = new double[keys.Length + 1];
        _logFreq[0] = double.NaN;
        var parent = new int[keys.Length + 1];
        var lastChar = new char[keys.Length + 1];
        for (var i = 0; i < keys.Length; i++)
        {
            var k = keys[i];
            var id = i + 1;
            nodeOf[k] = id;
            var f = trie[k];
            _logFreq[id] = f > 0 ? Math.Log(f) : double.NaN;
            parent[id] = k.Length == 1 ? 0 : nodeOf[k[..^1]]; // ordinal order puts a prefix before its extensions
            lastChar[id] = k[^1];
        }

        // Children in ordinal key order are already sorted by char within each parent.
        var counts = new int[keys.Length + 2];
        for (var id = 1; id <= keys.Length; id++)
        {
            if (parent[id] == 0) _root[lastChar[id]] = id;
            else counts[parent[id] + 1]++;
        }

        for (var i = 1; i < counts.Length; i++) counts[i] += counts[i - 1];
        _childStart = counts;
        _childChar = new char[counts[^1]];
        _childNode = new int[counts[^1]];
        var fill = (int[])counts.Clone();
        for (var id = 1; id <= keys.Length; id++)
        {
            if (parent[id] == 0) continue;
            var at = fill[parent[id]]++;
            _childChar[at] = lastChar[id];
            _childNode[at] = id;
        }

        LoadHmm();
    }

    /// <summary>The segmenter over jieba's current dictionary (rebuilt after user words were added).</summary>
    public static ChineseSegmenter Current
    {
        get
        {
            var c = Volatile.Read(ref _current);
            if (c != null && c._version0 == Volatile.Read(ref _version))
            {
                return c;
            }

            lock (BuildLock)
            {
                var v = Volatile.Read(ref _version);
                if (_current == null || _current._version0 != v)
                {
                    _current = Create(v);
                }

                return _current;
            }
        }
    }

    /// <summary>Called after jieba's dictionary changed (user words): the next segmentation rebuilds the trie.</summary>
    public static void Invalidate() => Interlocked.Increment(ref _version);

    private static ChineseSegmenter Create(int version)
    {
        var wd = WordDictionary.Instance;
        var field = typeof(WordDictionary).GetField("Trie", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("jieba.NET's WordDictionary.Trie not found");
        var trie = (IDictionary<string, int>)field.GetValue(wd)!;
        return new ChineseSegmenter(trie, wd.Total, version);
    }

    private void LoadHmm()
    {
        var v = Viterbi.Instance;
        var t = typeof(Viterbi);
        const BindingFlags F = BindingFlags.Static | BindingFlags.NonPublic;
        var emit = (IDictionary<char, IDictionary<char, double>>)t.GetField("_emitProbs", F)!.GetValue(v)!;
        var start = (IDictionary<char, double>)t.GetField("_startProbs", F)!.GetValue(v)!;
        var trans = (IDictionary<char, IDictionary<char, double>>)t.GetField("_transProbs", F)!.GetValue(v)!;
        const string States = "BMES";
        for (var s = 0; s < 4; s++)
        {
            var e = new double[char.MaxValue + 1];
            Array.Fill(e, MinProb);
            foreach (var (ch, p) in emit[States[s]]) e[ch] = p;
            _emit[s] = e;
            _start[s] = start[States[s]];
            for (var to = 0; to < 4; to++)
            {
                _trans[s, to] = trans.TryGetValue(States[s], out var row) && row.TryGetValue(States[to], out var p) ? p : MinProb;
            }
        }
    }

    private int Child(int node, char c)
    {
        if (node == 0) return _root[c];
        for (int i = _childStart[node], end = _childStart[node + 1]; i < end; i++)
        {
            var cc = _childChar[i];
            if (cc == c) return _childNode[i];
            if (cc > c) break;
        }

        return 0;
    }

    private bool ContainsWord(string s, int start, int length)
    {
        var node = 0;
        for (var i = 0; i < length && (node = Child(node, s[start + i])) != 0; i++)
        {
        }

        return node != 0 && !double.IsNaN(_logFreq[node]);
    }

    private static bool IsHan(char c) => c >= '\u4E00' && c <= '\u9FD5';

    /// <summary>jieba's <c>Cut(text, cutAll: false, hmm)</c> for a run of CJK characters, appended to <paramref name="output"/>;
    /// runs already in <paramref name="cache"/> are not segmented again.</summary>
    public void Cut(string text, bool hmm, List<string> output, TokeniserCache cache)
    {
        var scratch = _scratch ??= new Scratch();
        var memo = cache.Stores && text.Length <= MemoMaxLength && hmm;
        if (memo)
        {
            if (cache.RunsSegmenter != this)
            {
                cache.Runs.Clear(); // user words were added: another dictionary
                cache.RunsSegmenter = this;
            }

            if (cache.Runs.TryGetValue(text, out var cached))
            {
                output.AddRange(cached);
                return;
            }
        }

        var from = output.Count;
        var i = 0;
        while (i < text.Length)
        {
            var j = i;
            while (j < text.Length && IsHan(text[j])) j++;
            if (j > i)
            {
                CutHan(text, i, j - i, hmm, output, scratch);
                i = j;
            }
            else
            {
                // outside jieba's Han range (extension A, compatibility ideographs): one token per character
                output.Add(text[i].ToString());
                i++;
            }
        }

        if (memo && cache.HasRoom(cache.Runs.Count))
        {
            cache.Runs[text] = output.GetRange(from, output.Count - from).ToArray();
        }
    }

    /// <summary>jieba's CutDag: max-probability route over the DAG, runs of single characters to the HMM.</summary>
    private void CutHan(string s, int start, int n, bool hmm, List<string> output, Scratch scratch)
    {
        var best = scratch.Score(n + 1);
        var end = scratch.End(n + 1);
        best[n] = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            var bestScore = double.MinValue;
            var bestEnd = -1;
            var node = 0;
            var found = false;
            for (var j = i; j < n && (node = Child(node, s[start + j])) != 0; j++)
            {
                var lf = _logFreq[node];
                if (double.IsNaN(lf)) continue;
                found = true;
                var score = lf - _logTotal + best[j + 1];
                if (bestScore < score)
                {
                    bestScore = score;
                    bestEnd = j;
                }
            }

            if (!found)
            {
                bestScore = Math.Log(1.0) - _logTotal + best[i + 1];
                bestEnd = i;
            }

            best[i] = bestScore;
            end[i] = bestEnd;
        }

        var bufStart = -1;
        for (var i = 0; i < n;)
        {
            var e = end[i] + 1;
            if (e - i == 1 && hmm)
            {
                if (bufStart < 0) bufStart = i;
            }
            else
            {
                if (bufStart >= 0)
                {
                    FlushBuffer(s, start + bufStart, i - bufStart, output, scratch);
                    bufStart = -1;
                }

                output.Add(s.Substring(start + i, e - i));
            }

            i = e;
        }

        if (bufStart >= 0)
        {
            FlushBuffer(s, start + bufStart, n - bufStart, output, scratch);
        }
    }

    private void FlushBuffer(string s, int start, int length, List<string> output, Scratch scratch)
    {
        if (length == 1)
        {
            output.Add(s.Substring(start, 1));
        }
        else if (!ContainsWord(s, start, length))
        {
            ViterbiCut(s, start, length, output, scratch);
        }
        else
        {
            for (var i = 0; i < length; i++) output.Add(s.Substring(start + i, 1));
        }
    }

    /// <summary>jieba's finalseg Viterbi (BMES), same operation order and tie rules.</summary>
    private void ViterbiCut(string s, int start, int n, List<string> output, Scratch scratch)
    {
        var v = scratch.HmmScore(4 * n);
        var back = scratch.HmmBack(4 * n);
        for (var st = 0; st < 4; st++)
        {
            v[st] = _start[st] + _emit[st][s[start]];
        }

        for (var j = 1; j < n; j++)
        {
            var c = s[start + j];
            for (var st = 0; st < 4; st++)
            {
                var em = _emit[st][c];
                var bestScore = double.MinValue;
                var bestPrev = 0;
                foreach (var p in PrevStates[st])
                {
                    var score = v[((j - 1) * 4) + p] + _trans[p, st] + em;
                    if (bestScore <= score)
                    {
                        bestScore = score;
                        bestPrev = p;
                    }
                }

                v[(j * 4) + st] = bestScore;
                back[(j * 4) + st] = bestPrev;
            }
        }

        // jieba: E unless E < S
        var state = v[((n - 1) * 4) + 2] < v[((n - 1) * 4) + 3] ? 3 : 2;
        var states = scratch.States(n);
        for (var j = n - 1; j >= 0; j--)
        {
            states[j] = state;
            state = back[(j * 4) + state];
        }

        int wordStart = 0, next = 0;
        for (var j = 0; j < n; j++)
        {
            switch (states[j])
            {
                case 0:
                    wordStart = j;
                    break;
                case 2:
                    output.Add(s.Substring(start + wordStart, j + 1 - wordStart));
                    next = j + 1;
                    break;
                case 3:
                    output.Add(s.Substring(start + j, 1));
                    next = j + 1;
                    break;
            }
        }

        if (next < n)
        {
            output.Add(s.Substring(start + next, n - next));
        }
    }

    /// <summary>Per-thread buffers (segmentation runs on every core during a rebuild).</summary>
    private sealed class Scratch
    {
        private double[] _score = new double[256];
        private int[] _end = new int[256];
        private int[] _states = new int[64];
        private double[] _hmmScore = new double[256];
        private int[] _hmmBack = new int[256];

        public double[] Score(int n) => _score.Length >= n ? _score : _score = new double[Math.Max(n, _score.Length * 2)];

        public int[] End(int n) => _end.Length >= n ? _end : _end = new int[Math.Max(n, _end.Length * 2)];

        public double[] HmmScore(int n) => _hmmScore.Length >= n ? _hmmScore : _hmmScore = new double[Math.Max(n, _hmmScore.Length * 2)];

        public int[] HmmBack(int n) => _hmmBack.Length >= n ? _hmmBack : _hmmBack = new int[Math.Max(n, _hmmBack.Length * 2)];

        public int[] States(int n) => _states.Length >= n ? _states : _states = new int[Math.Max(n, _states.Length * 2)];
    }
}
