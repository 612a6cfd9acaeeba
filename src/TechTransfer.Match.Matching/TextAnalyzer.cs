using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using JiebaNet.Segmenter;

namespace TechTransfer.Match.Matching;

/// <summary>Feature families; the first character of every feature string.</summary>
internal static class FeaturePrefix
{
    public const char Word = 'w';
    public const char Bigram = 'b';
    public const char Char = 'c';
    public const char CharUnigram = 'u';
    public const char CharTrigram = 't';
    public const char EnglishChar = 'e';
}

/// <summary>
/// Text pipeline: NFKC normalisation (full-width to half-width), lower case, script runs,
/// jieba.NET segmentation for Chinese runs, Porter stemming and stop words for English runs,
/// then word, word-bigram and character n-gram features.
/// </summary>
internal sealed class TextAnalyzer
{
    private static readonly object InitLock = new();
    private static bool _jiebaReady;
    private static readonly HashSet<string> LoadedUserDictionaries = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static JiebaSegmenter? _segmenter;

    private readonly TextPipelineOptions _o;

    public TextAnalyzer(TextPipelineOptions options, string? userDictionaryPath = null)
    {
        _o = options;
        EnsureJieba(userDictionaryPath);
    }

    public TextPipelineOptions Options => _o;

    /// <summary>Points jieba.NET at the dictionaries copied to the output and loads an optional user dictionary.</summary>
    public static void EnsureJieba(string? userDictionaryPath)
    {
        lock (InitLock)
        {
            if (!_jiebaReady)
            {
                var dir = Path.Combine(AppContext.BaseDirectory, "Resources");
                ConfigManager.ConfigFileBaseDir = dir;
                _ = new JiebaSegmenter().Cut("初始化"); // loads the main dictionary once
                _jiebaReady = true;
            }

            if (!string.IsNullOrWhiteSpace(userDictionaryPath) && LoadedUserDictionaries.Add(Path.GetFullPath(userDictionaryPath)))
            {
                new JiebaSegmenter().LoadUserDict(userDictionaryPath);
                ChineseSegmenter.Invalidate();
            }
        }
    }

    /// <summary>Adds technical terms to the (process-wide) jieba dictionary.</summary>
    public static void AddUserTerms(IEnumerable<string> terms)
    {
        EnsureJieba(null);
        lock (InitLock)
        {
            var seg = new JiebaSegmenter();
            foreach (var t in terms)
            {
                var n = Normalize(t).Trim();
                if (n.Length > 0)
                {
                    seg.AddWord(n);
                }
            }

            ChineseSegmenter.Invalidate();
        }
    }

    private static JiebaSegmenter Segmenter => _segmenter ??= new JiebaSegmenter();

    /// <summary>NFKC (maps full-width ASCII and the ideographic space to half-width), then lower case.</summary>
    public static string Normalize(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var n = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        return n.ToLowerInvariant();
    }

    public static bool IsCjk(char c) =>
        (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF');

    private static bool IsLatinOrDigit(char c) =>
        (c < 128 && char.IsLetterOrDigit(c)) || (c >= 128 && !IsCjk(c) && char.IsLetterOrDigit(c) && !char.IsSurrogate(c));

    public static TextLanguage Detect(string text)
    {
        var n = Normalize(text);
        int cjk = 0, latin = 0;
        foreach (var c in n)
        {
            if (IsCjk(c)) cjk++;
            else if (char.IsLetter(c)) latin++;
        }

        if (cjk == 0 && latin == 0) return TextLanguage.Unknown;
        if (cjk == 0) return TextLanguage.English;
        if (latin == 0) return TextLanguage.Chinese;

        // Chinese characters carry ~3-4 letters' worth of content each.
        var cjkShare = cjk * 3.0 / ((cjk * 3.0) + latin);
        return cjkShare >= 0.9 ? TextLanguage.Chinese : cjkShare <= 0.1 ? TextLanguage.English : TextLanguage.Mixed;
    }

    /// <summary>Word-level tokens (Chinese words, English stems, numbers) with their surfaces, in order.</summary>
    public List<(string Term, string Surface)> Words(string text)
    {
        var list = new List<(string, string)>();
        var s = Normalize(text);
        for (var start = 0; start < s.Length;)
        {
            var end = RunEnd(s, start, out var cjk);
            if (cjk)
            {
                foreach (var w in Segment(s[start..end], TokeniserCache.None))
                {
                    list.Add((w, w));
                }
            }
            else
            {
                var run = s.AsSpan(start, end - start);
                for (var at = 0; NextEnglishToken(run, ref at, out var token);)
                {
                    var w = run[token].ToString();
                    if (!EnglishStopWords.Contains(w))
                    {
                        list.Add((PorterStemmer.Stem(w), w));
                    }
                }
            }

            start = end;
        }

        return list;
    }

    private IEnumerable<string> Segment(string cjkRun, TokeniserCache cache) =>
        _o.SearchModeSegmentation ? Segmenter.CutForSearch(cjkRun, hmm: _o.ChineseHmm) : Cut(cjkRun, cache);

    [ThreadStatic]
    private static List<string>? _runTokens;

    /// <summary>jieba's accurate mode (same tokens as <c>JiebaSegmenter.Cut(run, false, hmm)</c>), see <see cref="ChineseSegmenter"/>.
    /// The list is the thread's and valid until its next call (callers consume a run's words before the next run).</summary>
    private List<string> Cut(string cjkRun, TokeniserCache cache)
    {
        var list = _runTokens ??= new List<string>(64);
        list.Clear();
        ChineseSegmenter.Current.Cut(cjkRun, _o.ChineseHmm, list, cache);
        return list;
    }

    /// <summary>Adds the features of one text field to the bag, counts multiplied by the field weight
    /// (<paramref name="cache"/>: recurring strings of a bulk build, see <see cref="TokeniserCache"/>).</summary>
    public void Analyze(string? text, double fieldWeight, TokenBag bag, TokeniserCache? cache = null)
    {
        cache ??= TokeniserCache.None;
        if (string.IsNullOrWhiteSpace(text) || fieldWeight <= 0)
        {
            return;
        }

        var normalized = Normalize(text);
        string? prev = null;
        ulong prevHash = 0;
        string? number = null; // the number just before, for number-unit features
        for (var start = 0; start < normalized.Length;)
        {
            var end = RunEnd(normalized, start, out var cjk);
            if (cjk)
            {
                var s = normalized[start..end];
                var words = Segment(s, cache);
                var stopMask = _o.ChineseStopWords && _o.ChineseStopCharGrams > 0 && !_o.SearchModeSegmentation ? TextLexicon.StopMask(s, words) : null;
                foreach (var w in words)
                {
                    if (number != null) AddNumberUnit(bag, number, w, fieldWeight);
                    number = null;
                    if (w.Length < _o.ChineseMinWordLength || !IsCjk(w[0])) continue;
                    if (_o.ChineseStopWords && TextLexicon.ChineseStopWords.Contains(w)) continue;
                    bag.Add(cache.Gram(FeaturePrefix.Word, w), _o.GenericWordWeight != 1 && TextLexicon.GenericWords.Contains(w) ? fieldWeight * _o.GenericWordWeight : fieldWeight, w);
                    bag.Length += fieldWeight;
                }

                // bigrams of the exact (non-overlapping) segmentation
                if (_o.BigramFeatureWeight > 0 && _o.ChineseWordBigrams)
                {
                    var exact = _o.SearchModeSegmentation ? Cut(s, cache) : words;
                    foreach (var w in exact)
                    {
                        var wh = _o.BigramHashBits > 0 ? BigramHash.Word(w) : 0;
                        AddBigram(bag, prev, prevHash, w, wh, fieldWeight);
                        prev = w;
                        prevHash = wh;
                    }
                }

                for (var i = 0; i < s.Length; i++)
                {
                    if (_o.ChineseCharUnigrams && !(stopMask != null && stopMask[i]))
                    {
                        bag.Add(cache.Gram(FeaturePrefix.CharUnigram, s.AsSpan(i, 1)), fieldWeight);
                    }

                    if (i + 1 < s.Length && !(stopMask != null && _o.ChineseStopCharGrams >= 2 && (stopMask[i] || stopMask[i + 1])))
                    {
                        bag.Add(cache.Gram(FeaturePrefix.Char, s.AsSpan(i, 2)), fieldWeight);
                    }

                    if (_o.CharTrigramFeatureWeight > 0 && i + 2 < s.Length)
                    {
                        bag.Add(cache.Gram(FeaturePrefix.CharTrigram, s.AsSpan(i, 3)), fieldWeight);
                    }
                }
            }
            else
            {
                var run = normalized.AsSpan(start, end - start);
                for (var at = 0; NextEnglishToken(run, ref at, out var token);)
                {
                    // one lookup per token, no string: the cache knows stop words, stems and their features
                    var english = cache.English(run[token]);
                    var w = english.Surface;
                    if (number != null) AddNumberUnit(bag, number, w, fieldWeight);
                    number = _o.NumberUnitFeatures && TextLexicon.IsNumber(w) ? w : null;
                    if (english.Word is not { } word)
                    {
                        continue; // stop words break nothing: bigrams skip over them like a phrase slop of one
                    }

                    var stem = english.Stem!;
                    bag.Add(word, fieldWeight, w);
                    bag.Length += fieldWeight;
                    if (_o.BigramFeatureWeight > 0)
                    {
                        AddBigram(bag, prev, prevHash, stem, english.StemHash, fieldWeight);
                    }

                    prev = stem;
                    prevHash = english.StemHash;
                    if (_o.EnglishCharGramWeight > 0)
                    {
                        foreach (var g in cache.CharGrams(english))
                        {
                            bag.Add(g, fieldWeight);
                        }
                    }
                }
            }

            start = end;
        }
    }

    /// <summary>"500" then "kv" (or "万吨"): one more feature "w500kv", beside the number and the unit.</summary>
    private static void AddNumberUnit(TokenBag bag, string number, string unit, double fieldWeight)
    {
        if (!TextLexicon.Units.Contains(unit)) return;
        bag.Add(string.Concat("w", number, unit), fieldWeight, string.Concat(number, IsCjk(unit[0]) ? string.Empty : " ", unit));
    }

    /// <summary>The bigram (prev, word): a hash bucket from the two words' hashes, or the string when hashing is off.</summary>
    private void AddBigram(TokenBag bag, string? prev, ulong prevHash, string word, ulong wordHash, double weight)
    {
        if (prev == null) return;
        if (_o.BigramHashBits > 0)
        {
            bag.AddHashed(BigramHash.Bucket(prevHash, wordHash, _o.BigramHashBits), weight);
        }
        else
        {
            bag.Add(string.Concat("b", prev, "_", word), weight);
        }
    }

    /// <summary>The end of the run at <paramref name="start"/>: CJK characters, or anything else (letters, digits,
    /// separators).</summary>
    private static int RunEnd(string s, int start, out bool cjk)
    {
        cjk = IsCjk(s[start]);
        var end = start + 1;
        while (end < s.Length && IsCjk(s[end]) == cjk)
        {
            end++;
        }

        return end;
    }

    /// <summary>
    /// English/numeric tokens of a non-CJK run: letter runs and number runs ("3.5", "500");
    /// a number glued to a unit ("500mpa") gives "500" and "mpa". Emoji and punctuation separate.
    /// </summary>
    internal static IEnumerable<string> EnglishTokens(string s)
    {
        for (var at = 0; NextEnglishToken(s, ref at, out var token);)
        {
            yield return s[token];
        }
    }

    /// <summary>The next token of <see cref="EnglishTokens"/> at or after <paramref name="at"/>, which moves past it.</summary>
    private static bool NextEnglishToken(ReadOnlySpan<char> s, ref int at, out Range token)
    {
        var i = at;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsDigit(c))
            {
                var j = i + 1;
                while (j < s.Length && (char.IsDigit(s[j]) || (s[j] == '.' && j + 1 < s.Length && char.IsDigit(s[j + 1]))))
                {
                    j++;
                }

                at = j;
                token = i..j;
                return true;
            }

            if (IsLatinOrDigit(c))
            {
                var j = i + 1;
                while (j < s.Length && IsLatinOrDigit(s[j]) && !char.IsDigit(s[j]))
                {
                    j++;
                }

                // keep hyphen/apostrophe-free words; a single letter is kept only if it is not a lone article
                if (j - i > 1 || char.IsLetter(c))
                {
                    at = j;
                    token = i..j;
                    return true;
                }

                i = j;
            }
            else
            {
                i++;
            }
        }

        at = i;
        token = default;
        return false;
    }

    /// <summary>A general English stop list (function words), not tuned to any collection.</summary>
    internal static readonly FrozenSet<string> EnglishStopWords = new[]
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did",
        "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have",
        "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "itself", "may", "me", "might", "more", "most", "must", "my", "no", "nor", "not", "of", "off", "on", "once",
        "only", "or", "other", "our", "ours", "out", "over", "own", "same", "shall", "she", "should", "so", "some",
        "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those",
        "through", "to", "too", "under", "until", "up", "upon", "very", "was", "we", "were", "what", "when", "where",
        "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "s", "t", "e", "g",
        "etc", "ie", "eg", "via", "within", "without", "whether", "yet",
    }.ToFrozenSet(StringComparer.Ordinal);

    internal static string FeatureSurfaceFallback(string feature) =>
        feature.Length > 1 ? feature[1..] : feature;

    internal static CultureInfo Invariant => CultureInfo.InvariantCulture;
}
