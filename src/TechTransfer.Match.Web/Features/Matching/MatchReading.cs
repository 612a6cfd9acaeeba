using System.Collections.Frozen;
using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Web.Features.Matching;

/// <summary>
/// Turns an engine explanation into what a reader takes in at a glance: the score and its parts as whole
/// points of 100 that add up, the reason for the proposal, and the shared terms worth highlighting.
/// </summary>
public static class MatchReading
{
    /// <summary>
    /// The score as points of 100 and each component's share. The contributions add up to the score exactly
    /// (the engine's explanation is additive); rounding each on its own could make 69 from parts of 29 + 15 + 10 + 10 + 4 = 68,
    /// so the parts are rounded down and the points left over go to the largest remainders. A trained ranker's part
    /// can be negative (it lowers the score): it keeps its sign, so the parts still add up to the points shown.
    /// Each part carries the least and most it can give (the ranker's range for it; explanations stored before the
    /// range was recorded have the hand-set weighting's, 0 to the weight), widened to hold the part's own points.
    /// </summary>
    public static (int Points, IReadOnlyList<PointPart> Parts) Points(double score, IReadOnlyList<ScoreComponent> components)
    {
        var total = (int)Math.Round(score * 100, MidpointRounding.AwayFromZero);
        var raw = components.Select(c => c.Contribution * 100).ToArray();
        var points = raw.Select(r => (int)Math.Floor(r)).ToArray();
        var left = total - points.Sum();
        foreach (var i in Enumerable.Range(0, raw.Length).OrderByDescending(i => raw[i] - points[i]).ThenBy(i => i))
        {
            if (left <= 0)
            {
                break;
            }

            points[i]++;
            left--;
        }

        static int Round(double v) => (int)Math.Round(v * 100, MidpointRounding.AwayFromZero);
        var parts = components.Select((c, i) => new PointPart(
            c.Name, points[i], Math.Max(points[i], Round(c.Max ?? c.Weight)), Math.Min(points[i], Round(c.Min ?? 0)))).ToList();
        return (parts.Sum(p => p.Points), parts);
    }

    /// <summary>The reason for a proposal from its explanation and the two listings' maturity and amounts.</summary>
    public static MatchReason Reason(MatchExplanation explanation, bool localPartner, int? achievementTrl, int? requiredTrl, bool amountsKnown)
    {
        double Value(string name) => explanation.Components.FirstOrDefault(c => c.Name == name)?.Value ?? 0;
        var budget = Value("budget");
        var fit = !amountsKnown ? BudgetFit.Unknown : budget >= 1 ? BudgetFit.Fits : budget >= 0.5 ? BudgetFit.Near : BudgetFit.Apart;
        int? gap = achievementTrl is { } trl && requiredTrl is { } required ? required - trl : null;
        return new MatchReason(KeyTerms(explanation.MatchedTerms), localPartner, Value("field") >= 1, gap, fit);
    }

    /// <summary>At most this many key terms: a sentence names a few, the highlighting marks them.</summary>
    public const int MaxKeyTerms = 6;

    /// <summary>
    /// The matched terms worth showing a reader: not a function word (与, 的, and), not a generic word that every
    /// listing shares (系统, 技术, method), not a single character (焊 inside 焊接) and not a bare number.
    /// Matching itself still uses every term; this list is for display only.
    /// </summary>
    public static IReadOnlyList<string> KeyTerms(IEnumerable<string> matched) =>
        matched.Select(t => t.Trim())
            .Where(t => t.Length > 1 && !t.All(c => char.IsDigit(c) || c == '.') && !StopTerms.Contains(t.ToLowerInvariant()))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxKeyTerms)
            .ToList();

    private static readonly FrozenSet<string> StopTerms = new[]
    {
        // Chinese function words.
        "与", "和", "的", "及", "或", "在", "对", "等", "中", "为", "以", "了", "是", "于", "及其", "以及", "并", "其", "与其", "之",
        "通过", "对于", "用于", "基于", "一种", "一个", "进行", "实现", "采用", "利用", "具有", "可以", "能够", "需要", "希望",
        // Generic Chinese words nearly every listing carries.
        "系统", "技术", "方法", "装置", "设备", "平台", "研究", "应用", "开发", "研制", "工艺", "关键", "新型", "高效", "智能",
        "产品", "项目", "需求", "公司", "我公司", "企业", "问题", "提高", "提升", "降低", "一体化", "综合", "分析", "设计", "优化",
        "管理", "结构", "技术开发", "解决", "方案", "生产", "服务", "模块", "过程", "效率", "国内", "行业",
        "大型", "小型", "人工", "自动", "现有", "传统", "相关", "主要",
        // English function words and generic words.
        "the", "and", "of", "for", "with", "in", "on", "to", "by", "from", "an", "or", "at", "as", "its", "into",
        "system", "systems", "method", "methods", "technology", "technologies", "device", "devices", "platform", "based", "using",
        "new", "high", "research", "development", "application", "applications", "design", "analysis", "control", "management",
        "solution", "solutions", "process", "processes", "product", "products", "project", "need", "needs", "company",
    }.ToFrozenSet(StringComparer.Ordinal);
}
