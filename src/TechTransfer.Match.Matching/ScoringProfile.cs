namespace TechTransfer.Match.Matching;

/// <summary>
/// The non-text facts of one listing in the form the scoring formulas use (no strings, no decimals), kept per
/// index slot so that ranking thousands of candidates touches one compact struct array. Every formula below runs
/// on these values, for candidates and for the final explained score alike, so both give bit-identical results.
/// </summary>
internal readonly struct ScoringProfile
{
    public ScoringProfile(ListingDocument d)
    {
        Id = d.Id;
        Region4 = RegionKey(d.RegionCode, 4);
        Region2 = RegionKey(d.RegionCode, 2);
        Field = d.Field;
        Trl = d.Trl is { } t && t > 0 ? t : 0;
        HasPrice = d.PriceMin is not null || d.PriceMax is not null;
        PriceLow = HasPrice ? (double)(d.PriceMin ?? d.PriceMax)!.Value : 0;
        PriceHigh = HasPrice ? (double)(d.PriceMax ?? d.PriceMin)!.Value : 0;
        BudgetLow = (double)(d.PriceMin ?? 0m);
        BudgetHigh = d.PriceMax is null ? double.PositiveInfinity : (double)d.PriceMax.Value;
        Live = true;
    }

    public Guid Id { get; }

    /// <summary>First 4 / first 2 characters of the region code packed into a number; -1 when the code is shorter than 4.</summary>
    public long Region4 { get; }

    public long Region2 { get; }

    public int Field { get; }

    /// <summary>TRL (achievement) or required TRL (need); 0 when unknown.</summary>
    public int Trl { get; }

    /// <summary>Price-side view (an achievement's asking price): known when either bound is; low/high as Scoring.Budget reads them.</summary>
    public bool HasPrice { get; }

    public double PriceLow { get; }

    public double PriceHigh { get; }

    /// <summary>Budget-side view (a need's budget): missing minimum 0, missing maximum unbounded.</summary>
    public double BudgetLow { get; }

    public double BudgetHigh { get; }

    /// <summary>False for a tombstoned slot (default value).</summary>
    public bool Live { get; }

    public static long RegionKey(string? code, int chars)
    {
        if (string.IsNullOrEmpty(code) || code.Length < 4)
        {
            return -1;
        }

        long k = 0;
        for (var i = 0; i < chars; i++) k = (k << 16) | code[i];
        return k;
    }
}

/// <summary>
/// A slot's scoring facts as candidate ranking reads them for every touched listing, 32 bytes against a profile's 88:
/// the region, field and TRL, and the price range from the side its kind scores on (an achievement's asking price, a
/// need's budget). <see cref="Scoring.Compute(MatchingOptions, in ScoringProfile, bool, in SlotScreen, (long Home4, long Home2), double)"/>
/// computes every score from it, so the screen and the profile give the same values.
/// </summary>
internal readonly struct SlotScreen
{
    public SlotScreen(in ScoringProfile p, ListingKind kind)
    {
        Region4 = p.Region4;
        Field = p.Field;
        Trl = (byte)Math.Clamp(p.Trl, 0, 255);
        HasPrice = p.HasPrice;
        Live = p.Live;
        (Low, High) = kind == ListingKind.Achievement ? (p.PriceLow, p.PriceHigh) : (p.BudgetLow, p.BudgetHigh);
    }

    /// <summary>As <see cref="ScoringProfile.Region4"/>.</summary>
    public long Region4 { get; }

    /// <summary>As <see cref="ScoringProfile.Region2"/>: the first two of the four packed characters (unused when <see cref="Region4"/> is -1).</summary>
    public long Region2 => Region4 == -1 ? -1 : (long)((ulong)Region4 >> 32);

    public double Low { get; }

    public double High { get; }

    public int Field { get; }

    public byte Trl { get; }

    public bool HasPrice { get; }

    /// <summary>False for a tombstoned slot (default value).</summary>
    public bool Live { get; }
}
