namespace TechTransfer.Match.Matching;

/// <summary>
/// Strings that recur across the listings of a bulk build: character n-grams, short words, English words with their
/// stem and padded trigrams, and the tokens of repeated Chinese runs. Building them anew for every listing was most of
/// the feature work and garbage of a build. Used by one thread at a time and dropped with the build (a bounded few
/// hundred MB at most); <see cref="None"/> stores nothing (single listings, queries).
/// </summary>
internal sealed class TokeniserCache
{
    public const int BuildEntries = 1 << 18;

    /// <summary>Stores nothing; safe to share between threads (only read).</summary>
    public static readonly TokeniserCache None = new(0);

    private readonly int _maxEntries;
    private readonly Dictionary<ulong, TermSlot> _grams = [];

    // One character after a prefix: a direct table per prefix (Chinese characters and one-character words are most
    // of the features of Chinese text).
    private readonly TermSlot?[]?[] _singles = new TermSlot?[]?[128];
    private readonly Dictionary<string, EnglishWord> _english = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EnglishWord>.AlternateLookup<ReadOnlySpan<char>> _englishBySpan;
    private readonly Dictionary<string, TermSlot> _stems = new(StringComparer.Ordinal);

    public TokeniserCache(int maxEntries)
    {
        _maxEntries = maxEntries;
        _englishBySpan = _english.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool Stores => _maxEntries > 0;

    /// <summary>Tokens of Chinese runs, valid for <see cref="RunsSegmenter"/>.</summary>
    public Dictionary<string, string[]> Runs { get; } = new(StringComparer.Ordinal);

    public object? RunsSegmenter { get; set; }

    public bool HasRoom(int count) => count < _maxEntries;

    /// <summary><paramref name="prefix"/> (an ASCII letter) followed by up to three characters, remembered (longer
    /// text is concatenated anew each time).</summary>
    public TermSlot Gram(char prefix, ReadOnlySpan<char> chars)
    {
        if (chars.Length > 3 || !Stores)
        {
            return new TermSlot(string.Concat([prefix], chars));
        }

        if (chars.Length == 1)
        {
            ref var single = ref (_singles[prefix & 127] ??= new TermSlot?[char.MaxValue + 1])[chars[0]];
            return single ??= new TermSlot(string.Concat([prefix], chars), shared: true);
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

        var room = HasRoom(_grams.Count);
        s = new TermSlot(string.Concat([prefix], chars), shared: room);
        if (room) _grams[key] = s;
        return s;
    }

    /// <summary>An English or number token: stop word or not, its stem's word feature and bigram hash.</summary>
    public EnglishWord English(ReadOnlySpan<char> token)
    {
        if (_englishBySpan.TryGetValue(token, out var e))
        {
            return e;
        }

        var word = token.ToString();
        if (TextAnalyzer.EnglishStopWords.Contains(word))
        {
            e = new EnglishWord(word, null, null, 0);
        }
        else
        {
            var stem = PorterStemmer.Stem(word);
            if (!_stems.TryGetValue(stem, out var slot))
            {
                // one slot per stem: words with one stem ("cell", "cells") are one feature of a bag
                var room = HasRoom(_stems.Count);
                slot = new TermSlot(string.Concat("w", stem), shared: room);
                if (room) _stems[stem] = slot;
            }

            e = new EnglishWord(word, stem, slot, BigramHash.Word(stem));
        }

        if (HasRoom(_english.Count)) _english[word] = e;
        return e;
    }

    /// <summary>The padded character trigrams of a word of four or more letters ("^ce", "cel", ...).</summary>
    public TermSlot[] CharGrams(EnglishWord e)
    {
        if (e.CharGrams is { } known) return known;
        var word = e.Surface;
        TermSlot[] grams = [];
        if (word.Length >= 4 && !char.IsDigit(word[0]))
        {
            var padded = string.Concat("^", word, "$");
            grams = new TermSlot[padded.Length - 2];
            for (var i = 0; i < grams.Length; i++)
            {
                grams[i] = Gram(FeaturePrefix.EnglishChar, padded.AsSpan(i, 3));
            }
        }

        if (Stores) e.CharGrams = grams;
        return grams;
    }

    /// <summary>A token as met (<see cref="Surface"/>); a stop word has no <see cref="Stem"/> nor <see cref="Word"/>.</summary>
    internal sealed class EnglishWord(string surface, string? stem, TermSlot? word, ulong stemHash)
    {
        public string Surface { get; } = surface;

        public string? Stem { get; } = stem;

        public TermSlot? Word { get; } = word;

        public ulong StemHash { get; } = stemHash;

        public TermSlot[]? CharGrams { get; set; }
    }
}

/// <summary>
/// A feature's text and, once a bulk build has looked it up, its term id: the cache hands the same slot to every
/// listing holding the feature, so the build hashes its bytes into a table of millions of terms once per thread
/// instead of once per listing (that lookup missed the CPU cache each time and was the largest cost of tokenising).
/// Ids never change during a build; a slot is used by one thread at a time, like its cache.
/// </summary>
internal sealed class TermSlot(string text, bool shared = false)
{
    public string Text { get; } = text;

    public int Id { get; set; } = -1;

    /// <summary>Handed out by a cache for every occurrence of its text (so <see cref="TokenBag"/> may place the
    /// feature by the slot alone); false for a slot made for one occurrence.</summary>
    public bool Shared { get; } = shared;

    /// <summary>The bag fill that last added this slot, and where in that bag it sits (see <see cref="TokenBag.Add(TermSlot, double, string?)"/>).</summary>
    public long Fill { get; set; }

    public int Position { get; set; }
}
