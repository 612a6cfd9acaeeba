namespace TechTransfer.Match.Matching;

/// <summary>Which side of the market a listing is on.</summary>
public enum ListingKind
{
    Achievement,
    Need,
}

/// <summary>Language detected for a text after normalisation.</summary>
public enum TextLanguage
{
    Unknown,
    Chinese,
    English,
    Mixed,
}

/// <summary>One achievement or need as the engine sees it.</summary>
/// <param name="Body">Achievement: summary + problem + advantages; need: background + indicators + scenario.</param>
/// <param name="Field">Technical field 1..11, 0 = unknown.</param>
/// <param name="Trl">Achievement TRL 1-9, or a need's required minimum TRL.</param>
/// <param name="RegionCode">GB/T 2260 six-digit code of the owning organisation.</param>
public sealed record ListingDocument(
    Guid Id,
    ListingKind Kind,
    string Title,
    string Keywords,
    string Body,
    int Field,
    int? Trl,
    decimal? PriceMin,
    decimal? PriceMax,
    string RegionCode,
    Guid OrganisationId);

/// <summary>Options bound from configuration section "Matching".</summary>
public sealed class MatchingOptions
{
    public const string SectionName = "Matching";

    public double TextWeight { get; set; } = 0.6;
    public double LocalityWeight { get; set; } = 0.15;
    public double FieldWeight { get; set; } = 0.1;
    public double MaturityWeight { get; set; } = 0.1;
    public double BudgetWeight { get; set; } = 0.05;
    public double ProposalThreshold { get; set; } = 0.35;
    public string HomeRegionCode { get; set; } = "210200";
    public int MaxTop { get; set; } = 100;
    public int MaxTextLength { get; set; } = 20000;

    /// <summary>FindMatches/Preview gather candidates from features held by at most this share of listings
    /// (but at least <see cref="MatchCandidateMinPostings"/>); every candidate's cosine is then computed exactly.</summary>
    public double MatchCandidateMaxDf { get; set; } = 0.05;

    public int MatchCandidateMinPostings { get; set; } = 2000;

    /// <summary>Of a feature held by more listings of a kind than the candidate cap above, the bulk-loaded index keeps
    /// only the postings of highest weight, this share of the kind's listings (1 keeps all): candidate generation
    /// skips such features, and <see cref="MatchingEngine.Search"/> re-scores its candidates exactly
    /// (docs/decisions/0005-compact-matching-index.md).</summary>
    public double PrunedFeatureKeepShare { get; set; } = 0.02;

    /// <summary>A pruned feature keeps at least this many postings, so that a search for one common word still fills a
    /// page (Search re-scores 5 x top + 20 of its candidates; MaxTop is 100).</summary>
    public int PrunedFeatureMinKeep { get; set; } = 520;

    /// <summary>Of the listings sharing a candidate feature, only this many with the highest partial text score are
    /// ranked by their full score (0 = all, the default); the best of those are then re-scored exactly. Not applied
    /// with LocalOnly. A speed/fidelity trade-off: at 2,000 it saved about a fifth of the query time on the
    /// synthetic benchmark but changed more of the top 10 there (docs/performance.md).</summary>
    public int MatchCandidateLimit { get; set; }

    /// <summary>Candidate ranking reads first the touched listings whose partial text is among the best PoolSeedFactor
    /// x pool (estimated from a sample), then the rest against the pool's threshold (0: one pass). The pool does not
    /// depend on it, only the time: tests compare both (docs/matching.md "Index").</summary>
    internal int PoolSeedFactor { get; set; } = 100;

    /// <summary>False: candidate ranking scores every touched listing, skipping none on a bound (the tests' reference).</summary>
    internal bool PoolBounds { get; set; } = true;

    /// <summary>Refit vocabulary/IDF in the background when the corpus grew/changed this much (0 disables).</summary>
    public double RefitGrowthRatio { get; set; } = 0.2;

    /// <summary>Threads tokenising a Rebuild (-1: all cores). The result does not depend on it (term ids follow the
    /// listing order); tests build sequentially and in parallel to show that.</summary>
    internal int BuildParallelism { get; set; } = -1;

    /// <summary>Optional jieba user dictionary of technical terms (one "term [freq] [tag]" a line).</summary>
    public string? UserDictionaryPath { get; set; }

    /// <summary>Scores within this distance count as near-equal (local enterprises first).</summary>
    public double NearEqualScoreDelta { get; set; } = 0.01;

    /// <summary>Text pipeline weighting; the defaults are the evaluated setting (docs/matching.md).</summary>
    public TextPipelineOptions Text { get; set; } = new();
}

/// <summary>Text pipeline tuning. One setting serves every collection and the product.</summary>
public sealed class TextPipelineOptions
{
    public double TitleWeight { get; set; } = 2.0;
    public double KeywordsWeight { get; set; } = 2.0;
    public double BodyWeight { get; set; } = 1.0;

    /// <summary>Weight of word unigram features (jieba words, English stems).</summary>
    public double WordFeatureWeight { get; set; } = 1.0;

    /// <summary>Weight of adjacent word bigram features.</summary>
    public double BigramFeatureWeight { get; set; } = 0.5;

    /// <summary>Weight of Chinese character bigram features.</summary>
    public double CharFeatureWeight { get; set; } = 2.0;

    /// <summary>Weight of Chinese character trigram features (0 disables).</summary>
    public double CharTrigramFeatureWeight { get; set; }

    /// <summary>Weight of Chinese single-character features.</summary>
    public double CharUnigramFeatureWeight { get; set; } = 3.0;

    /// <summary>Chinese words shorter than this are left to the character features (a 2-character word is a character bigram already).</summary>
    public int ChineseMinWordLength { get; set; } = 1;

    /// <summary>Emit word bigrams for Chinese runs too (English runs always get them when the weight is above 0).</summary>
    public bool ChineseWordBigrams { get; set; }

    /// <summary>
    /// Word bigrams get their term id from a hash of the two words into 2^this buckets instead of a string in the term
    /// table (0 = bigrams as strings). Colliding bigrams share one feature; see docs/matching.md "Index".
    /// </summary>
    public int BigramHashBits { get; set; } = 22;

    /// <summary>A copy with bigrams as text (for code that keys features by their string).</summary>
    internal TextPipelineOptions WithStringBigrams()
    {
        var copy = (TextPipelineOptions)MemberwiseClone();
        copy.BigramHashBits = 0;
        return copy;
    }

    /// <summary>Documents (deterministic sample) the ML.NET vocabulary/IDF model is fitted on; 0 = all.</summary>
    public int FitSampleSize { get; set; } = 5_000;

    /// <summary>Emit Chinese single characters as features (robust to segmentation errors).</summary>
    public bool ChineseCharUnigrams { get; set; } = true;

    /// <summary>Weight of English character trigram features (0 disables).</summary>
    public double EnglishCharGramWeight { get; set; }

    /// <summary>BM25-like saturation and length normalisation inside document weights.</summary>
    public double K1 { get; set; } = 2.0;
    public double B { get; set; } = 0.1;

    /// <summary>Exponent on IDF in document weights and in query weights.</summary>
    public double DocIdfExponent { get; set; } = 0.75;
    public double QueryIdfExponent { get; set; } = 0.75;

    /// <summary>Normalise each feature family to unit length and weight the families by share (see FeatureWeighting).</summary>
    public bool BlockNormalization { get; set; }

    /// <summary>Pseudo-relevance feedback for plain searches: documents taken from the first pass (0 disables).</summary>
    public int FeedbackDocuments { get; set; } = 3;

    /// <summary>Terms of the feedback centroid added to the query.</summary>
    public int FeedbackTerms { get; set; } = 40;

    /// <summary>Weight of the feedback centroid against the (unit) query vector.</summary>
    public double FeedbackWeight { get; set; } = 0.25;

    /// <summary>Pivoted length normalisation slope for plain searches (1 = plain cosine; see MatchingEngine.Search).</summary>
    public double SearchPivotSlope { get; set; } = 0.75;

    /// <summary>Let jieba's HMM guess words missing from its dictionary.</summary>
    public bool ChineseHmm { get; set; } = true;

    /// <summary>Use jieba's search mode (long words plus their sub-words).</summary>
    public bool SearchModeSegmentation { get; set; } = false;

    /// <summary>Leave Chinese function words (<c>Lexicon/chinese-stop-words.txt</c>) out of the word features.</summary>
    public bool ChineseStopWords { get; set; }

    /// <summary>With <see cref="ChineseStopWords"/>: 0 keeps the character n-grams of a stop word, 1 drops its
    /// character unigrams, 2 also drops the character bigrams that touch it.</summary>
    public int ChineseStopCharGrams { get; set; }

    /// <summary>Count factor of generic Chinese words (<c>Lexicon/generic-words.txt</c>) as word features; 1 = as any word.</summary>
    public double GenericWordWeight { get; set; } = 1.0;

    /// <summary>A number followed by a unit (<c>Lexicon/units.txt</c>: "500 kv", "10 万吨") also gives one feature "500kv".</summary>
    public bool NumberUnitFeatures { get; set; }

    /// <summary>Feedback of plain searches as RM3 (a relevance model of the feedback documents, weighted by their
    /// first-pass scores, interpolated with the query) instead of the Rocchio centroid.</summary>
    public bool Rm3 { get; set; }

    /// <summary>RM3: weight of the (unit) relevance model against the (unit) query.</summary>
    public double Rm3Weight { get; set; } = 0.3;

    /// <summary>RM3: terms of the relevance model kept (0 = <see cref="FeedbackTerms"/>).</summary>
    public int Rm3Terms { get; set; }

    /// <summary>RM3 after the Rocchio step (mixed into the expanded query) instead of in its place.</summary>
    public bool Rm3AfterRocchio { get; set; }

    /// <summary>RM3: the feature families (prefix characters) the relevance model draws terms from; empty = all.</summary>
    public string Rm3Families { get; set; } = string.Empty;
}

public sealed record MatchQuery(int Top = 10, bool LocalOnly = false, double MinScore = 0);

public sealed record MatchResult(Guid Id, ListingKind Kind, double Score, MatchExplanation Explanation);

public sealed record MatchExplanation(IReadOnlyList<ScoreComponent> Components, IReadOnlyList<string> MatchedTerms);

/// <summary>One part of a score: a ranker term's feature value and what it contributed.</summary>
/// <param name="Name">"text", "locality", "field", "maturity" or "budget" under the hand-set weighting; a trained ranker's feature names (<see cref="PairFeature.Names"/>) and "bias".</param>
/// <param name="Value">The feature's value (0..1 but for the lengths).</param>
/// <param name="Weight">The linear weight, or contribution / value for a binned term.</param>
/// <param name="Contribution">The term's part of the score, negative where a trained model lowers it; the contributions add up to the score.</param>
public sealed record ScoreComponent(string Name, double Value, double Weight, double Contribution)
{
    /// <summary>The least the part can contribute under the ranker that scored it (null in explanations stored before it was recorded).</summary>
    public double? Min { get; init; }

    /// <summary>The most the part can contribute under the ranker that scored it (null in explanations stored before it was recorded).</summary>
    public double? Max { get; init; }
}

public sealed record SearchHit(Guid Id, double Score);
