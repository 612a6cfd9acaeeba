namespace TechTransfer.Match.Matching;

/// <summary>
/// The named features of a candidate pair that the serving ranker scores, in a fixed order (the order of
/// <see cref="Names"/>). They are computed in the exact-cosine pass of FindMatches/Preview (docs/matching.md,
/// "Learned ranking in the serving path").
/// </summary>
public static class PairFeature
{
    /// <summary>The text cosine (capped at 1), as the hand-set score uses it.</summary>
    public const int Text = 0;

    /// <summary>The cosine's part from word features (jieba words, English stems).</summary>
    public const int TextWords = 1;

    /// <summary>The cosine's part from adjacent word bigrams.</summary>
    public const int TextBigrams = 2;

    /// <summary>The cosine's part from Chinese character bigrams.</summary>
    public const int TextCharBigrams = 3;

    /// <summary>The cosine's part from single characters.</summary>
    public const int TextCharUnigrams = 4;

    /// <summary>IDF-weighted share of the source's <see cref="RareTermCount"/> rarest terms the candidate holds.</summary>
    public const int RareTerms = 5;

    /// <summary>ln(1 + weighted token count) of the source listing.</summary>
    public const int SourceLength = 6;

    /// <summary>ln(1 + weighted token count) of the candidate listing.</summary>
    public const int CandidateLength = 7;

    public const int Locality = 8;
    public const int Field = 9;
    public const int Maturity = 10;
    public const int Budget = 11;

    public const int Count = 12;

    /// <summary>How many of the source's highest-IDF terms <see cref="RareTerms"/> looks for.</summary>
    public const int RareTermCount = 10;

    /// <summary>Feature names; the five platform-facing ones keep the names of the hand-set components.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "text", "textWords", "textBigrams", "textCharBigrams", "textCharUnigrams", "rareTerms",
        "sourceLength", "candidateLength", "locality", "field", "maturity", "budget",
    ];

    /// <summary>Whether the feature's value lies in 0..1 (all but the two lengths, which grow with the text).</summary>
    public static bool IsUnitInterval(int index) => index is not (SourceLength or CandidateLength);

    /// <summary>The index of a feature name, or -1.</summary>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal)) return i;
        }

        return -1;
    }
}

/// <summary>
/// The source's rarest terms, sorted by term id so the merge over shared terms finds them with one cursor; each carries
/// its rank in a canonical order (IDF descending, then the term's text) in which the held share is summed, so the
/// feature does not depend on the term ids, that is on the order the index was built in.
/// </summary>
internal sealed class RareTermSet
{
    public static readonly RareTermSet Empty = new([], [], []);

    private RareTermSet(int[] terms, int[] rank, double[] canonicalIdf)
    {
        Terms = terms;
        Rank = rank;
        CanonicalIdf = canonicalIdf;
        foreach (var v in canonicalIdf) Total += v;
    }

    public int[] Terms { get; }

    public int[] Rank { get; }

    public double[] CanonicalIdf { get; }

    public double Total { get; }

    /// <summary>The IDF sum of the terms whose canonical ranks are set in <paramref name="held"/>.</summary>
    public double Held(int held)
    {
        double sum = 0;
        for (var r = 0; r < CanonicalIdf.Length; r++)
        {
            if ((held & (1 << r)) != 0) sum += CanonicalIdf[r];
        }

        return sum;
    }

    /// <summary>The <see cref="PairFeature.RareTermCount"/> query terms of highest IDF (ties broken by the term's text).</summary>
    /// <param name="textOrder">Orders term ids by their text (a draft's terms the dictionary lacks have negative ids).</param>
    public static RareTermSet Of(SparseVector q, FeatureWeighting weighting, Comparison<int> textOrder)
    {
        // The first RareTermCount in the canonical order (IDF descending, then text), kept in a short sorted list
        // rather than sorting every query term: text is compared only on an IDF tie with the list's last.
        const int K = PairFeature.RareTermCount;
        var canonical = new List<(int Term, double Idf)>(K + 1);
        for (var i = 0; i < q.Terms.Length; i++)
        {
            if (q.Weights[i] <= 0) continue;
            var x = (q.Terms[i], weighting.Idf(q.Terms[i]));
            if (canonical.Count == K && !Before(x, canonical[K - 1], textOrder)) continue;
            var at = canonical.Count;
            while (at > 0 && Before(x, canonical[at - 1], textOrder)) at--;
            canonical.Insert(at, x);
            if (canonical.Count > K) canonical.RemoveAt(K);
        }

        var byId = Enumerable.Range(0, canonical.Count).OrderBy(r => canonical[r].Term).ToArray();
        return new RareTermSet(byId.Select(r => canonical[r].Term).ToArray(), byId, canonical.Select(p => p.Idf).ToArray());
    }

    private static bool Before((int Term, double Idf) a, (int Term, double Idf) b, Comparison<int> textOrder) =>
        a.Idf > b.Idf || (a.Idf == b.Idf && textOrder(a.Term, b.Term) < 0);
}

/// <summary>
/// Collects, while the exact cosine merges the two term lists, each shared term's contribution by term family, the
/// IDF of the rare source terms the candidate holds and (for the explanation) the shared terms themselves.
/// </summary>
internal struct PairAccumulator
{
    private readonly RareTermSet _rare;
    private int _rareCursor;

    public PairAccumulator(RareTermSet rare, List<(int Term, double Contribution)>? shared)
    {
        _rare = rare;
        Shared = shared;
    }

    /// <summary>Receives each shared word feature (the explanation's matched terms), when given.</summary>
    public List<(int Term, double Contribution)>? Shared { get; }

    public double Words { get; private set; }

    public double Bigrams { get; private set; }

    public double CharBigrams { get; private set; }

    public double CharUnigrams { get; private set; }

    /// <summary>Canonical ranks (bits) of the rare source terms the candidate holds.</summary>
    public int RareHeld { get; private set; }

    /// <summary>Called in increasing term id order.</summary>
    public void Add(int term, char prefix, double contribution)
    {
        switch (prefix)
        {
            case FeaturePrefix.Word: Words += contribution; break;
            case FeaturePrefix.Bigram: Bigrams += contribution; break;
            case FeaturePrefix.Char: CharBigrams += contribution; break;
            case FeaturePrefix.CharUnigram: CharUnigrams += contribution; break;
        }

        var rare = _rare.Terms;
        while (_rareCursor < rare.Length && rare[_rareCursor] < term) _rareCursor++;
        if (_rareCursor < rare.Length && rare[_rareCursor] == term) RareHeld |= 1 << _rare.Rank[_rareCursor];
        if (prefix == FeaturePrefix.Word) Shared?.Add((term, contribution)); // the explanation lists word features only
    }

    /// <summary>The feature vector (see <see cref="PairFeature"/>) from the accumulated parts and the platform components.</summary>
    public readonly double[] Features(in Components c, float sourceLength, float candidateLength)
    {
        var f = new double[PairFeature.Count];
        f[PairFeature.Text] = c.Text;
        f[PairFeature.TextWords] = Words;
        f[PairFeature.TextBigrams] = Bigrams;
        f[PairFeature.TextCharBigrams] = CharBigrams;
        f[PairFeature.TextCharUnigrams] = CharUnigrams;
        f[PairFeature.RareTerms] = _rare.Total > 0 ? _rare.Held(RareHeld) / _rare.Total : 0;
        f[PairFeature.SourceLength] = Math.Log(1 + (double)sourceLength);
        f[PairFeature.CandidateLength] = Math.Log(1 + (double)candidateLength);
        f[PairFeature.Locality] = c.Locality;
        f[PairFeature.Field] = c.Field;
        f[PairFeature.Maturity] = c.Maturity;
        f[PairFeature.Budget] = c.Budget;
        return f;
    }
}
