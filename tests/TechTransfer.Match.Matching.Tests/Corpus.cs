using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Matching.Tests;

internal static class Corpus
{
    public const string Dalian = "210211";
    public const string Shenyang = "210102";
    public const string Beijing = "110105";

    public static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    public static ListingDocument Achievement(int n, string title, string body, string region = Beijing, int field = 0,
        int? trl = null, decimal? pmin = null, decimal? pmax = null, string keywords = "") =>
        new(Id(n), ListingKind.Achievement, title, keywords, body, field, trl, pmin, pmax, region, Id(10_000 + n));

    public static ListingDocument Need(int n, string title, string body, string region = Beijing, int field = 0,
        int? trl = null, decimal? bmin = null, decimal? bmax = null, string keywords = "") =>
        new(Id(n), ListingKind.Need, title, keywords, body, field, trl, bmin, bmax, region, Id(10_000 + n));

    public static List<ListingDocument> Sample() =>
    [
        Achievement(1, "高强度铝合金激光焊接技术", "采用光纤激光器实现铝合金薄板的高速焊接，焊缝抗拉强度达到500MPa，适用于汽车车身和轨道交通。"),
        Achievement(2, "锂离子电池热管理系统", "基于相变材料和液冷板的电池包热管理方案，温差控制在3℃以内，提升动力电池寿命。", Dalian),
        Achievement(3, "Marine diesel engine exhaust scrubber", "A compact wet scrubber removes sulphur oxides from ship exhaust gas; pressure drop below 1.5 kPa, suitable for retrofitting bulk carriers."),
        Achievement(4, "Deep learning defect detection for steel strips", "Convolutional neural networks detect surface defects on hot-rolled steel strip in real time at 20 m/s line speed."),
        Achievement(5, "海水淡化反渗透膜", "新型聚酰胺复合反渗透膜，脱盐率99.8%，适用于沿海城市和海岛的海水淡化工程。", Shenyang),
        Achievement(6, "Industrial robot path planning", "Collision-free trajectory planning for six-axis welding robots using sampling-based planners."),
        Need(101, "求购铝合金焊接工艺", "我公司生产轨道交通车辆，需要铝合金车体激光焊接技术，要求焊缝强度高、变形小。", Dalian),
        Need(102, "动力电池散热方案", "需要电动汽车电池包的热管理技术，解决夏季高温下电池温度过高的问题。"),
        Need(103, "Exhaust gas cleaning for ships", "Our shipyard needs a scrubber to reduce sulphur emissions of marine engines to meet IMO 2020 limits.", Dalian),
        Need(104, "Surface inspection of steel", "We need automatic detection of surface defects on rolled steel using cameras and deep learning."),
    ];

    /// <summary>A larger synthetic corpus for concurrency tests.</summary>
    public static List<ListingDocument> Synthetic(int count, int seed, int idOffset = 1000)
    {
        var rnd = new Random(seed);
        string[] zh = ["激光", "焊接", "电池", "热管理", "膜", "海水", "淡化", "机器人", "检测", "材料", "涂层", "传感器", "控制", "算法", "复合"];
        string[] en = ["laser", "welding", "battery", "membrane", "robot", "sensor", "coating", "control", "steel", "engine", "exhaust", "detection"];
        var list = new List<ListingDocument>();
        for (var i = 0; i < count; i++)
        {
            var words = Enumerable.Range(0, 12).Select(_ => i % 2 == 0 ? zh[rnd.Next(zh.Length)] : en[rnd.Next(en.Length)]);
            var body = string.Join(i % 2 == 0 ? "" : " ", words);
            var kind = rnd.Next(2) == 0 ? ListingKind.Achievement : ListingKind.Need;
            var region = rnd.Next(3) switch { 0 => Dalian, 1 => Shenyang, _ => Beijing };
            list.Add(new ListingDocument(Id(idOffset + i), kind, body[..Math.Min(8, body.Length)], string.Empty, body,
                rnd.Next(12), rnd.Next(10), null, null, region, Id(50_000 + i)));
        }

        return list;
    }
}
