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

/// <summary>A token bag for one document: weighted counts per feature plus the surface of word features.</summary>
internal sealed class TokenBag
{
    public TokenBag()
        : this(0)
    {
    }

    /// <summary>A bag sized for about <paramref name="capacity"/> features (growing a large one step by step cost a
    /// tenth of the feature work).</summary>
    public TokenBag(int capacity) => Counts = new(capacity, StringComparer.Ordinal);

    public Dictionary<string, double> Counts { get; }

    /// <summary>Distinct features to expect from a text: Chinese characters give about two (a character and a
    /// character bigram, few repeats), other text one per word or so.</summary>
    public static int EstimateFeatures(string? text)
    {
        if (text == null) return 0;
        var cjk = 0;
        foreach (var c in text)
        {
            if (TextAnalyzer.IsCjk(c)) cjk++;
        }

        return (2 * cjk) + ((text.Length - cjk) / 5);
    }

    public Dictionary<string, string> Surfaces { get; } = new(StringComparer.Ordinal);

    /// <summary>Weighted number of word tokens (the document length used for length normalisation).</summary>
    public double Length { get; set; }

    /// <summary>
    /// Per feature of <see cref="Counts"/>, in its order (features are only ever added, so a dictionary enumerates them
    /// in insertion order), the tokeniser cache's slot that remembers the feature's term id during a bulk build; null
    /// for a feature built anew.
    /// </summary>
    public List<TermSlot?> Slots { get; } = [];

    public void Add(string feature, double weight) => Add(feature, null, weight);

    public void Add(TermSlot slot, double weight) => Add(slot.Text, slot, weight);

    private void Add(string feature, TermSlot? slot, double weight)
    {
        ref var c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Counts, feature, out var exists);
        c += weight;
        if (!exists) Slots.Add(slot);
    }

    /// <summary>Word bigrams as hash buckets (<see cref="TextPipelineOptions.BigramHashBits"/>), no strings; null until one is added.</summary>
    public Dictionary<int, double>? Hashed { get; private set; }

    /// <summary>Distinct features, text and hashed.</summary>
    public int FeatureCount => Counts.Count + (Hashed?.Count ?? 0);

    /// <summary>Empties the bag for the next listing, keeping its tables' capacity (a bulk build reuses its bags).</summary>
    public void Clear()
    {
        Counts.Clear();
        Slots.Clear();
        Surfaces.Clear();
        Hashed?.Clear();
        Length = 0;
    }

    public void AddHashed(int bucket, double weight)
    {
        Hashed ??= new Dictionary<int, double>(Math.Max(4, Counts.Count / 2));
        ref var c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Hashed, bucket, out _);
        c += weight;
    }
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
        foreach (var run in Runs(Normalize(text)))
        {
            if (run.Cjk)
            {
                foreach (var w in Segment(run.Text, TokeniserCache.None))
                {
                    list.Add((w, w));
                }
            }
            else
            {
                foreach (var w in EnglishTokens(run.Text))
                {
                    if (!EnglishStopWords.Contains(w))
                    {
                        list.Add((PorterStemmer.Stem(w), w));
                    }
                }
            }
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
        foreach (var run in Runs(normalized))
        {
            if (run.Cjk)
            {
                var s = run.Text;
                var words = Segment(s, cache);
                var stopMask = _o.ChineseStopWords && _o.ChineseStopCharGrams > 0 && !_o.SearchModeSegmentation ? TextLexicon.StopMask(s, words) : null;
                foreach (var w in words)
                {
                    if (number != null) AddNumberUnit(bag, number, w, fieldWeight);
                    number = null;
                    if (w.Length < _o.ChineseMinWordLength || !IsCjk(w[0])) continue;
                    if (_o.ChineseStopWords && TextLexicon.ChineseStopWords.Contains(w)) continue;
                    var slot = cache.Gram(FeaturePrefix.Word, w);
                    var f = slot.Text;
                    bag.Add(slot, _o.GenericWordWeight != 1 && TextLexicon.GenericWords.Contains(w) ? fieldWeight * _o.GenericWordWeight : fieldWeight);
                    bag.Surfaces.TryAdd(f, w);
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
                foreach (var w in EnglishTokens(run.Text))
                {
                    if (number != null) AddNumberUnit(bag, number, w, fieldWeight);
                    number = _o.NumberUnitFeatures && TextLexicon.IsNumber(w) ? w : null;
                    if (EnglishStopWords.Contains(w))
                    {
                        continue; // stop words break nothing: bigrams skip over them like a phrase slop of one
                    }

                    var english = cache.English(w);
                    var stem = english.Stem;
                    var f = english.Word.Text;
                    bag.Add(english.Word, fieldWeight);
                    bag.Surfaces.TryAdd(f, w);
                    bag.Length += fieldWeight;
                    if (_o.BigramFeatureWeight > 0)
                    {
                        AddBigram(bag, prev, prevHash, stem, english.StemHash, fieldWeight);
                    }

                    prev = stem;
                    prevHash = english.StemHash;
                    if (_o.EnglishCharGramWeight > 0)
                    {
                        foreach (var g in english.CharGrams)
                        {
                            bag.Add(g, fieldWeight);
                        }
                    }
                }
            }
        }
    }

    /// <summary>"500" then "kv" (or "万吨"): one more feature "w500kv", beside the number and the unit.</summary>
    private static void AddNumberUnit(TokenBag bag, string number, string unit, double fieldWeight)
    {
        if (!TextLexicon.Units.Contains(unit)) return;
        var f = string.Concat("w", number, unit);
        bag.Add(f, fieldWeight);
        bag.Surfaces.TryAdd(f, string.Concat(number, IsCjk(unit[0]) ? string.Empty : " ", unit));
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

    private readonly record struct Run(string Text, bool Cjk);

    /// <summary>Splits normalised text into CJK runs and non-CJK runs (letters, digits, separators).</summary>
    private static IEnumerable<Run> Runs(string s)
    {
        var i = 0;
        while (i < s.Length)
        {
            var cjk = IsCjk(s[i]);
            var j = i + 1;
            while (j < s.Length && IsCjk(s[j]) == cjk)
            {
                j++;
            }

            yield return new Run(s[i..j], cjk);
            i = j;
        }
    }

    /// <summary>
    /// English/numeric tokens of a non-CJK run: letter runs and number runs ("3.5", "500");
    /// a number glued to a unit ("500mpa") gives "500" and "mpa". Emoji and punctuation separate.
    /// </summary>
    internal static IEnumerable<string> EnglishTokens(string s)
    {
        var i = 0;
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

                yield return s[i..j];
                i = j;
            }
            else if (IsLatinOrDigit(c))
            {
                var j = i + 1;
                while (j < s.Length && IsLatinOrDigit(s[j]) && !char.IsDigit(s[j]))
                {
                    j++;
                }

                // keep hyphen/apostrophe-free words; a single letter is kept only if it is not a lone article
                var w = s[i..j];
                if (w.Length > 1 || char.IsLetter(w[0]))
                {
                    yield return w;
                }

                i = j;
            }
            else
            {
                i++;
            }
        }
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

/// <summary>
/// Strings that recur across the listings of a bulk build: character n-grams, short words, English words with their
/// stem and padded trigrams, and the tokens of repeated Chinese runs. Building them anew for every listing was most of
/// the feature work and garbage of a build. Used by one thread at a time and dropped with the build (a bounded few
/// hundred MB at most); <see cref="None"/> stores nothing (single listings, queries).
/// </summary>
internal sealed class TokeniserCache(int maxEntries)
{
    public const int BuildEntries = 1 << 18;

    /// <summary>Stores nothing; safe to share between threads (only read).</summary>
    public static readonly TokeniserCache None = new(0);

    private readonly Dictionary<ulong, TermSlot> _grams = [];
    private readonly Dictionary<string, EnglishWord> _english = new(StringComparer.Ordinal);

    public bool Stores => maxEntries > 0;

    /// <summary>Tokens of Chinese runs, valid for <see cref="RunsSegmenter"/>.</summary>
    public Dictionary<string, string[]> Runs { get; } = new(StringComparer.Ordinal);

    public object? RunsSegmenter { get; set; }

    public bool HasRoom(int count) => count < maxEntries;

    /// <summary><paramref name="prefix"/> followed by up to three characters, remembered (longer text is concatenated
    /// anew each time).</summary>
    public TermSlot Gram(char prefix, ReadOnlySpan<char> chars)
    {
        if (chars.Length > 3)
        {
            return new TermSlot(string.Concat([prefix], chars));
        }

        var key = ((ulong)chars.Length << 56) | ((ulong)(byte)prefix << 48);
        for (var i = 0; i < chars.Length; i++)
        {
            key |= (ulong)chars[i] << (16 * i);
        }

        if (_grams.TryGetValue(key, out var s))
        {
            return s;
        }

        s = new TermSlot(string.Concat([prefix], chars));
        if (HasRoom(_grams.Count)) _grams[key] = s;
        return s;
    }

    public EnglishWord English(string word)
    {
        if (_english.TryGetValue(word, out var e))
        {
            return e;
        }

        var stem = PorterStemmer.Stem(word);
        string[] grams = [];
        if (word.Length >= 4 && !char.IsDigit(word[0]))
        {
            var padded = string.Concat("^", word, "$");
            grams = new string[padded.Length - 2];
            for (var i = 0; i < grams.Length; i++)
            {
                grams[i] = string.Concat("e", padded.AsSpan(i, 3));
            }
        }

        e = new EnglishWord(stem, new TermSlot(string.Concat("w", stem)), grams, BigramHash.Word(stem));
        if (HasRoom(_english.Count)) _english[word] = e;
        return e;
    }

    internal sealed record EnglishWord(string Stem, TermSlot Word, string[] CharGrams, ulong StemHash);
}

/// <summary>
/// A feature's text and, once a bulk build has looked it up, its term id: the cache hands the same slot to every
/// listing holding the feature, so the build hashes its bytes into a table of millions of terms once per thread
/// instead of once per listing (that lookup missed the CPU cache each time and was the largest cost of tokenising).
/// Ids never change during a build; a slot is used by one thread at a time, like its cache.
/// </summary>
internal sealed class TermSlot(string text)
{
    public string Text { get; } = text;

    public int Id { get; set; } = -1;
}
