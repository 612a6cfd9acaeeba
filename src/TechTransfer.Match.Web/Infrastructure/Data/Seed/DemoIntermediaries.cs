using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Seed;

/// <summary>
/// The demo's intermediary filings and certified managers (docs/programmes.md, Intermediary filing and manager
/// performance): Xinghuo filed and valid (in the public directory), Zhiquan filed but expired (the yearly review's
/// queue, out of the directory), the Jinpu centre submitted and waiting; the demo manager with training hours this
/// year, and a second manager of Zhiquan whose certification expired (no broker powers until renewed).
/// </summary>
public static class DemoIntermediaries
{
    public const string ExpiredManagerEmail = "manager2@demo.techtransfer.local";

    public static async Task SeedAsync(
        AppDbContext db, UserManager<AppUser> users, string? password, DateTime now, IReadOnlyDictionary<string, Organisation> byKey, IReadOnlyDictionary<string, Guid> created, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now);
        db.IntermediaryFilings.Add(Filing(byKey["dl-ttc"].Id, FilingState.Filed, "李晓东", "0411-84706231", "filing@xinghuo.example.cn",
            IntermediaryServices.TechnologyEvaluation | IntermediaryServices.ContractRegistration | IntermediaryServices.LegalAdvice, now).FiledOn(today.AddMonths(-4), "大科技备〔2026〕017号"));
        db.IntermediaryFilings.Add(Filing(byKey["dl-ip"].Id, FilingState.Filed, "孙慧", "0411-82653310", "office@zhiquan-ip.example.cn",
            IntermediaryServices.IntellectualProperty | IntermediaryServices.AssetValuation, now).FiledOn(today.AddYears(-1).AddDays(-12), "大科技备〔2025〕009号"));
        var jinpu = await db.Organisations.Where(o => o.NameZh == "大连金普新区科技创新服务中心").Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
        if (jinpu is { } jinpuId)
        {
            var submitted = Filing(jinpuId, FilingState.Submitted, "周琳", "0411-87651200", "service@jinpu.example.cn",
                IntermediaryServices.TechnologyEvaluation | IntermediaryServices.IntellectualProperty, now);
            submitted.SubmittedAt = now.AddDays(-3);
            db.IntermediaryFilings.Add(submitted);
        }

        await db.SaveChangesAsync(ct);
        if (created.TryGetValue("manager@demo.techtransfer.local", out var managerId))
        {
            await db.TechnologyManagerProfiles.Where(p => p.UserId == managerId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.CertificationIssuedOn, today.AddYears(-1).AddMonths(-2)), ct);
            AddTraining(db, managerId, today, ("技术经理人中级培训（第三期）", 32m, "大连理工大学技术转移中心", 150), ("技术合同认定登记实务", 8m, "大连市科学技术局", 60),
                ("专利许可与作价入股", 12m, "辽宁省知识产权局", 20));
        }

        if (string.IsNullOrWhiteSpace(password) || created.Count == 0)
        {
            return;
        }

        var expired = new AppUser
        {
            UserName = ExpiredManagerEmail, Email = ExpiredManagerEmail, EmailConfirmed = true, DisplayName = DemoPeople.NameOf(ExpiredManagerEmail), OrganisationId = byKey["dl-ip"].Id, CreatedAt = now,
        };
        if (!(await users.CreateAsync(expired, password)).Succeeded)
        {
            throw new InvalidOperationException("Demo user " + ExpiredManagerEmail + " could not be created.");
        }

        db.TechnologyManagerProfiles.Add(new TechnologyManagerProfile
        {
            UserId = expired.Id, OrganisationId = byKey["dl-ip"].Id, Bio = "知识产权运营方向的技术经理人；认定已过期，待续期。",
            CertificationNumber = "JSJLR-2023-210200-0058", CertificationLevel = CertificationLevel.Junior, IssuingBody = "大连市科学技术局",
            CertificationIssuedOn = today.AddYears(-3), CertificationExpiresOn = today.AddDays(-20), Verification = VerificationStatus.Verified, VerifiedAt = now.AddYears(-3),
        });
        AddTraining(db, expired.Id, today, ("知识产权运营实务", 6m, "辽宁省知识产权局", 90));
        await db.SaveChangesAsync(ct);
    }

    private static IntermediaryFiling Filing(Guid organisationId, FilingState state, string contact, string phone, string email, IntermediaryServices services, DateTime now) => new()
    {
        OrganisationId = organisationId, State = state, Services = services, ContactName = contact, ContactPhone = phone, ContactEmail = email, SubmittedAt = now.AddDays(-30),
        Staff =
        [
            new FilingStaffMember { Name = contact, Role = "负责人", Credential = "" },
            new FilingStaffMember { Name = "王浩", Role = "技术经理人", Credential = "JSJLR-2024-210200-0017" },
            new FilingStaffMember { Name = "陈静", Role = "专利代理师", Credential = "专利代理师资格证 2019-0431" },
        ],
        Credentials = [new FilingCredential { Name = "营业执照", Number = "9121021143471" + organisationId.ToString("N")[..5].ToUpperInvariant(), Issuer = "大连市市场监督管理局" }],
    };

    private static IntermediaryFiling FiledOn(this IntermediaryFiling filing, DateOnly on, string number)
    {
        filing.FiledOn = on;
        filing.ExpiresOn = on.AddYears(1);
        filing.FilingNumber = number;
        return filing;
    }

    private static void AddTraining(AppDbContext db, Guid userId, DateOnly today, params (string Course, decimal Hours, string Provider, int DaysAgo)[] trainings)
    {
        foreach (var (course, hours, provider, daysAgo) in trainings)
        {
            db.ManagerTrainings.Add(new ManagerTraining { UserId = userId, On = today.AddDays(-daysAgo), Course = course, Hours = hours, Provider = provider });
        }
    }
}
