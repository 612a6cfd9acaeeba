namespace TechTransfer.Match.Tests.Indicators;

/// <summary>
/// The paper's printed figures (reference/paper.txt Tables 2-6), copied here so the tests never read
/// outside the repository. Amounts as printed: Table 3/5 in 万元 to 0.1, Table 2 volumes in 亿元 to 0.1
/// (nuclear 2022 to 0.01), rates in percent to 0.1, Table 2 shares and increases to 0.01.
/// Table 3's rows are listed by the institution Table 4's rates identify (the printed labels are shifted);
/// Table 5's rows are in the same units as Table 3 (the paper's "thousand RMB" label is wrong).
/// </summary>
public static class PaperFigures
{
    public sealed record LocalizationRow(string Institution, int Year, int Projects, int LocalProjects, decimal CountRatePct,
        decimal AmountWan, decimal LocalAmountWan, decimal AmountRatePct);

    public sealed record AmountRow(string Institution, int Projects, int LocalProjects, decimal AmountWan, decimal LocalAmountWan,
        decimal AverageWan, decimal AverageLocalWan);

    public sealed record FieldRow(string Field, int[] Contracts, decimal[] VolumeYi, decimal SharePct, decimal IncreasePct);

    public sealed record CollaborationRow(string Institution, int JointRdInstitutions, int SpinOffs);

    public const string Total = "Total";

    /// <summary>Tables 3-4, by Table 4's identification; the "Total" rows as printed.</summary>
    public static readonly LocalizationRow[] Localization =
    [
        new("Dalian Institute of Chemical Physics", 2022, 299, 101, 33.8m, 64272.1m, 6918.8m, 10.8m),
        new("Dalian Institute of Chemical Physics", 2023, 348, 131, 37.6m, 101753.0m, 42059.2m, 41.3m),
        new("Liaoning Ocean and Fisheries Science Research Institute", 2022, 78, 28, 35.9m, 3345.9m, 885.7m, 26.5m),
        new("Liaoning Ocean and Fisheries Science Research Institute", 2023, 92, 36, 39.1m, 4151.1m, 2640.2m, 63.6m),
        new("Dalian University of Technology", 2022, 541, 184, 34.0m, 50204.8m, 6663.2m, 13.3m),
        new("Dalian University of Technology", 2023, 829, 332, 40.0m, 74051.2m, 21552.0m, 29.1m),
        new("Dalian Maritime University", 2022, 333, 103, 30.9m, 13233.3m, 3882.3m, 29.3m),
        new("Dalian Maritime University", 2023, 509, 137, 26.9m, 21185.8m, 2721.9m, 12.8m),
        new("Dalian Minzu University", 2022, 66, 31, 47.0m, 1206.7m, 530.7m, 44.0m),
        new("Dalian Minzu University", 2023, 121, 59, 48.8m, 2917.5m, 1648.6m, 56.5m),
        new("Dalian Medical University", 2022, 29, 13, 44.8m, 407.4m, 176.0m, 43.2m),
        new("Dalian Medical University", 2023, 61, 41, 67.2m, 955.9m, 306.3m, 32.0m),
        new("Dalian Jiaotong University", 2022, 112, 59, 52.7m, 3473.4m, 852.1m, 24.5m),
        new("Dalian Jiaotong University", 2023, 92, 56, 60.9m, 2122.7m, 1098.4m, 51.7m),
        new("Liaoning Normal University", 2022, 42, 24, 57.1m, 1296.4m, 506.6m, 39.1m),
        new("Liaoning Normal University", 2023, 52, 38, 73.1m, 495.4m, 159.6m, 32.2m),
        new("Dalian Polytechnic University", 2022, 185, 124, 67.0m, 6375.1m, 3612.9m, 56.7m),
        new("Dalian Polytechnic University", 2023, 273, 188, 68.9m, 8521.5m, 4155.6m, 48.8m),
        new("Dalian Ocean University", 2022, 139, 58, 41.7m, 2858.6m, 689.5m, 24.1m),
        new("Dalian Ocean University", 2023, 191, 95, 49.7m, 2728.2m, 1473.5m, 54.0m),
        new("Dalian University", 2022, 52, 34, 65.4m, 2712.9m, 2188.0m, 80.7m),
        new("Dalian University", 2023, 95, 50, 52.6m, 1974.8m, 932.9m, 47.2m),
        new("Dalian Neusoft Institute of Information", 2022, 76, 54, 71.1m, 497.8m, 413.9m, 83.1m),
        new("Dalian Neusoft Institute of Information", 2023, 61, 43, 70.5m, 402.6m, 296.4m, 73.6m),
        new("Total", 2022, 1952, 813, 41.6m, 149884.4m, 27319.7m, 18.2m),
        new("Total", 2023, 2724, 1206, 44.3m, 221259.8m, 79044.7m, 35.7m),
    ];

    /// <summary>Table 5 (2023); "Dalian Nationality University" is Dalian Minzu University, the second "Dalian University of Technology" row is Dalian Polytechnic University.</summary>
    public static readonly AmountRow[] ContractAmounts2023 =
    [
        new("Dalian Institute of Chemical Physics", 348, 131, 101753.0m, 42059.2m, 292.4m, 321.1m),
        new("Liaoning Ocean and Fisheries Science Research Institute", 92, 36, 4151.1m, 2640.2m, 45.1m, 73.3m),
        new("Dalian University of Technology", 829, 332, 74051.2m, 21552.0m, 89.3m, 64.9m),
        new("Dalian Maritime University", 509, 137, 21185.8m, 2721.9m, 41.6m, 19.9m),
        new("Dalian Minzu University", 121, 59, 2917.5m, 1648.6m, 24.1m, 27.9m),
        new("Dalian Medical University", 61, 41, 955.9m, 306.3m, 15.7m, 7.5m),
        new("Dalian Jiaotong University", 92, 56, 2122.7m, 1098.4m, 23.1m, 19.6m),
        new("Liaoning Normal University", 52, 38, 495.4m, 159.6m, 9.5m, 4.2m),
        new("Dalian Polytechnic University", 273, 188, 8521.5m, 4155.6m, 31.2m, 22.1m),
        new("Dalian Ocean University", 191, 95, 2728.2m, 1473.5m, 14.3m, 15.5m),
        new("Dalian University", 95, 50, 1974.8m, 932.9m, 20.8m, 18.7m),
        new("Dalian Neusoft Institute of Information", 61, 43, 402.6m, 296.4m, 6.6m, 6.9m),
        new("Total", 2724, 1206, 221259.8m, 79044.7m, 81.2m, 65.5m),
    ];

    /// <summary>Table 5's national reference, 万元 per contract (2023).</summary>
    public const decimal NationalAverageContractWan = 40.15m;

    /// <summary>Table 2 (2021, 2022, 2023); the Total row as printed.</summary>
    public static readonly FieldRow[] Fields =
    [
        new("AdvancedManufacturing", [609, 426, 547], [138.9m, 128.1m, 160.9m], 31.82m, 25.63m),
        new("UrbanConstructionAndSocialDevelopment", [245, 228, 378], [40.5m, 104.6m, 102.2m], 20.22m, -2.25m),
        new("ModernTraffic", [219, 149, 761], [1.4m, 45.5m, 82.7m], 16.35m, 81.78m),
        new("ElectronicInformation", [6244, 4685, 5661], [57m, 62.5m, 70.7m], 13.97m, 13.05m),
        new("NewEnergyAndEnergyEfficiency", [256, 285, 422], [56.8m, 30m, 54.2m], 10.72m, 80.68m),
        new("NewMaterials", [208, 202, 359], [3.4m, 8.5m, 10.2m], 2.02m, 20.10m),
        new("Aerospace", [138, 87, 108], [6.8m, 4.9m, 9.6m], 1.90m, 95.88m),
        new("EnvironmentalProtectionAndResources", [354, 489, 553], [15m, 40m, 9.4m], 1.87m, -76.38m),
        new("BiomedicineAndMedicalDevices", [200, 168, 251], [1.6m, 2.9m, 5.4m], 1.07m, 86.59m),
        new("Agriculture", [34, 32, 103], [0.2m, 0.1m, 0.3m], 0.07m, 232.47m),
        new("NuclearApplication", [0, 3, 3], [0m, 0.02m, 0.1m], 0.01m, 206.70m),
        new("Total", [8507, 6754, 9146], [336.2m, 427.3m, 505.8m], 100m, 18.4m),
    ];

    /// <summary>Table 6; national averages 3.6 and 0.9.</summary>
    public static readonly CollaborationRow[] Collaboration =
    [
        new("Dalian Institute of Chemical Physics", 6, 0),
        new("Liaoning Ocean and Fisheries Science Research Institute", 0, 0),
        new("Dalian University of Technology", 3, 3),
        new("Dalian Maritime University", 5, 6),
        new("Dalian Minzu University", 0, 0),
        new("Dalian Medical University", 0, 0),
        new("Dalian Jiaotong University", 7, 0),
        new("Liaoning Normal University", 0, 0),
        new("Dalian Polytechnic University", 4, 0),
        new("Dalian Ocean University", 0, 0),
        new("Dalian University", 3, 2),
        new("Dalian Neusoft Institute of Information", 0, 0),
    ];

    public const decimal NationalAverageJointRd = 3.6m;
    public const decimal NationalAverageSpinOffs = 0.9m;
}
