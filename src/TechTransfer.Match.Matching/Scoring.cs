namespace TechTransfer.Match.Matching;

/// <summary>Final score = sum of weight x value over text, locality, field, maturity and budget.</summary>
internal static class Scoring
{
    public static Components Compute(MatchingOptions o, ListingDocument source, ListingDocument candidate, double text) =>
        Compute(o, new ScoringProfile(source), source.Kind == ListingKind.Need, new ScoringProfile(candidate), HomeKeys(o), text);

    public static (long Home4, long Home2) HomeKeys(MatchingOptions o) =>
        (ScoringProfile.RegionKey(o.HomeRegionCode, 4), ScoringProfile.RegionKey(o.HomeRegionCode, 2));

    public static Components Compute(MatchingOptions o, in ScoringProfile source, bool sourceIsNeed, in ScoringProfile candidate, (long Home4, long Home2) home, double text) =>
        Compute(o, source, sourceIsNeed, new SlotScreen(candidate, sourceIsNeed ? ListingKind.Achievement : ListingKind.Need), home, text);

    public static Components Compute(MatchingOptions o, in ScoringProfile source, bool sourceIsNeed, in SlotScreen candidate, (long Home4, long Home2) home, double text)
    {
        var locality = Locality(candidate.Region4, candidate.Region2, home.Home4, home.Home2);
        var field = Field(source.Field, candidate.Field);
        double maturity, budget;
        if (sourceIsNeed)
        {
            maturity = MaturityCore(source.Trl, candidate.Trl);
            budget = BudgetCore(candidate.HasPrice, candidate.Low, candidate.High, source.HasPrice, source.BudgetLow, source.BudgetHigh);
        }
        else
        {
            maturity = MaturityCore(candidate.Trl, source.Trl);
            budget = BudgetCore(source.HasPrice, source.PriceLow, source.PriceHigh, candidate.HasPrice, candidate.Low, candidate.High);
        }

        // Summed in the same order as the explanation lists them, so the contributions add up exactly.
        var score = text * o.TextWeight;
        score += locality * o.LocalityWeight;
        score += field * o.FieldWeight;
        score += maturity * o.MaturityWeight;
        score += budget * o.BudgetWeight;
        return new Components(text, locality, field, maturity, budget, score);
    }

    /// <summary>An upper bound of the score <see cref="Compute(MatchingOptions, in ScoringProfile, bool, in SlotScreen, (long Home4, long Home2), double)"/> gives: its terms but the budget's, taken at its best.</summary>
    public static double Bound(MatchingOptions o, in ScoringProfile source, bool sourceIsNeed, in SlotScreen candidate, (long Home4, long Home2) home, double text)
    {
        var maturity = sourceIsNeed ? MaturityCore(source.Trl, candidate.Trl) : MaturityCore(candidate.Trl, source.Trl);
        return (text * o.TextWeight)
            + (Locality(candidate.Region4, candidate.Region2, home.Home4, home.Home2) * o.LocalityWeight)
            + (Field(source.Field, candidate.Field) * o.FieldWeight)
            + (maturity * o.MaturityWeight)
            + Math.Max(0, o.BudgetWeight) + 1e-9;
    }

    /// <summary>
    /// A slot's screen in one int, for the first bound of candidate ranking: a dense array of these is 4 bytes a slot
    /// against the screens' 32, and <see cref="FillKeyBounds"/> turns it into a bound with one table read and one
    /// comparison instead of the branches of <see cref="Bound"/>. Bits 0-3 the TRL, 4-5 the locality against
    /// <paramref name="home"/> (0 none, 1 province, 2 city), 6 no field, 7 live, 8 a TRL or field these bits cannot
    /// hold (its bound is +infinity, so the screen decides), 9-31 the field.
    /// </summary>
    public static int Key(in SlotScreen s, (long Home4, long Home2) home)
    {
        if (!s.Live) return 0;
        if (s.Trl > 15 || s.Field < 0 || s.Field >= 1 << 22) return KeyLive | KeyExotic;
        var locality = Locality(s.Region4, s.Region2, home.Home4, home.Home2);
        var localityClass = locality >= 1.0 ? 2 : locality > 0 ? 1 : 0;
        return s.Trl | (localityClass << 4) | (s.Field == 0 ? KeyNoField : 0) | KeyLive | (s.Field << KeyFieldShift);
    }

    public const int KeyTableSize = 512;
    public const int KeyFieldShift = 9;
    private const int KeyNoField = 1 << 6;
    private const int KeyLive = 1 << 7;
    private const int KeyExotic = 1 << 8;

    /// <summary>
    /// Fills <paramref name="table"/> (<see cref="KeyTableSize"/> entries) for one source so that, for a slot's
    /// <see cref="Key"/> k, text x TextWeight + table[k &amp; (KeyTableSize - 1)] + (k &gt;&gt; KeyFieldShift == the returned
    /// field key ? FieldWeight : 0) is the <see cref="Bound"/> of that slot (a dead slot's is -infinity). Returns the
    /// source's field key (-1 when no candidate field can equal it, which leaves the equal-field term out).
    /// </summary>
    public static int FillKeyBounds(double[] table, MatchingOptions o, in ScoringProfile source, bool sourceIsNeed)
    {
        var sourceField = source.Field;
        for (var k = 0; k < KeyTableSize; k++)
        {
            if ((k & KeyLive) == 0)
            {
                table[k] = double.NegativeInfinity;
                continue;
            }

            var localityClass = (k >> 4) & 3;
            if ((k & KeyExotic) != 0 || localityClass == 3)
            {
                table[k] = double.PositiveInfinity;
                continue;
            }

            var trl = k & 15;
            var maturity = sourceIsNeed ? MaturityCore(source.Trl, trl) : MaturityCore(trl, source.Trl);
            var field = sourceField == 0 || (k & KeyNoField) != 0 ? 0.5 : 0; // equal fields add FieldWeight outside the table
            table[k] = (localityClass * 0.5 * o.LocalityWeight) + (field * o.FieldWeight) + (maturity * o.MaturityWeight) + Math.Max(0, o.BudgetWeight) + 1e-9;
        }

        return sourceField > 0 && sourceField < 1 << 22 ? sourceField : -1;
    }

    /// <summary>Same city (first 4 digits) 1, same province (first 2) 0.5, else 0.</summary>
    public static double Locality(string? region, string? home) =>
        Locality(ScoringProfile.RegionKey(region, 4), ScoringProfile.RegionKey(region, 2), ScoringProfile.RegionKey(home, 4), ScoringProfile.RegionKey(home, 2));

    private static double Locality(long r4, long r2, long h4, long h2)
    {
        if (r4 < 0 || h4 < 0)
        {
            return 0;
        }

        if (r4 == h4) return 1.0;
        if (r2 == h2) return 0.5;
        return 0;
    }

    public static double Field(int a, int b) => a == 0 || b == 0 ? 0.5 : a == b ? 1.0 : 0.0;

    /// <summary>1 when the achievement's TRL reaches the need's required TRL, minus 1/4 per missing level.</summary>
    public static double Maturity(int? requiredTrl, int? trl) =>
        MaturityCore(requiredTrl is { } r && r > 0 ? r : 0, trl is { } t && t > 0 ? t : 0);

    private static double MaturityCore(int requiredTrl, int trl)
    {
        if (requiredTrl <= 0 || trl <= 0)
        {
            return 0.5;
        }

        var gap = requiredTrl - trl;
        return gap <= 0 ? 1.0 : Math.Max(0, 1 - (gap / 4.0));
    }

    /// <summary>1 when the asking-price range overlaps the budget range, else 1 - gap / larger bound.</summary>
    public static double Budget(decimal? priceMin, decimal? priceMax, decimal? budgetMin, decimal? budgetMax)
    {
        var price = new ScoringProfile(new ListingDocument(Guid.Empty, ListingKind.Achievement, "", "", "", 0, null, priceMin, priceMax, "", Guid.Empty));
        var need = new ScoringProfile(new ListingDocument(Guid.Empty, ListingKind.Need, "", "", "", 0, null, budgetMin, budgetMax, "", Guid.Empty));
        return BudgetCore(price, need);
    }

    private static double BudgetCore(in ScoringProfile achievement, in ScoringProfile need) =>
        BudgetCore(achievement.HasPrice, achievement.PriceLow, achievement.PriceHigh, need.HasPrice, need.BudgetLow, need.BudgetHigh);

    /// <summary>The budget value from an achievement's asking-price view and a need's budget view.</summary>
    private static double BudgetCore(bool hasPrice, double pLow, double pHigh, bool hasBudget, double bLow, double bHigh)
    {
        if (!hasPrice || !hasBudget)
        {
            return 0.5;
        }

        if (pHigh < pLow) (pLow, pHigh) = (pHigh, pLow);
        if (bHigh < bLow) (bLow, bHigh) = (bHigh, bLow);
        if (pLow <= bHigh && bLow <= pHigh)
        {
            return 1.0;
        }

        // price above budget, or budget above price: relative gap against the larger of the two facing bounds
        var (lo, hi) = pLow > bHigh ? (bHigh, pLow) : (pHigh, bLow);
        return hi <= 0 ? 0 : Math.Clamp(1 - ((hi - lo) / hi), 0, 1);
    }
}
