namespace TechTransfer.Match.Web.Features.Indicators;

/// <summary>Configuration section "Indicators": the reference values the bureau's tables compare against.</summary>
public sealed class IndicatorOptions
{
    public const string Section = "Indicators";

    /// <summary>National average amount per technology transfer contract, yuan (2023: 40.15 万元 as the paper cites it).</summary>
    public decimal NationalAverageContractAmount { get; set; } = 401_500m;

    /// <summary>The year of the national reference average contract amount.</summary>
    public int NationalAverageContractAmountYear { get; set; } = 2023;

    /// <summary>National average of joint R&amp;D institutions built with enterprises per university or institute (2022).</summary>
    public decimal NationalAverageJointRdInstitutions { get; set; } = 3.6m;

    /// <summary>National average of enterprises created or invested in per university or institute (2022).</summary>
    public decimal NationalAverageSpinOffs { get; set; } = 0.9m;

    /// <summary>
    /// Contract categories that count as transformation projects when a request names none: the six modes of
    /// the national annual report (transfer, licence, equity investment, development, consulting, service).
    /// </summary>
    public List<string> DefaultTransformationCategories { get; set; } =
        ["transfer", "licence", "equity-investment", "development", "consulting", "service"];

    /// <summary>A proposal at or above this score counts as a match for unmet demand and leakage (the matching engine's proposal threshold by default).</summary>
    public double ProposalThreshold { get; set; } = 0.35;

    /// <summary>The earliest year a request may ask for; later than the current year is unknown too.</summary>
    public int EarliestYear { get; set; } = 2000;

    /// <summary>The widest year range a time series or funnel may span.</summary>
    public int MaxYearSpan { get; set; } = 20;

    /// <summary>The largest top-N a ranking may ask for.</summary>
    public int MaxTop { get; set; } = 500;
}
