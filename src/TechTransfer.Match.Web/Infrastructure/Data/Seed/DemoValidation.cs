using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Seed;

/// <summary>
/// The paper's two concept-validation centres (金普新区, 大连理工大学, §3.4) and a pilot base, with applications at
/// every stage; accepted and completed ones carry their collaboration record (ValidationProject) as the API writes it.
/// Also a few old, unanswered local needs on one theme, so the bureau's unmet-demand clusters show a group, already
/// turned into a draft guideline topic.
/// </summary>
internal static class DemoValidation
{
    private sealed record Stage(string Achievement, ValidationApplicationStatus Status, int TrlBefore, int? TrlAfter, string Plan, string? Reason = null);

    public static void Add(AppDbContext db, IReadOnlyDictionary<string, Organisation> byKey, DateTime now)
    {
        var jinpuHost = new Organisation
        {
            Kind = OrganisationKind.Intermediary, NameZh = "大连金普新区科技创新服务中心", NameEn = "Jinpu New Area Science and Technology Innovation Service Centre",
            RegionCode = "210213", RegionName = "辽宁省大连市金州区", Verification = VerificationStatus.Verified,
        };
        db.Organisations.Add(jinpuHost);
        var today = DateOnly.FromDateTime(now);

        Centre(db, "金普新区概念验证中心", "Jinpu New Area Concept Validation Centre", jinpuHost.Id, ValidationCentreKind.ConceptValidationCentre,
            "技术可行性验证、样机试制、商业化评估、知识产权布局；联合企业与孵化基地开展验证", "生物医药公共实验平台、智能装备样机试制车间",
            [TechnicalField.BiomedicineAndMedicalDevices, TechnicalField.ElectronicInformation, TechnicalField.AdvancedManufacturing, TechnicalField.Agriculture],
            "验证费用的70%由验证资金承担，其余由申请单位或合作企业承担", 4, "0411-87600000 · cvc@jinpu.example.cn", "210213", "辽宁省大连市金州区",
            today,
            [
                new("新型FGFR4选择性抑制剂抗肝癌候选药物", ValidationApplicationStatus.Submitted, 4, null, "完成候选化合物的药效学与初步毒理验证，形成临床前研究方案。"),
                new("仿生四足巡检机器人", ValidationApplicationStatus.InProgress, 5, null, "在化工园区巡检场景试制工程样机并开展三个月现场验证。"),
                new("Domain-adapted large language model", ValidationApplicationStatus.Declined, 5, null, "Validate the assistant with two local manufacturers.",
                    "软件类成果不在本中心的样机验证范围内，建议直接对接企业开展试用。"),
            ]);
        Centre(db, "大连理工大学概念验证中心", "Dalian University of Technology Concept Validation Centre", byKey["dut"].Id, ValidationCentreKind.ConceptValidationCentre,
            "原理样机验证、工艺放大验证、第三方检测对接、技术经理人全程服务", "精密加工与测量平台、材料制备与表征平台",
            [TechnicalField.NewMaterials, TechnicalField.AdvancedManufacturing, TechnicalField.NewEnergyAndEnergyEfficiency, TechnicalField.EnvironmentalProtectionAndResources],
            "校内成果免收平台费，检测与材料费按成本收取", 3, "0411-84700000 · poc@dlut.example.cn", "210211", "辽宁省大连市甘井子区",
            today,
            [
                new("低品位菱镁矿浮选提纯与高纯氧化镁制备", ValidationApplicationStatus.Completed, 3, 5, "在营口矿区取样，完成百公斤级浮选提纯与煅烧工艺验证。"),
                new("Laser-clad high-entropy alloy coatings", ValidationApplicationStatus.InProgress, 5, null, "Clad three hydraulic-support columns and test wear in a mine."),
            ]);
        Centre(db, "大连化物所中试基地", "DICP Pilot Base", byKey["dicp"].Id, ValidationCentreKind.PilotBase,
            "催化剂放大制备、千吨级工艺中试、工程化设计", "多功能催化中试装置、电池材料中试线",
            [TechnicalField.NewEnergyAndEnergyEfficiency, TechnicalField.NewMaterials, TechnicalField.EnvironmentalProtectionAndResources],
            "按中试装置台时收费，合作企业可共担", 2, "0411-84300000 · pilot@dicp.example.cn", "210204", "辽宁省大连市沙河口区",
            today,
            [
                new("合成气直接制低碳烯烃（OX-ZEO）技术", ValidationApplicationStatus.Completed, 4, 5, "千吨级中试装置连续运行1000小时。"),
                new("Long-cycle sodium-ion battery", ValidationApplicationStatus.InProgress, 4, null, "Build 10 Ah pouch cells on the pilot line and cycle them."),
            ]);
        UnmetNeeds(db, byKey, now);
    }

    private static void UnmetNeeds(AppDbContext db, IReadOnlyDictionary<string, Organisation> byKey, DateTime now)
    {
        (string Org, string Title, string Background, decimal Budget, int Age)[] needs =
        [
            ("lanwan-ranch", "海洋牧场海参养殖区水质在线监测与预警系统", "海洋牧场海参养殖区夏季高温期溶解氧和水温变化快，需要水质在线监测与预警系统，实时监测溶解氧、水温、盐度并自动预警。", 1_200_000m, 160),
            ("haiyun-seafood", "海参养殖池塘溶解氧与水温在线监测预警设备", "海参养殖池塘夏季溶解氧不足造成死亡，需要溶解氧、水温在线监测与预警设备，手机端实时查看并自动预警。", 600_000m, 200),
            ("xianxiang-food", "海参育苗车间水质在线监测与自动预警系统", "海参育苗车间需要溶解氧、水温、氨氮在线监测与预警系统，异常时自动预警并联动增氧设备。", 800_000m, 140),
        ];
        var added = new List<Need>();
        foreach (var (org, title, background, budget, age) in needs)
        {
            added.Add(new Need
            {
                OrganisationId = byKey[org].Id, Title = title, Background = background, Scenario = "海参养殖", BudgetMin = budget / 2, BudgetMax = budget,
                CooperationMode = CooperationMode.JointDevelopment, Field = TechnicalField.Agriculture, RequiredTrl = 7, Visibility = Visibility.Public,
                Status = ListingStatus.Published, PublishedAt = now.AddDays(-age), Deadline = DateOnly.FromDateTime(now.AddDays(200)),
            });
        }

        db.Needs.AddRange(added);
        // The cluster already turned into a draft topic of next year's guidelines (the year the guidelines page opens on).
        db.GuidelineTopics.Add(new GuidelineTopic
        {
            Title = "海参养殖水质在线监测与预警装备", Field = TechnicalField.Agriculture, Year = now.Year + 1,
            Summary = "面向大连海参养殖与育苗企业的共性需求：溶解氧、水温在线监测与自动预警。", NeedIds = [.. added.Select(n => n.Id)],
            CoFunderIds = [.. added.Select(n => n.OrganisationId).Distinct()], CombinedBudget = added.Sum(n => n.BudgetMax ?? 0), Status = GuidelineTopicStatus.Draft,
        });
    }

    private static void Centre(
        AppDbContext db, string name, string nameEn, Guid host, ValidationCentreKind kind, string services, string equipment, List<TechnicalField> fields,
        string fees, int capacity, string contact, string regionCode, string regionName, DateOnly today, Stage[] stages)
    {
        var centre = new ValidationCentre
        {
            Name = name, NameEn = nameEn, HostOrganisationId = host, Kind = kind, Services = services, Equipment = equipment, Fields = fields,
            Fees = fees, Capacity = capacity, Contact = contact, RegionCode = regionCode, RegionName = regionName,
        };
        db.ValidationCentres.Add(centre);
        var slot = 0;
        foreach (var (stage, i) in stages.Select((s, i) => (s, i)))
        {
            var achievement = db.Achievements.Local.First(a => a.Title.StartsWith(stage.Achievement, StringComparison.Ordinal));
            var start = today.AddDays(-150 + (i * 20));
            var application = new ValidationApplication
            {
                CentreId = centre.Id, AchievementId = achievement.Id, InstitutionId = achievement.OrganisationId, Plan = stage.Plan, Status = stage.Status,
                TrlBefore = stage.TrlBefore, TrlAfter = stage.TrlAfter, DeclineReason = stage.Reason,
            };
            if (stage.Status is ValidationApplicationStatus.InProgress or ValidationApplicationStatus.Completed)
            {
                var done = stage.Status == ValidationApplicationStatus.Completed;
                var project = new ValidationProject
                {
                    AchievementId = achievement.Id, InstitutionId = achievement.OrganisationId,
                    Name = string.Concat(achievement.Title.Length > 200 ? achievement.Title[..200] : achievement.Title, "（", name, "）"),
                    Kind = kind == ValidationCentreKind.PilotBase ? ValidationProjectKind.Pilot : ValidationProjectKind.ConceptValidation, Platform = name,
                    TrlBefore = stage.TrlBefore, TrlAfter = stage.TrlAfter, StartedOn = start, CompletedOn = done ? start.AddDays(120) : null,
                    Status = done ? ValidationProjectStatus.Completed : ValidationProjectStatus.Running,
                };
                db.ValidationProjects.Add(project);
                application.ValidationProjectId = project.Id;
                application.ScheduledStart = start;
                application.ScheduledEnd = start.AddDays(180);
                application.Slot = done ? null : ++slot;
                application.CompletedOn = project.CompletedOn;
                application.Milestones = [new ValidationMilestone { Title = "样机/样品制备完成", Date = start.AddDays(45) }];
                if (done)
                {
                    application.Milestones.Add(new ValidationMilestone { Title = "第三方检测通过", Date = start.AddDays(100), Note = "检测报告已归档" });
                    application.ReportText = "验证达到预期指标，成熟度提升，已形成可向企业转让的工艺包。";
                }
            }

            db.ValidationApplications.Add(application);
        }
    }
}
