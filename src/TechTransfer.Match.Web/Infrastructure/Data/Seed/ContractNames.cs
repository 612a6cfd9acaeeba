using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Seed;

/// <summary>
/// Project names and technical-income shares for the demo's registry records, shaped like real registrations
/// ("焊接机器人视觉引导系统技术开发（委托）合同") rather than numbered placeholders.
/// </summary>
internal static class ContractNames
{
    private static readonly Dictionary<TechnicalField, string[]> Topics = new()
    {
        [TechnicalField.ElectronicInformation] = ["工业互联网数据采集平台", "港口集装箱智能识别系统", "电力设备在线监测软件", "船舶通信导航终端", "边缘计算网关", "智能制造执行系统（MES）"],
        [TechnicalField.Aerospace] = ["航空发动机叶片表面强化", "卫星载荷热控组件", "无人机飞控系统", "航空复合材料构件检测"],
        [TechnicalField.AdvancedManufacturing] = ["焊接机器人视觉引导系统", "高精度数控机床主轴热变形补偿", "大型曲轴激光熔覆修复", "船用柴油机关键零件加工", "轴承套圈智能磨削生产线", "液压支架疲劳寿命评估"],
        [TechnicalField.BiomedicineAndMedicalDevices] = ["海洋生物活性肽制备", "医用可降解镁合金支架", "中药提取物质量控制", "体外诊断试剂盒", "康复训练机器人"],
        [TechnicalField.NewMaterials] = ["高强度耐蚀海工钢", "碳化硅陶瓷膜制备", "石墨烯导热膜", "锂电池隔膜涂层", "高性能聚酰亚胺薄膜"],
        [TechnicalField.NewEnergyAndEnergyEfficiency] = ["质子交换膜燃料电池电堆", "全钒液流电池储能系统", "工业余热回收利用", "氢气纯化装置", "光伏组件清洗机器人"],
        [TechnicalField.EnvironmentalProtectionAndResources] = ["石化废水深度处理", "海水淡化反渗透膜抗污染", "挥发性有机物催化燃烧", "固体废物资源化利用", "近海生态修复"],
        [TechnicalField.NuclearApplication] = ["辐照灭菌工艺优化", "核电设备无损检测", "同位素示踪分析"],
        [TechnicalField.Agriculture] = ["海参苗种繁育", "设施蔬菜水肥一体化", "水产品冷链保鲜", "苹果病虫害绿色防控"],
        [TechnicalField.ModernTraffic] = ["轨道车辆转向架检测", "港口自动化集卡调度", "船舶压载水处理", "城市公交智能调度"],
        [TechnicalField.UrbanConstructionAndSocialDevelopment] = ["建筑垃圾再生骨料", "城市地下管网泄漏检测", "装配式建筑节点连接", "老旧小区节能改造"],
    };

    private static string Suffix(ContractCategory category) => category switch
    {
        ContractCategory.DevelopmentCommissioned => "技术开发（委托）合同",
        ContractCategory.DevelopmentCooperative => "技术开发（合作）合同",
        ContractCategory.Transfer => "专利权转让合同",
        ContractCategory.Licence => "专利实施许可合同",
        ContractCategory.Consulting => "技术咨询合同",
        _ => "技术服务合同",
    };

    public static string Name(TechnicalField field, ContractCategory category, Random random)
    {
        var topics = Topics[field];
        return topics[random.Next(topics.Length)] + Suffix(category);
    }

    /// <summary>
    /// The technical income (技术交易额) of a contract: development contracts carry equipment, materials and
    /// testing that are not technology, so their income is 70-95 % of the total; services 85-100 %; transfers,
    /// licences and consulting are all technology.
    /// </summary>
    public static decimal TechnologyIncome(ContractCategory category, decimal total, Random random)
    {
        var share = category switch
        {
            ContractCategory.DevelopmentCommissioned or ContractCategory.DevelopmentCooperative => 0.70 + (random.NextDouble() * 0.25),
            ContractCategory.Service => 0.85 + (random.NextDouble() * 0.15),
            _ => 1.0,
        };
        return Math.Max(1m, Math.Floor(total * (decimal)share));
    }

    /// <summary>The registry's nature code of a party: the institution's own, else the enterprise code 0310.</summary>
    public static string NatureCode(Organisation party) => party.NatureCode ?? "0310";
}
