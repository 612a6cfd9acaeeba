using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Seed;

/// <summary>
/// Contract and collaboration records whose aggregates equal the paper's tables (reference/paper.txt,
/// Tables 2-6): every technology contract of Dalian 2021-2023 by technical field (Table 2), the
/// institutions' 2022 and 2023 projects, local projects and amounts (Tables 3-5, rows identified by
/// Table 4's rates) and their joint R&amp;D institutions and spin-offs (Table 6). Deterministic: the same
/// records on every run. Amounts are held in 万元 here and written in yuan.
/// </summary>
/// <remarks>
/// Where the paper prints only rounded figures the records carry unrounded values chosen so that every
/// printed figure is reproduced at its printed precision: Table 2's volumes are chosen so that the
/// 2023 shares and the increases (which the source computed from unrounded volumes) round to the
/// printed values; three 2023 rows of Table 3 carry +0.04 万元 so the total rounds to the printed
/// 221259.8 and 79044.7 (the rounded rows add up to 221259.7 and 79044.6). See docs/indicators.md.
/// </remarks>
public static class PaperRecords
{
    public sealed record OrganisationFact(OrganisationKind Kind, InstitutionType? InstitutionType, string NameZh, string NameEn, string RegionCode, string RegionName);

    /// <summary>One institution-year of Tables 3-5: projects, local projects, amount and local amount (万元).</summary>
    public sealed record LocalizationFact(string Institution, int Year, int Projects, int LocalProjects, decimal AmountWan, decimal LocalAmountWan);

    /// <summary>One field of Table 2: contracts and volume (万元) per year 2021-2023.</summary>
    public sealed record FieldFact(TechnicalField Field, int[] Contracts, decimal[] VolumeWan);

    public sealed record CollaborationFact(string Institution, int JointRdInstitutions, int SpinOffs);

    public static readonly int[] FieldYears = [2021, 2022, 2023];

    /// <summary>The paper's institutions (Tables 3-6) and the enterprises their contracts are sold to, by their exact English names.</summary>
    internal static readonly OrganisationFact[] Organisations =
    [
        new(OrganisationKind.Institution, InstitutionType.ResearchInstitute, "中国科学院大连化学物理研究所", "Dalian Institute of Chemical Physics", "210204", "辽宁省大连市沙河口区"),
        new(OrganisationKind.Institution, InstitutionType.University, "大连理工大学", "Dalian University of Technology", "210211", "辽宁省大连市甘井子区"),
        new(OrganisationKind.Institution, InstitutionType.University, "大连海事大学", "Dalian Maritime University", "210211", "辽宁省大连市甘井子区"),
        new(OrganisationKind.Institution, InstitutionType.University, "大连工业大学", "Dalian Polytechnic University", "210211", "辽宁省大连市甘井子区"),
        new(OrganisationKind.Institution, InstitutionType.ResearchInstitute, "辽宁省海洋水产科学研究院", "Liaoning Ocean and Fisheries Science Research Institute", "210204", "辽宁省大连市沙河口区"),
        new(OrganisationKind.Institution, InstitutionType.University, "大连大学", "Dalian University", "210213", "辽宁省大连市金州区"),
        new(OrganisationKind.Institution, InstitutionType.University, "大连交通大学", "Dalian Jiaotong University", "210204", "辽宁省大连市沙河口区"),
        new(OrganisationKind.Institution, InstitutionType.University, "大连海洋大学", "Dalian Ocean University", "210204", "辽宁省大连市沙河口区"),
        new(OrganisationKind.Institution, InstitutionType.University, "大连民族大学", "Dalian Minzu University", "210213", "辽宁省大连市金州区"),
        new(OrganisationKind.Institution, InstitutionType.University, "大连东软信息学院", "Dalian Neusoft Institute of Information", "210211", "辽宁省大连市甘井子区"),
        new(OrganisationKind.Institution, InstitutionType.University, "大连医科大学", "Dalian Medical University", "210212", "辽宁省大连市旅顺口区"),
        new(OrganisationKind.Institution, InstitutionType.University, "辽宁师范大学", "Liaoning Normal University", "210204", "辽宁省大连市沙河口区"),
        new(OrganisationKind.Enterprise, null, "大连海创智能装备有限公司", "Dalian Haichuang Intelligent Equipment Co., Ltd.", "210211", "辽宁省大连市甘井子区"),
        new(OrganisationKind.Enterprise, null, "大连旅顺海工船舶制造有限公司", "Dalian Lüshun Marine Shipbuilding Co., Ltd.", "210212", "辽宁省大连市旅顺口区"),
        new(OrganisationKind.Enterprise, null, "大连长兴岛恒泰石化有限公司", "Dalian Changxing Island Hengtai Petrochemical Co., Ltd.", "210281", "辽宁省大连市瓦房店市"),
        new(OrganisationKind.Enterprise, null, "大连普湾精细化工有限公司", "Dalian Puwan Fine Chemicals Co., Ltd.", "210214", "辽宁省大连市普兰店区"),
        new(OrganisationKind.Enterprise, null, "大连瓦房店鸿达轴承制造有限公司", "Dalian Wafangdian Hongda Bearing Manufacturing Co., Ltd.", "210281", "辽宁省大连市瓦房店市"),
        new(OrganisationKind.Enterprise, null, "大连金州数控机床有限公司", "Dalian Jinzhou CNC Machine Tool Co., Ltd.", "210213", "辽宁省大连市金州区"),
        new(OrganisationKind.Enterprise, null, "大连芯拓微电子有限公司", "Dalian Xintuo Microelectronics Co., Ltd.", "210213", "辽宁省大连市金州区"),
        new(OrganisationKind.Enterprise, null, "大连星海云软件科技有限公司", "Dalian Xinghaiyun Software Technology Co., Ltd.", "210211", "辽宁省大连市甘井子区"),
        new(OrganisationKind.Enterprise, null, "大连泽康生物制药有限公司", "Dalian Zekang Biopharmaceutical Co., Ltd.", "210213", "辽宁省大连市金州区"),
        new(OrganisationKind.Enterprise, null, "大连惠众医疗器械有限公司", "Dalian Huizhong Medical Devices Co., Ltd.", "210211", "辽宁省大连市甘井子区"),
        new(OrganisationKind.Enterprise, null, "大连庄河海韵海产食品有限公司", "Dalian Zhuanghe Haiyun Seafood Co., Ltd.", "210283", "辽宁省大连市庄河市"),
        new(OrganisationKind.Enterprise, null, "大连长海蓝湾海洋牧场有限公司", "Dalian Changhai Lanwan Marine Ranching Co., Ltd.", "210224", "辽宁省大连市长海县"),
        new(OrganisationKind.Enterprise, null, "大连氢源新能源科技有限公司", "Dalian Qingyuan New Energy Technology Co., Ltd.", "210213", "辽宁省大连市金州区"),
        new(OrganisationKind.Enterprise, null, "大连钒储新能源有限公司", "Dalian Fanchu New Energy Co., Ltd.", "210211", "辽宁省大连市甘井子区"),
        new(OrganisationKind.Enterprise, null, "大连港湾智慧物流有限公司", "Dalian Gangwan Smart Logistics Co., Ltd.", "210202", "辽宁省大连市中山区"),
        new(OrganisationKind.Enterprise, null, "大连筑城建设工程有限公司", "Dalian Zhucheng Construction Engineering Co., Ltd.", "210203", "辽宁省大连市西岗区"),
        new(OrganisationKind.Enterprise, null, "大连中轨轨道装备有限公司", "Dalian Zhonggui Rail Equipment Co., Ltd.", "210204", "辽宁省大连市沙河口区"),
        new(OrganisationKind.Enterprise, null, "大连沙河口精工阀门有限公司", "Dalian Shahekou Jinggong Valve Co., Ltd.", "210204", "辽宁省大连市沙河口区"),
        new(OrganisationKind.Enterprise, null, "大连瓦房店果丰农业科技有限公司", "Dalian Wafangdian Guofeng Agricultural Technology Co., Ltd.", "210281", "辽宁省大连市瓦房店市"),
        new(OrganisationKind.Enterprise, null, "大连庄河绿源蓝莓产业有限公司", "Dalian Zhuanghe Lüyuan Blueberry Industry Co., Ltd.", "210283", "辽宁省大连市庄河市"),
        new(OrganisationKind.Enterprise, null, "大连碧海环保科技有限公司", "Dalian Bihai Environmental Technology Co., Ltd.", "210211", "辽宁省大连市甘井子区"),
        new(OrganisationKind.Enterprise, null, "大连瑞丰服饰有限公司", "Dalian Ruifeng Apparel Co., Ltd.", "210214", "辽宁省大连市普兰店区"),
        new(OrganisationKind.Enterprise, null, "大连鲜享食品科技有限公司", "Dalian Xianxiang Food Technology Co., Ltd.", "210213", "辽宁省大连市金州区"),
        new(OrganisationKind.Enterprise, null, "大连碳元新材料有限公司", "Dalian Tanyuan New Materials Co., Ltd.", "210212", "辽宁省大连市旅顺口区"),
        new(OrganisationKind.Enterprise, null, "大连蓝鲸海洋工程装备有限公司", "Dalian Lanjing Offshore Engineering Equipment Co., Ltd.", "210213", "辽宁省大连市金州区"),
        new(OrganisationKind.Enterprise, null, "大连电控智联自动化有限公司", "Dalian Diankong Zhilian Automation Co., Ltd.", "210211", "辽宁省大连市甘井子区"),
        new(OrganisationKind.Enterprise, null, "沈阳浑南智造机器人有限公司", "Shenyang Hunnan Zhizao Robotics Co., Ltd.", "210112", "辽宁省沈阳市浑南区"),
        new(OrganisationKind.Enterprise, null, "沈阳北方航空精密制造有限公司", "Shenyang Beifang Aviation Precision Manufacturing Co., Ltd.", "210105", "辽宁省沈阳市皇姑区"),
        new(OrganisationKind.Enterprise, null, "鞍山钢城新材料有限公司", "Anshan Gangcheng New Materials Co., Ltd.", "210302", "辽宁省鞍山市铁东区"),
        new(OrganisationKind.Enterprise, null, "营口镁都耐火材料有限公司", "Yingkou Meidu Refractories Co., Ltd.", "210882", "辽宁省营口市大石桥市"),
        new(OrganisationKind.Enterprise, null, "锦州晶硅光伏科技有限公司", "Jinzhou Jinggui Photovoltaic Technology Co., Ltd.", "210711", "辽宁省锦州市太和区"),
        new(OrganisationKind.Enterprise, null, "北京中关村智图科技有限公司", "Beijing Zhongguancun Zhitu Technology Co., Ltd.", "110108", "北京市海淀区"),
        new(OrganisationKind.Enterprise, null, "上海张江启元生物医药有限公司", "Shanghai Zhangjiang Qiyuan Biopharma Co., Ltd.", "310115", "上海市浦东新区"),
        new(OrganisationKind.Enterprise, null, "深圳南山锂能科技有限公司", "Shenzhen Nanshan Lithium Energy Technology Co., Ltd.", "440305", "广东省深圳市南山区"),
        new(OrganisationKind.Enterprise, null, "苏州高新区纳微光电科技有限公司", "Suzhou Nawei Photonics Technology Co., Ltd.", "320505", "江苏省苏州市虎丘区"),
        new(OrganisationKind.Enterprise, null, "杭州西湖数智工业互联网有限公司", "Hangzhou Xihu Shuzhi Industrial Internet Co., Ltd.", "330106", "浙江省杭州市西湖区"),
    ];

    /// <summary>Tables 3-5 by Table 4's identification of the rows (万元).</summary>
    public static readonly LocalizationFact[] Localization =
    [
        new("Dalian Institute of Chemical Physics", 2022, 299, 101, 64272.10m, 6918.80m),
        new("Dalian Institute of Chemical Physics", 2023, 348, 131, 101753.04m, 42059.24m),
        new("Liaoning Ocean and Fisheries Science Research Institute", 2022, 78, 28, 3345.90m, 885.70m),
        new("Liaoning Ocean and Fisheries Science Research Institute", 2023, 92, 36, 4151.10m, 2640.20m),
        new("Dalian University of Technology", 2022, 541, 184, 50204.80m, 6663.20m),
        new("Dalian University of Technology", 2023, 829, 332, 74051.24m, 21552.04m),
        new("Dalian Maritime University", 2022, 333, 103, 13233.30m, 3882.30m),
        new("Dalian Maritime University", 2023, 509, 137, 21185.84m, 2721.94m),
        new("Dalian Minzu University", 2022, 66, 31, 1206.70m, 530.70m),
        new("Dalian Minzu University", 2023, 121, 59, 2917.50m, 1648.60m),
        new("Dalian Medical University", 2022, 29, 13, 407.40m, 176.00m),
        new("Dalian Medical University", 2023, 61, 41, 955.90m, 306.30m),
        new("Dalian Jiaotong University", 2022, 112, 59, 3473.40m, 852.10m),
        new("Dalian Jiaotong University", 2023, 92, 56, 2122.70m, 1098.40m),
        new("Liaoning Normal University", 2022, 42, 24, 1296.40m, 506.60m),
        new("Liaoning Normal University", 2023, 52, 38, 495.40m, 159.60m),
        new("Dalian Polytechnic University", 2022, 185, 124, 6375.10m, 3612.90m),
        new("Dalian Polytechnic University", 2023, 273, 188, 8521.50m, 4155.60m),
        new("Dalian Ocean University", 2022, 139, 58, 2858.60m, 689.50m),
        new("Dalian Ocean University", 2023, 191, 95, 2728.20m, 1473.50m),
        new("Dalian University", 2022, 52, 34, 2712.90m, 2188.00m),
        new("Dalian University", 2023, 95, 50, 1974.80m, 932.90m),
        new("Dalian Neusoft Institute of Information", 2022, 76, 54, 497.80m, 413.90m),
        new("Dalian Neusoft Institute of Information", 2023, 61, 43, 402.60m, 296.40m),
    ];

    /// <summary>
    /// Table 2: contracts as printed; volumes (万元) unrounded so that the printed 亿元 volumes, 2023
    /// shares and increases all round to the printed values (2021 volumes as printed).
    /// </summary>
    public static readonly FieldFact[] Fields =
    [
        new(TechnicalField.AdvancedManufacturing, [609, 426, 547], [1389000m, 1280954.1451m, 1609262.69m]),
        new(TechnicalField.UrbanConstructionAndSocialDevelopment, [245, 228, 378], [405000m, 1045991.6038m, 1022456.79m]),
        new(TechnicalField.ModernTraffic, [219, 149, 761], [14000m, 454874.3870m, 826870.66m]),
        new(TechnicalField.ElectronicInformation, [6244, 4685, 5661], [570000m, 625043.9641m, 706612.20m]),
        new(TechnicalField.NewEnergyAndEnergyEfficiency, [256, 285, 422], [568000m, 300042.3513m, 542116.52m]),
        new(TechnicalField.NewMaterials, [208, 202, 359], [34000m, 85002.4315m, 102087.92m]),
        new(TechnicalField.Aerospace, [138, 87, 108], [68000m, 49019.0729m, 96018.56m]),
        new(TechnicalField.EnvironmentalProtectionAndResources, [354, 489, 553], [150000m, 399605.8604m, 94386.90m]),
        new(TechnicalField.BiomedicineAndMedicalDevices, [200, 168, 251], [16000m, 28961.2627m, 54038.82m]),
        new(TechnicalField.Agriculture, [34, 32, 103], [2000m, 1010.7198m, 3360.34m]),
        new(TechnicalField.NuclearApplication, [0, 3, 3], [0m, 191.9139m, 588.60m]),
    ];

    /// <summary>Table 6.</summary>
    public static readonly CollaborationFact[] Collaboration =
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

    /// <summary>The fields an institution's contracts go to first (when the field's Table 2 budget has room).</summary>
    private static readonly Dictionary<string, TechnicalField[]> Preferred = new(StringComparer.Ordinal)
    {
        ["Dalian Institute of Chemical Physics"] = [TechnicalField.NewEnergyAndEnergyEfficiency, TechnicalField.NewMaterials],
        ["Liaoning Ocean and Fisheries Science Research Institute"] = [TechnicalField.Agriculture, TechnicalField.EnvironmentalProtectionAndResources],
        ["Dalian University of Technology"] = [TechnicalField.AdvancedManufacturing, TechnicalField.ElectronicInformation],
        ["Dalian Maritime University"] = [TechnicalField.ModernTraffic, TechnicalField.AdvancedManufacturing],
        ["Dalian Minzu University"] = [TechnicalField.ElectronicInformation],
        ["Dalian Medical University"] = [TechnicalField.BiomedicineAndMedicalDevices],
        ["Dalian Jiaotong University"] = [TechnicalField.ModernTraffic, TechnicalField.AdvancedManufacturing],
        ["Liaoning Normal University"] = [TechnicalField.UrbanConstructionAndSocialDevelopment],
        ["Dalian Polytechnic University"] = [TechnicalField.NewMaterials, TechnicalField.BiomedicineAndMedicalDevices],
        ["Dalian Ocean University"] = [TechnicalField.Agriculture, TechnicalField.EnvironmentalProtectionAndResources],
        ["Dalian University"] = [TechnicalField.UrbanConstructionAndSocialDevelopment, TechnicalField.BiomedicineAndMedicalDevices],
        ["Dalian Neusoft Institute of Information"] = [TechnicalField.ElectronicInformation],
    };

    private static readonly TechnicalField[] Fallback =
        [TechnicalField.ElectronicInformation, TechnicalField.AdvancedManufacturing, TechnicalField.UrbanConstructionAndSocialDevelopment, TechnicalField.ModernTraffic];

    private const decimal Wan = 10_000m;

    /// <summary>
    /// Adds the records to the context (not saved): the organisations that are missing (matched by English
    /// name), the contracts, joint R&amp;D institutions and spin-offs. Returns the number of contracts.
    /// </summary>
    public static async Task<int> AddAsync(AppDbContext db, Func<string, bool> isInHomeCity, DateTime now, CancellationToken ct)
    {
        var names = Organisations.Select(o => o.NameEn).ToList();
        var existing = await db.Organisations.Where(o => names.Contains(o.NameEn)).ToListAsync(ct);
        var byName = new Dictionary<string, Organisation>(StringComparer.Ordinal);
        foreach (var o in existing.Concat(db.Organisations.Local).Where(o => names.Contains(o.NameEn)))
        {
            byName.TryAdd(o.NameEn, o);
        }

        foreach (var fact in Organisations.Where(f => !byName.ContainsKey(f.NameEn)))
        {
            var organisation = new Organisation
            {
                Kind = fact.Kind, InstitutionType = fact.InstitutionType, NameZh = fact.NameZh, NameEn = fact.NameEn,
                RegionCode = fact.RegionCode, RegionName = fact.RegionName, Verification = VerificationStatus.Verified,
            };
            byName[fact.NameEn] = organisation;
            db.Organisations.Add(organisation);
        }

        var enterprises = Organisations.Where(o => o.Kind == OrganisationKind.Enterprise).Select(o => byName[o.NameEn]).ToList();
        var localBuyers = enterprises.Where(e => isInHomeCity(e.RegionCode)).ToList();
        var otherBuyers = enterprises.Where(e => !isInHomeCity(e.RegionCode)).ToList();
        var random = new Random(20_240_101);
        var sequence = 0;
        var contracts = new List<TechnologyContract>();

        // Each field-year's remaining budget of contracts and volume (yuan) after the institutions' contracts.
        var budget = Fields.SelectMany(f => FieldYears.Select((y, i) => (Key: (f.Field, y), Count: f.Contracts[i], Volume: f.VolumeWan[i] * Wan)))
            .ToDictionary(x => x.Key, x => (x.Count, x.Volume));

        foreach (var fact in Localization.OrderByDescending(f => f.AmountWan))
        {
            var seller = byName[fact.Institution];
            var groups = new[]
            {
                (Local: true, Count: fact.LocalProjects, Amount: fact.LocalAmountWan * Wan),
                (Local: false, Count: fact.Projects - fact.LocalProjects, Amount: (fact.AmountWan - fact.LocalAmountWan) * Wan),
            };
            foreach (var group in groups.Where(g => g.Count > 0))
            {
                var field = Preferred[fact.Institution].Concat(Fallback).First(f =>
                {
                    var (count, volume) = budget[(f, fact.Year)];
                    return count - group.Count >= 1 && volume - group.Amount >= (count - group.Count) * Wan;
                });
                var (c, v) = budget[(field, fact.Year)];
                budget[(field, fact.Year)] = (c - group.Count, v - group.Amount);
                var buyers = group.Local ? localBuyers : otherBuyers;
                foreach (var amount in Split(group.Amount, group.Count, random))
                {
                    contracts.Add(Contract(seller, buyers[random.Next(buyers.Count)], field, fact.Year, amount, random, ++sequence, isInHomeCity, now));
                }
            }
        }

        // The rest of Table 2: contracts sold by Dalian enterprises to buyers anywhere.
        foreach (var ((field, year), (count, volume)) in budget.OrderBy(b => b.Key.y).ThenBy(b => b.Key.Field))
        {
            foreach (var amount in Split(volume, count, random))
            {
                var seller = localBuyers[random.Next(localBuyers.Count)];
                var buyer = enterprises[random.Next(enterprises.Count)];
                if (buyer == seller)
                {
                    buyer = otherBuyers[random.Next(otherBuyers.Count)];
                }

                contracts.Add(Contract(seller, buyer, field, year, amount, random, ++sequence, isInHomeCity, now));
            }
        }

        db.Contracts.AddRange(contracts);
        AddCollaboration(db, byName, localBuyers, now);
        return contracts.Count;
    }

    private static void AddCollaboration(AppDbContext db, Dictionary<string, Organisation> byName, List<Organisation> partners, DateTime now)
    {
        var n = 0;
        foreach (var fact in Collaboration)
        {
            var institution = byName[fact.Institution];
            for (var i = 1; i <= fact.JointRdInstitutions; i++)
            {
                db.JointRdInstitutions.Add(new JointRdInstitution
                {
                    Name = $"{institution.NameZh}-{partners[n % partners.Count].NameZh}联合研发中心",
                    InstitutionId = institution.Id,
                    PartnerOrganisationIds = [partners[n++ % partners.Count].Id],
                    EstablishedOn = new DateOnly(2018 + (i % 5), 1 + (i * 3 % 12), 15),
                    Status = CollaborationStatus.Active,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }

            for (var i = 1; i <= fact.SpinOffs; i++)
            {
                var enterprise = new Organisation
                {
                    Kind = OrganisationKind.Enterprise,
                    NameZh = $"{institution.NameZh}衍生科技有限公司{i}",
                    NameEn = $"{institution.NameEn} spin-off {i}",
                    RegionCode = institution.RegionCode,
                    RegionName = institution.RegionName,
                    Verification = VerificationStatus.Verified,
                };
                db.Organisations.Add(enterprise);
                db.SpinOffs.Add(new SpinOff
                {
                    EnterpriseId = enterprise.Id,
                    InstitutionId = institution.Id,
                    Relation = i % 2 == 1 ? SpinOffRelation.Created : SpinOffRelation.Invested,
                    Date = new DateOnly(2019 + (i % 4), 1 + (i * 5 % 12), 1),
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }
        }
    }

    /// <summary>Splits a whole-yuan amount into <paramref name="count"/> positive whole-yuan parts that add up exactly.</summary>
    internal static IEnumerable<decimal> Split(decimal amount, int count, Random random)
    {
        if (count == 0)
        {
            yield break;
        }

        var weights = Enumerable.Range(0, count).Select(_ => 0.2 + random.NextDouble()).ToArray();
        var sum = weights.Sum();
        var left = amount;
        for (var i = 0; i < count - 1; i++)
        {
            var part = Math.Max(1m, Math.Floor(amount * (decimal)(weights[i] / sum)));
            left -= part;
            yield return part;
        }

        yield return left;
    }

    private static readonly ContractCategory[] Categories =
    [
        ContractCategory.DevelopmentCommissioned, ContractCategory.DevelopmentCommissioned, ContractCategory.DevelopmentCooperative,
        ContractCategory.Transfer, ContractCategory.Licence, ContractCategory.Consulting, ContractCategory.Service, ContractCategory.Service,
    ];

    /// <summary>
    /// The current year to date for each of the paper's institutions (a target's progress needs contracts to read): its 2023
    /// local and non-local contracts and amounts times the share of the year passed and a pace of its own (0.85 to 1.2, so
    /// some institutions run ahead of their target and some behind), signed and registered no later than today.
    /// </summary>
    internal static void AddYearToDate(AppDbContext db, Func<string, bool> isInHomeCity, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        var elapsed = (decimal)today.DayOfYear / (DateTime.IsLeapYear(today.Year) ? 366 : 365);
        var byName = db.Organisations.Local.Where(o => o.NameEn.Length > 0).GroupBy(o => o.NameEn, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var enterprises = Organisations.Where(o => o.Kind == OrganisationKind.Enterprise).Select(o => byName[o.NameEn]).ToList();
        var localBuyers = enterprises.Where(e => isInHomeCity(e.RegionCode)).ToList();
        var otherBuyers = enterprises.Where(e => !isInHomeCity(e.RegionCode)).ToList();
        decimal[] paces = [1.2m, 0.9m, 1.15m, 0.85m, 1.05m, 1.12m, 0.95m, 1.18m, 0.88m, 1.1m, 1m, 0.92m];
        var random = new Random(today.Year);
        // Numbers past the imported years' (2102 + year + 8 digits): no clash with a registry import of the same year.
        var sequence = 90_000_000;
        foreach (var (fact, pace) in Localization.Where(f => f.Year == 2023).OrderBy(f => f.Institution, StringComparer.Ordinal).Select((f, i) => (f, paces[i % paces.Length])))
        {
            var seller = byName[fact.Institution];
            var field = Preferred[fact.Institution][0];
            foreach (var (buyers, count, amountWan) in new[]
            {
                (localBuyers, fact.LocalProjects, fact.LocalAmountWan),
                (otherBuyers, fact.Projects - fact.LocalProjects, fact.AmountWan - fact.LocalAmountWan),
            })
            {
                var n = (int)Math.Round(count * pace * elapsed, MidpointRounding.AwayFromZero);
                var amount = Math.Max(n, Math.Round(amountWan * Wan * pace * elapsed, 0));
                foreach (var part in Split(amount, n, random))
                {
                    db.Contracts.Add(Contract(seller, buyers[random.Next(buyers.Count)], field, today.Year, part, random, ++sequence, isInHomeCity, now, today));
                }
            }
        }
    }

    private static TechnologyContract Contract(Organisation seller, Organisation buyer, TechnicalField field, int year, decimal amount,
        Random random, int sequence, Func<string, bool> isInHomeCity, DateTime now, DateOnly? until = null)
    {
        var category = Categories[random.Next(Categories.Length)];
        var signed = new DateOnly(year, 1, 1).AddDays(random.Next(0, until is { } last ? Math.Max(1, last.DayOfYear - 14) : 350));
        var registered = signed.AddDays(random.Next(1, 15));
        registered = until is { } end && registered > end ? end : registered;
        var contract = new TechnologyContract
        {
            RegistrationNumber = $"2102{year}{sequence:D8}",
            ProjectName = ContractNames.Name(field, category, random),
            Category = category,
            TransformationMode = category switch
            {
                ContractCategory.Transfer => TransformationMode.Transfer,
                ContractCategory.Licence => TransformationMode.Licence,
                ContractCategory.DevelopmentCommissioned or ContractCategory.DevelopmentCooperative => TransformationMode.JointDevelopment,
                _ => TransformationMode.TechnicalService,
            },
            SellerOrganisationId = seller.Id,
            SellerNatureCode = ContractNames.NatureCode(seller),
            SellerRegionCode = seller.RegionCode,
            BuyerOrganisationId = buyer.Id,
            BuyerNatureCode = ContractNames.NatureCode(buyer),
            BuyerRegionCode = buyer.RegionCode,
            Field = field,
            TotalAmount = amount,
            TechnologyIncome = ContractNames.TechnologyIncome(category, amount, random),
            SignedOn = signed,
            RegisteredOn = registered.Year == year ? registered : new DateOnly(year, 12, 31),
            Source = ContractSource.Import,
            CreatedAt = now,
            UpdatedAt = now,
        };
        contract.Derive(isInHomeCity);
        return contract;
    }
}
