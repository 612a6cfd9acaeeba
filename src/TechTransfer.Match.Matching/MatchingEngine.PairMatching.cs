namespace TechTransfer.Match.Matching;

// Pair matching: listings of the opposite kind for a listing or a draft, ranked by the serving ranker's explained score.
public sealed partial class MatchingEngine
{
    /// <summary>Static pruning of the bulk postings: the features candidate generation skips keep their strongest postings.</summary>
    private PostingsPruning Pruning => new(_options.MatchCandidateMaxDf, _options.MatchCandidateMinPostings, _options.PrunedFeatureKeepShare, _options.PrunedFeatureMinKeep);

    /// <summary>Listings of the opposite kind for an indexed listing.</summary>
    public IReadOnlyList<MatchResult> FindMatches(Guid id, MatchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ValidateTop(query.Top);
        _lock.EnterReadLock();
        try
        {
            var st = _state;
            var e = st.Get(id) ?? throw new KeyNotFoundException($"Listing {id} is not indexed.");
            var q = st.Weighting.DocumentVector(e, st.Dict.Prefix, out _);
            return Match(st, e.Meta, e.Length, q, null, query);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Scores a draft (not indexed) against listings of the opposite kind.</summary>
    public IReadOnlyList<MatchResult> Preview(ListingDocument draft, MatchQuery query)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(query);
        ValidateTop(query.Top);
        var text = string.Concat(draft.Title, " ", draft.Keywords, " ", draft.Body);
        ValidateText(text, nameof(draft));
        var bag = Analyze(draft);
        _lock.EnterReadLock();
        try
        {
            var st = _state;
            var (terms, counts, unknown) = Lookup(bag, st.Dict);
            var q = st.Weighting.DocumentVector(terms, counts, (float)bag.Length, PrefixFunc(st.Dict, unknown));
            return Match(st, draft, (float)bag.Length, q, unknown, query);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private IReadOnlyList<MatchResult> Match(IndexState st, ListingDocument source, float sourceLength, SparseVector q, Dictionary<int, string>? unknown, MatchQuery mq)
    {
        var targetKind = source.Kind == ListingKind.Achievement ? ListingKind.Need : ListingKind.Achievement;
        var index = st.Of(targetKind);
        var scratch = Scratch.Get(index.Slots.Count);
        var pool = (mq.Top * 2) + 20; // candidates re-scored exactly
        var src = new ScoringProfile(source);
        var sourceIsNeed = source.Kind == ListingKind.Need;
        var home = Scoring.HomeKeys(_options);
        List<(int Slot, double Score)> candidates;
        try
        {
            // Candidates from the query's discriminative features: features whose postings cover more than
            // MatchCandidateMaxDf of the listings add little to any cosine and are left to the exact re-scoring.
            var cap = Math.Max(_options.MatchCandidateMinPostings, (int)(index.Slots.Count * _options.MatchCandidateMaxDf));
            scratch.Accumulate(index, q, cap);
            if (scratch.TouchedCount < pool && cap < index.Slots.Count)
            {
                scratch.Reset();
                scratch.Accumulate(index, q, int.MaxValue);
            }

            // Every touched listing is ranked by its full score (partial text + the other components) into the pool.
            var o = _options;
            var heap = scratch.Heap;
            heap.Reset(pool, index.Profiles);

            // Only the listings with the best partial text scores go on to the full score.
            var limit = Math.Max(_options.MatchCandidateLimit, pool);
            var floor = _options.MatchCandidateLimit > 0 && !mq.LocalOnly && scratch.TouchedCount > limit
                ? scratch.KthLargest(limit) : float.NegativeInfinity;

            // Two passes: first the listings whose partial text is among the best (about PoolSeedFactor x pool of them,
            // estimated from a sample), so that the pool's threshold is already high when the long tail of listings
            // sharing a feature or two is read; a tail listing is then mostly skipped on its key's bound (its text and
            // the best the other components can give it). The pool is the same in any order: the heap keeps the best
            // by score, then id.
            var seedText = o.PoolSeedFactor > 0 ? scratch.SeedText((int)Math.Min(int.MaxValue / 2, (long)pool * o.PoolSeedFactor)) : 0f;
            var seed = Math.Max(floor, seedText);
            var keys = index.Home == home ? index.Keys : null; // kept against another home: the screens decide
            var fieldKey = keys is null ? -1 : Scoring.FillKeyBounds(scratch.KeyBounds, o, src, sourceIsNeed);
            var ranking = new PoolRanking(o, src, sourceIsNeed, home, mq.LocalOnly, index.Screens, keys, scratch.KeyBounds, fieldKey, heap);
            ranking.Offer(scratch, floor, seed);
            candidates = heap.Sorted();
        }
        finally
        {
            scratch.Reset();
        }

        // Exact cosine on the candidates, with the pair features gathered in the same pass; the serving ranker
        // orders them (the default ranker is the hand-set weighting, so the score is the one computed above).
        var ranker = Ranker;
        var rare = RareTermSet.Of(q, st.Weighting, TermOrder(st.Dict, unknown));
        var queryTerms = QueryTerms.For(q, st);
        var ranked = new List<(int Slot, double Score, double[] F, int Shared, int SharedCount)>(candidates.Count);
        var profiles = index.Profiles;
        var shared = scratch.SharedWords; // the word terms each candidate shares, for the explanation
        shared.Clear();
        foreach (var (slot, _) in candidates)
        {
            var start = shared.Count;
            var f = Features(st, q, queryTerms, index, slot, rare, src, sourceIsNeed, home, sourceLength, shared);
            var score = ranker.Score(f);
            if (score < mq.MinScore) continue;
            ranked.Add((slot, score, f, start, shared.Count - start));
        }

        ranked.Sort((a, b) =>
        {
            var cmp = b.Score.CompareTo(a.Score);
            return cmp != 0 ? cmp : profiles[a.Slot].Id.CompareTo(profiles[b.Slot].Id);
        });

        if (targetKind == ListingKind.Need)
        {
            LocalFirstAmongNearEqual(ranked);
        }

        var results = new List<MatchResult>(Math.Min(mq.Top, ranked.Count));
        for (var r = 0; r < ranked.Count && r < mq.Top; r++)
        {
            var (slot, score, f, start, count) = ranked[r];
            var e = index.Slots[slot]!;
            results.Add(new MatchResult(e.Meta.Id, e.Meta.Kind, score, new MatchExplanation(ranker.Explain(f), MatchedTerms(st, shared.GetRange(start, count)))));
        }

        return results;
    }

    /// <summary>Ranks touched listings by their full score into the candidate pool.</summary>
    private readonly struct PoolRanking(MatchingOptions o, ScoringProfile source, bool sourceIsNeed, (long Home4, long Home2) home,
        bool localOnly, SlotScreen[] screens, int[]? keys, double[] keyBounds, int fieldKey, SlotHeap heap)
    {
        // The most the other components can add; a hair more against rounding.
        private readonly double _otherMax = Math.Max(0, o.LocalityWeight) + Math.Max(0, o.FieldWeight) + Math.Max(0, o.MaturityWeight) + Math.Max(0, o.BudgetWeight) + 1e-9;

        /// <summary>
        /// Offers the touched listings whose partial text reaches <paramref name="seed"/>, then those in
        /// [<paramref name="floor"/>, <paramref name="seed"/>), each in the order first touched (one read of the touched
        /// listings sets both lists aside).
        /// </summary>
        public void Offer(Scratch scratch, float floor, float seed)
        {
            var acc = scratch.Acc;
            var (seedSlots, seedText, tailSlots, tailText) = scratch.PassBuffers();
            int s = 0, t = 0;
            foreach (var slot in scratch.Touched)
            {
                var a = acc[slot];
                var isSeed = a >= seed;
                seedSlots[s] = slot;
                seedText[s] = a;
                tailSlots[t] = slot;
                tailText[t] = a;
                s += isSeed ? 1 : 0;
                t += !isSeed && a >= floor ? 1 : 0;
            }

            Offer(seedSlots.AsSpan(0, s), seedText.AsSpan(0, s));
            Offer(tailSlots.AsSpan(0, t), tailText.AsSpan(0, t));
        }

        private void Offer(ReadOnlySpan<int> slots, ReadOnlySpan<float> texts)
        {
            if (keys is null)
            {
                for (var i = 0; i < slots.Length; i++) ConsiderByScreen(slots[i], Math.Min(1.0, texts[i]));
                return;
            }

            // A slot's bound from its key: the key's table entry (a dead slot's is -infinity, so it reaches the live
            // check only while the pool is not full) and the field weight when the fields are equal.
            var textWeight = o.TextWeight;
            var fieldWeight = o.FieldWeight;
            var table = keyBounds;
            var threshold = o.PoolBounds ? heap.Threshold : double.NegativeInfinity;
            for (var i = 0; i < slots.Length; i++)
            {
                var slot = slots[i];
                var text = Math.Min(1.0, texts[i]);
                var k = keys[slot];
                if ((text * textWeight) + table[k & (Scoring.KeyTableSize - 1)] + ((k >> Scoring.KeyFieldShift) == fieldKey ? fieldWeight : 0) < threshold) continue;
                Enter(slot, text);
                if (o.PoolBounds) threshold = heap.Threshold;
            }
        }

        /// <summary>Without keys: a first test on the text alone, then the screen's bound.</summary>
        private void ConsiderByScreen(int slot, double text)
        {
            var threshold = o.PoolBounds ? heap.Threshold : double.NegativeInfinity;
            if ((text * o.TextWeight) + _otherMax < threshold) return; // cannot enter the pool
            if (threshold > double.NegativeInfinity && Scoring.Bound(o, source, sourceIsNeed, screens[slot], home, text) < threshold) return;
            Enter(slot, text); // Enter leaves out a dead slot
        }

        private void Enter(int slot, double text)
        {
            ref readonly var screen = ref screens[slot];
            if (!screen.Live) return;
            var c = Scoring.Compute(o, source, sourceIsNeed, screen, home, text);
            if (localOnly && c.Locality < 1.0) return;
            heap.Offer(slot, c.Score);
        }
    }

    /// <summary>The pair's feature vector (see <see cref="PairFeature"/>) from one exact-cosine pass.</summary>
    private double[] Features(IndexState st, SparseVector q, QueryTerms queryTerms, KindIndex index, int slot, RareTermSet rare,
        in ScoringProfile source, bool sourceIsNeed, (long Home4, long Home2) home, float sourceLength,
        List<(int Term, double Contribution)>? sharedWords = null)
    {
        var acc = new PairAccumulator(rare, sharedWords);
        var text = Math.Min(1.0, Cosine(st, q, queryTerms, index, slot, ref acc));
        var c = Scoring.Compute(_options, source, sourceIsNeed, index.Profiles[slot], home, text);
        return acc.Features(c, sourceLength, index.Slots[slot]!.Length);
    }

    /// <summary>
    /// Cosine of a unit query vector (<paramref name="queryTerms"/> prepared from it) and an indexed listing. With one
    /// norm per listing only the shared terms' weights are computed (<see cref="QueryTerms.Dot"/>); otherwise the
    /// listing's whole vector is built. <paramref name="acc"/> receives each shared term's contribution.
    /// </summary>
    private static double Cosine(IndexState st, SparseVector q, QueryTerms queryTerms, KindIndex index, int slot, ref PairAccumulator acc)
    {
        var e = index.Slots[slot]!;
        var w = st.Weighting;
        if (!w.SingleNorm)
        {
            var d = w.DocumentVector(e, st.Dict.Prefix, out _);
            return DotShared(q.Terms, q.Weights, d.Terms, d.Weights, ref acc, st.Dict);
        }

        var norm = index.Norms[slot];
        if (norm <= 0)
        {
            return 0;
        }

        return queryTerms.Dot(e, norm, w.LengthNorm(e.Length), ref acc);
    }

    /// <summary>Sum over shared terms of query weight x document weight (final weights on both sides).</summary>
    private static double DotShared(int[] qt, float[] qw, int[] dt, float[] dv, ref PairAccumulator acc, TermDictionary dict)
    {
        double sum = 0;
        int i = 0, j = 0;
        while (i < qt.Length && j < dt.Length)
        {
            var x = qt[i];
            var y = dt[j];
            if (x < y) i++;
            else if (x > y) j++;
            else
            {
                var contribution = (double)qw[i] * dv[j];
                sum += contribution;
                acc.Add(x, dict.Prefix(x), contribution);
                i++;
                j++;
            }
        }

        return sum;
    }

    /// <summary>Among scores within NearEqualScoreDelta of each other, same-city listings move first (stable).</summary>
    private void LocalFirstAmongNearEqual(List<(int Slot, double Score, double[] F, int Shared, int SharedCount)> ranked)
    {
        var delta = _options.NearEqualScoreDelta;
        var changed = true;
        for (var pass = 0; changed && pass < ranked.Count; pass++)
        {
            changed = false;
            for (var i = 0; i + 1 < ranked.Count; i++)
            {
                var a = ranked[i];
                var b = ranked[i + 1];
                if (a.F[PairFeature.Locality] < 1.0 && b.F[PairFeature.Locality] >= 1.0 && a.Score - b.Score <= delta)
                {
                    ranked[i] = b;
                    ranked[i + 1] = a;
                    changed = true;
                }
            }
        }
    }

    /// <summary>
    /// A term a person would recognise as a reason: not a lone digit or Latin letter, nor a bare number
    /// (those still count in the score, they just explain nothing).
    /// </summary>
    private static bool IsExplanatory(string surface) =>
        surface.Length > 0 && !surface.All(c => char.IsAsciiDigit(c) || c is '.' or ',' or '%') &&
        !(surface.Length == 1 && char.IsAsciiLetter(surface[0]));

    /// <summary>
    /// The ten explanatory word features of largest contribution (ties by surface, each surface once). Contributions
    /// are sorted first and surfaces looked up a group of equal contributions at a time, until ten are found: a pair
    /// shares a hundred words or more, and a surface costs a lookup in the term table.
    /// </summary>
    internal static IReadOnlyList<string> MatchedTerms(IndexState st, List<(int Term, double Contribution)> contributions)
    {
        const int Count = 10;
        contributions.Sort((a, b) => b.Contribution.CompareTo(a.Contribution));
        var result = new List<string>(Count);
        var group = new List<string>();
        for (var i = 0; i < contributions.Count && result.Count < Count;)
        {
            var c = contributions[i].Contribution;
            group.Clear();
            for (; i < contributions.Count && contributions[i].Contribution == c; i++)
            {
                var surface = st.Dict.Surface(contributions[i].Term); // word features only (PairAccumulator.Add)
                if (IsExplanatory(surface)) group.Add(surface);
            }

            group.Sort(StringComparer.Ordinal);
            foreach (var surface in group)
            {
                if (result.Count == Count) break;
                if (!result.Contains(surface, StringComparer.Ordinal)) result.Add(surface);
            }
        }

        return result;
    }
}
