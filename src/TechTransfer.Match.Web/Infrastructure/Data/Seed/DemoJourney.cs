using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Contracts;

namespace TechTransfer.Match.Web.Infrastructure.Data.Seed;

/// <summary>
/// The demo's work in progress, so that every role's workspace opens with something to do: interests
/// accepted and pending between the demo institution and the demo firms, deals at every stage brokered by
/// the demo technology manager (one signed with its contract), organisations and membership requests
/// waiting for the administrator, validation projects, and the notifications of a week of that work.
/// Records are shaped as the use cases write them; no domain events are raised (as for the seeded
/// listings), so the notifications are written here with their dates spread over the last week.
/// </summary>
internal sealed class DemoJourney(AppDbContext db, UserManager<AppUser> users, PlatformOptions platform, DateTime now, string password)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<(Entity Entity, DateTime At)> _backdated = [];

    public async Task SeedAsync(Guid researcherId, Guid enterpriseId, Guid enterprise2Id, Guid managerId, CancellationToken ct)
    {
        var researcher = await db.Users.SingleAsync(u => u.Id == researcherId, ct);
        var firms = await db.Users.Where(u => u.Id == enterpriseId || u.Id == enterprise2Id).ToListAsync(ct);
        var institution = researcher.OrganisationId!.Value;
        var pairs = Pairs(institution, firms.Select(f => f.OrganisationId!.Value).ToList());
        var firmOf = firms.ToDictionary(f => f.OrganisationId!.Value);

        // Accepted interests, each followed by a deal at one stage of the pipeline.
        DealStage[] stages = [DealStage.Proposed, DealStage.Contacted, DealStage.Negotiating, DealStage.Signed, DealStage.Closed, DealStage.Negotiating];
        var deals = new List<(Deal Deal, Interest Interest, Pair Pair)>();
        for (var i = 0; i < stages.Length && i < pairs.Count; i++)
        {
            var pair = pairs[i];
            var firm = firmOf[pair.BuyerId];
            // One pair a day over the last week; the later stages had time to get there.
            var interest = NewInterest(pair, firm, InterestStatus.Accepted, daysAgo: 7.5 - i, researcherId);
            var deal = NewDeal(pair, interest, managerId, stages[i], openedDaysAgo: 7 - i);
            deals.Add((deal, interest, pair));
        }

        // Pending interests: the researcher decides three, the firm one.
        var pending = new List<Interest>();
        foreach (var pair in pairs.Skip(stages.Length).Take(3))
        {
            pending.Add(NewInterest(pair, firmOf[pair.BuyerId], InterestStatus.Pending, daysAgo: pending.Count + 1, null));
        }

        var asked = pairs.Skip(stages.Length + 3).FirstOrDefault();
        Interest? fromResearcher = null;
        if (asked is not null)
        {
            fromResearcher = new Interest
            {
                NeedId = asked.NeedId, FromOrganisationId = institution, FromUserId = researcherId, ToOrganisationId = asked.BuyerId,
                Message = "我们的成果与贵公司的需求高度契合，希望进一步交流技术指标与合作方式。", Status = InterestStatus.Pending,
            };
            db.Interests.Add(fromResearcher);
            Backdate(fromResearcher, 2.5);
        }

        await db.SaveChangesAsync(ct);
        var signed = deals.FirstOrDefault(d => d.Deal.Stage == DealStage.Signed);
        if (signed.Deal is not null)
        {
            await RecordContractAsync(signed.Deal, signed.Pair, ct);
        }

        await DemoTrials.AddAsync(db, institution, [.. firms.Select(f => f.OrganisationId!.Value)], signed.Deal, now, ct);
        await DemoRiskPool.AddAsync(db, institution, now, ct);

        AddValidationProjects(institution);
        await AddAdministratorQueuesAsync(institution, firms[0].OrganisationId!.Value, ct);
        AddNotifications(researcherId, managerId, firmOf, deals, pending, fromResearcher);
        await db.SaveChangesAsync(ct);

        // The save stamps CreatedAt with the clock; the demo's history is set afterwards.
        foreach (var (entity, at) in _backdated)
        {
            entity.CreatedAt = at;
        }

        await db.SaveChangesAsync(ct);
    }

    internal sealed record Pair(Guid AchievementId, string AchievementTitle, TechnicalField Field, Guid NeedId, string NeedTitle, Guid BuyerId, Guid SellerId);

    /// <summary>
    /// Achievement-need pairs that a reader would also make: same field first, then shared keywords in
    /// the need's text; each achievement and need at most once.
    /// </summary>
    private List<Pair> Pairs(Guid institution, List<Guid> firms)
    {
        var achievements = db.Achievements.Local.Where(a => a.OrganisationId == institution).ToList();
        var needs = db.Needs.Local.Where(n => firms.Contains(n.OrganisationId)).ToList();
        var candidates = from n in needs
                         from a in achievements
                         let text = n.Title + n.Background + n.Scenario
                         let shared = a.Keywords.Count(k => k.Length > 1 && text.Contains(k, StringComparison.OrdinalIgnoreCase))
                         let score = (a.Field == n.Field ? 2 : 0) + shared
                         orderby score descending, a.Title, n.Title
                         select (a, n, score);
        var pairs = new List<Pair>();
        var usedAchievements = new HashSet<Guid>();
        var needUse = new Dictionary<Guid, int>();
        foreach (var (a, n, _) in candidates)
        {
            // A need may hear from two achievements: seven firm needs, ten pairs.
            if (usedAchievements.Contains(a.Id) || needUse.GetValueOrDefault(n.Id) >= 2)
            {
                continue;
            }

            usedAchievements.Add(a.Id);
            needUse[n.Id] = needUse.GetValueOrDefault(n.Id) + 1;
            pairs.Add(new Pair(a.Id, a.Title, a.Field, n.Id, n.Title, n.OrganisationId, a.OrganisationId));
        }

        return pairs;
    }

    private Interest NewInterest(Pair pair, AppUser firm, InterestStatus status, double daysAgo, Guid? decidedBy)
    {
        var interest = new Interest
        {
            AchievementId = pair.AchievementId,
            FromOrganisationId = pair.BuyerId,
            FromUserId = firm.Id,
            ToOrganisationId = pair.SellerId,
            Message = $"我公司的需求“{pair.NeedTitle}”与贵方成果相关，希望了解技术细节、许可方式和报价。",
            Status = status,
            DecidedBy = decidedBy,
            DecidedAt = decidedBy is null ? null : now.AddDays(-daysAgo + 0.3),
        };
        db.Interests.Add(interest);
        Backdate(interest, daysAgo);
        return interest;
    }

    private Deal NewDeal(Pair pair, Interest interest, Guid managerId, DealStage stage, double openedDaysAgo)
    {
        var opened = now.AddDays(-openedDaysAgo);
        var deal = new Deal
        {
            Title = pair.AchievementTitle + " × " + pair.NeedTitle,
            InterestId = interest.Id,
            AchievementId = pair.AchievementId,
            // the pair's need: its proposals then read as brokered (the seeded interests predate the proposals)
            NeedId = pair.NeedId,
            SellerOrganisationId = pair.SellerId,
            BuyerOrganisationId = pair.BuyerId,
            ManagerUserId = managerId,
            Stage = DealStage.Proposed,
            ProposedAt = now.AddDays(-openedDaysAgo - 0.5),
        };
        deal.Events.Add(new DealEvent { DealId = deal.Id, Kind = DealEventKind.Opened, ToStage = DealStage.Proposed, ByUserId = managerId, At = opened, Note = "双方意向已确认，开始对接。" });
        deal.Events.Add(new DealEvent { DealId = deal.Id, Kind = DealEventKind.Assigned, Note = managerId.ToString(), ByUserId = managerId, At = opened });
        var at = opened;
        foreach (var (to, note) in Path(stage))
        {
            at = at.AddHours(20);
            deal.Events.Add(new DealEvent { DealId = deal.Id, Kind = DealEventKind.StageChanged, FromStage = deal.Stage, ToStage = to, Note = note, ByUserId = managerId, At = at });
            deal.Stage = to;
            if (to is DealStage.Contacted or DealStage.Negotiating or DealStage.Signed)
            {
                deal.FirstContactAt ??= at;
            }

            deal.SignedAt = to == DealStage.Signed ? at : deal.SignedAt;
            if (to == DealStage.Closed)
            {
                deal.ClosedAt = at;
                deal.CloseReason = DealCloseReason.PriceDisagreement;
            }
        }

        if (!deal.IsTerminal)
        {
            deal.NextStep = stage == DealStage.Proposed ? "电话联系双方，确认首次会面时间" : "整理双方意见，约定下一轮谈判";
            deal.NextStepOn = DateOnly.FromDateTime(now.AddDays(3));
            deal.Events.Add(new DealEvent { DealId = deal.Id, Kind = DealEventKind.Note, Note = "已与企业技术负责人沟通需求细节。", NextStepOn = deal.NextStepOn, ByUserId = managerId, At = at.AddHours(4) });
        }

        db.Deals.Add(deal);
        return deal;
    }

    private static IEnumerable<(DealStage To, string Note)> Path(DealStage stage)
    {
        if (stage == DealStage.Proposed)
        {
            yield break;
        }

        yield return (DealStage.Contacted, "已组织双方线上会谈，企业提供了工况参数。");
        if (stage == DealStage.Contacted)
        {
            yield break;
        }

        yield return (DealStage.Negotiating, "进入许可费与分期付款条件的谈判。");
        if (stage == DealStage.Negotiating)
        {
            yield break;
        }

        yield return stage == DealStage.Signed
            ? (DealStage.Signed, "双方签署技术许可合同。")
            : (DealStage.Closed, "企业预算不足，双方同意暂停合作。");
    }

    /// <summary>The signed deal's contract, recorded as the contract form does for a deal (ContractRecording).</summary>
    private async Task RecordContractAsync(Deal deal, Pair pair, CancellationToken ct)
    {
        var signedOn = DateOnly.FromDateTime(deal.SignedAt!.Value);
        var input = new ContractInput(null, pair.AchievementTitle + "技术许可", ContractCategory.Licence, TransformationMode.Licence,
            null, null, null, null, null, null, pair.Field, 1_200_000m, 980_000m, signedOn, null, signedOn, signedOn.AddYears(3), null, null, deal.Id);
        var result = await ContractRecording.RecordAsync(db, input, deal, platform, ct);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException("Demo contract: " + result.Error?.Message);
        }
    }

    private void AddValidationProjects(Guid institution)
    {
        var achievements = db.Achievements.Local.Where(a => a.OrganisationId == institution && a.Trl is not null).Take(2).ToList();
        var today = DateOnly.FromDateTime(now);
        for (var i = 0; i < achievements.Count; i++)
        {
            var a = achievements[i];
            var completed = i == 0;
            db.ValidationProjects.Add(new ValidationProject
            {
                AchievementId = a.Id,
                InstitutionId = institution,
                Name = a.Title + (completed ? "概念验证" : "中试验证"),
                Kind = completed ? ValidationProjectKind.ConceptValidation : ValidationProjectKind.Pilot,
                Platform = completed ? "大连理工大学概念验证中心" : "大连市中试基地",
                TrlBefore = Math.Max(1, a.Trl!.Value - 1),
                TrlAfter = completed ? a.Trl : null,
                StartedOn = today.AddMonths(completed ? -10 : -3),
                CompletedOn = completed ? today.AddMonths(-2) : null,
                Status = completed ? ValidationProjectStatus.Completed : ValidationProjectStatus.Running,
            });
        }
    }

    /// <summary>Two organisations waiting for verification and two people asking to join, as registration leaves them.</summary>
    private async Task AddAdministratorQueuesAsync(Guid institution, Guid firm, CancellationToken ct)
    {
        (string Email, string Role, Organisation Organisation)[] registered =
        [
            ("newfirm@demo.techtransfer.local", Roles.EnterpriseMember, new Organisation
            {
                Kind = OrganisationKind.Enterprise, NameZh = "大连海创智能装备有限公司", NameEn = "Dalian Haichuang Intelligent Equipment Co., Ltd.",
                CreditCode = "91210213MA0Y8K2X5T", RegionCode = "210213", RegionName = "金州区", Industry = "智能装备制造",
            }),
            ("newlab@demo.techtransfer.local", Roles.InstitutionMember, new Organisation
            {
                Kind = OrganisationKind.Institution, InstitutionType = Domain.InstitutionType.ResearchInstitute,
                NameZh = "大连先进材料研究院", NameEn = "Dalian Institute of Advanced Materials", RegionCode = "210204", RegionName = "沙河口区",
            }),
        ];
        var day = 1.5;
        foreach (var (email, role, organisation) in registered)
        {
            organisation.Verification = VerificationStatus.Pending;
            db.Organisations.Add(organisation);
            var user = await CreateUserAsync(email, role, organisation.Id);
            db.MembershipRequests.Add(new MembershipRequest
            {
                UserId = user.Id, OrganisationId = organisation.Id, Status = MembershipStatus.Approved, DecidedBy = user.Id, Message = "Registered the organisation.",
            });
            Backdate(organisation, day++);
        }

        (string Email, string Role, Guid Organisation, string Message)[] joining =
        [
            ("joiner@demo.techtransfer.local", Roles.InstitutionMember, institution, "我是材料学院的青年教师，申请加入本单位以发布科研成果。"),
            ("joiner2@demo.techtransfer.local", Roles.EnterpriseMember, firm, "我是技术部工程师，负责公司技术需求的发布与对接。"),
        ];
        foreach (var (email, role, organisation, message) in joining)
        {
            var user = await CreateUserAsync(email, role, null);
            var request = new MembershipRequest { UserId = user.Id, OrganisationId = organisation, Message = message };
            db.MembershipRequests.Add(request);
            Backdate(request, day++);
        }
    }

    private async Task<AppUser> CreateUserAsync(string email, string role, Guid? organisationId)
    {
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = DemoPeople.NameOf(email), OrganisationId = organisationId, CreatedAt = now.AddDays(-3),
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo user {email}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        return user;
    }

    /// <summary>What the handlers (NotificationHandlers) would have told each person, dated when it happened.</summary>
    private void AddNotifications(Guid researcherId, Guid managerId, Dictionary<Guid, AppUser> firmOf,
        List<(Deal Deal, Interest Interest, Pair Pair)> deals, List<Interest> pending, Interest? fromResearcher)
    {
        foreach (var (deal, interest, _) in deals)
        {
            var firm = firmOf[deal.BuyerOrganisationId].Id;
            var asked = _backdated.First(b => b.Entity == interest).At;
            Notify(researcherId, NotificationKind.InterestReceived,
                new InterestExpressed(interest.Id, null, interest.AchievementId, null, interest.FromOrganisationId, interest.ToOrganisationId), $"/interests/{interest.Id}", asked);
            Notify(firm, NotificationKind.InterestAccepted,
                new InterestAccepted(interest.Id, interest.FromOrganisationId, interest.ToOrganisationId, researcherId), $"/interests/{interest.Id}", interest.DecidedAt!.Value);
            Notify(managerId, NotificationKind.DealAssigned, new DealAssigned(deal.Id, managerId, null), $"/deals/{deal.Id}", deal.Events[0].At);
            foreach (var change in deal.Events.Where(e => e.Kind == DealEventKind.StageChanged))
            {
                var data = new DealStageChanged(deal.Id, change.FromStage!.Value, change.ToStage!.Value, change.ToStage == DealStage.Closed ? deal.CloseReason : null,
                    managerId, deal.SellerOrganisationId, deal.BuyerOrganisationId);
                Notify(researcherId, NotificationKind.DealStageChanged, data, $"/deals/{deal.Id}", change.At);
                Notify(firm, NotificationKind.DealStageChanged, data, $"/deals/{deal.Id}", change.At);
            }

        }

        foreach (var interest in pending)
        {
            Notify(researcherId, NotificationKind.InterestReceived,
                new InterestExpressed(interest.Id, null, interest.AchievementId, null, interest.FromOrganisationId, interest.ToOrganisationId),
                $"/interests/{interest.Id}", _backdated.First(b => b.Entity == interest).At);
        }

        if (fromResearcher is not null && firmOf.TryGetValue(fromResearcher.ToOrganisationId, out var asked2))
        {
            Notify(asked2.Id, NotificationKind.InterestReceived,
                new InterestExpressed(fromResearcher.Id, null, null, fromResearcher.NeedId, fromResearcher.FromOrganisationId, fromResearcher.ToOrganisationId),
                $"/interests/{fromResearcher.Id}", _backdated.First(b => b.Entity == fromResearcher).At);
        }
    }

    private void Notify(Guid userId, NotificationKind kind, object data, string link, DateTime at)
    {
        var notification = new Notification
        {
            UserId = userId, Kind = kind, Data = JsonSerializer.Serialize(data, data.GetType(), Json), Link = link,
            // What happened more than two days ago has been seen.
            ReadAt = at < now.AddDays(-2) ? at.AddHours(2) : null,
        };
        db.Notifications.Add(notification);
        _backdated.Add((notification, at));
    }

    private void Backdate(Entity entity, double daysAgo) => _backdated.Add((entity, now.AddDays(-daysAgo)));
}
