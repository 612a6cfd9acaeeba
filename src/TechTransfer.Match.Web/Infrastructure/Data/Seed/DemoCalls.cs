using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Calls;

namespace TechTransfer.Match.Web.Infrastructure.Data.Seed;

/// <summary>
/// Two open calls (揭榜挂帅) of the demo: the demo firm's call closed with a winner (its deal waits on the managers'
/// board), the bureau's call open with proposals under review by the demo reviewer, and a bureau's call requiring the
/// solver organisation's consent with a proposal waiting for it. Closed with the platform's
/// own ranking rule; no events are stored, as for the rest of the seeded data.
/// </summary>
internal static class DemoCalls
{
    public const string ReviewerEmail = "reviewer@demo.techtransfer.local";
    public const string ColleagueEmail = "colleague@demo.techtransfer.local";

    public static async Task SeedAsync(AppDbContext db, UserManager<AppUser> users, string password, DateTime now, Guid researcherId, Guid enterpriseId, Guid bureauId, CancellationToken ct)
    {
        var solverA = (await db.Users.SingleAsync(u => u.Id == researcherId, ct)).OrganisationId!.Value;
        var firm = (await db.Users.SingleAsync(u => u.Id == enterpriseId, ct)).OrganisationId!.Value;
        var solverB = await db.Organisations.Where(o => o.Kind == OrganisationKind.Institution && o.RegionCode.StartsWith("2102") && o.Id != solverA)
            .OrderBy(o => o.NameZh).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
        var firmNeeds = await db.Needs.Where(n => n.OrganisationId == firm && n.Status == ListingStatus.Published).OrderBy(n => n.Title).Take(2).ToListAsync(ct);
        var otherNeed = await db.Needs.Where(n => n.OrganisationId != firm && n.Status == ListingStatus.Published && n.Organisation!.RegionCode.StartsWith("2102"))
            .OrderBy(n => n.Title).FirstOrDefaultAsync(ct);
        if (solverB is null || firmNeeds.Count == 0 || otherNeed is null)
        {
            return;
        }

        var reviewer = new AppUser { UserName = ReviewerEmail, Email = ReviewerEmail, EmailConfirmed = true, DisplayName = DemoPeople.NameOf(ReviewerEmail), CreatedAt = now };
        if (!(await users.CreateAsync(reviewer, password)).Succeeded)
        {
            throw new InvalidOperationException("Demo user " + ReviewerEmail + " was not created.");
        }

        await users.AddToRoleAsync(reviewer, Roles.Reviewer);
        // Not an achievement the journey already brokers with the firm's need: the winner's own deal then waits on the
        // managers' board (a call whose winning pair has an open deal names that deal instead, one open deal per pair).
        var brokered = await db.Deals.Where(d => d.OpenNeedId == firmNeeds[0].Id).Select(d => d.OpenAchievementId!.Value).ToListAsync(ct);
        var achievements = await db.Achievements.Where(a => a.OrganisationId == solverA && a.Status == ListingStatus.Published && !brokered.Contains(a.Id))
            .OrderBy(a => a.Title).Select(a => a.Id).Take(1).ToListAsync(ct);

        // The firm's call: answered by two institutions, reviewed, closed with a winner.
        var closed = NewCall("揭榜挂帅：" + firmNeeds[0].Title, firm, firmNeeds[0].Id, bureauId, now.AddDays(-40), deadline: now.AddDays(-5));
        var winner = Proposal(closed, solverA, researcherId, 1_200_000m, achievements, now.AddDays(-20));
        var runnerUp = Proposal(closed, solverB.Value, researcherId, 950_000m, [], now.AddDays(-15));
        db.AddRange(closed, winner, runnerUp);
        db.CallReviewers.Add(new CallReviewer { CallId = closed.Id, UserId = reviewer.Id, FinishedAt = now.AddDays(-3) });
        db.CallScores.AddRange(
            Score(closed, winner, reviewer.Id, [88, 85, 70], "方案成熟，已有中试基础；报价略高。"),
            Score(closed, runnerUp, reviewer.Id, [75, 70, 90], "报价有优势，但样机验证计划不够具体。"));
        closed.FinishedReviews = 1;
        await db.SaveChangesAsync(ct);
        await CallRanking.CloseAsync(db, closed, reviewer.Id, now.AddDays(-3), ct);

        // The bureau's call: open, two proposals, one of them scored so far.
        var open = NewCall("揭榜挂帅：" + otherNeed.Title, null, otherNeed.Id, bureauId, now.AddDays(-10), deadline: now.AddDays(20));
        var first = Proposal(open, solverA, researcherId, 800_000m, achievements, now.AddDays(-6));
        var second = Proposal(open, solverB.Value, researcherId, 700_000m, [], now.AddDays(-4));
        db.AddRange(open, first, second);
        db.CallReviewers.Add(new CallReviewer { CallId = open.Id, UserId = reviewer.Id });
        db.CallScores.Add(Score(open, first, reviewer.Id, [80, 80, 75], "技术路线清晰。"));
        // The bureau's call requiring the solver organisation's consent: a colleague of the demo researcher proposed, and the
        // researcher (a verified member of the same institution) finds it waiting on the organisation page.
        var consentNeed = await db.Needs.Where(n => n.OrganisationId != firm && n.Id != otherNeed.Id && n.Status == ListingStatus.Published && n.Organisation!.RegionCode.StartsWith("2102"))
            .OrderBy(n => n.Title).FirstOrDefaultAsync(ct);
        if (consentNeed is not null)
        {
            var colleague = new AppUser { UserName = ColleagueEmail, Email = ColleagueEmail, EmailConfirmed = true, DisplayName = "王工（课题组）", OrganisationId = solverA, CreatedAt = now };
            if (!(await users.CreateAsync(colleague, password)).Succeeded)
            {
                throw new InvalidOperationException("Demo user " + ColleagueEmail + " was not created.");
            }

            await users.AddToRoleAsync(colleague, Roles.InstitutionMember);
            var consentCall = NewCall("揭榜挂帅（须单位同意）：" + consentNeed.Title, null, consentNeed.Id, bureauId, now.AddDays(-3), deadline: now.AddDays(25));
            consentCall.RequiresConsent = true;
            var awaiting = Proposal(consentCall, solverA, colleague.Id, 650_000m, [], now.AddDays(-1));
            awaiting.Consent = ProposalConsent.Pending;
            db.AddRange(consentCall, awaiting);
        }

        foreach (var entry in db.ChangeTracker.Entries<Entity>())
        {
            entry.Entity.ClearDomainEvents();
        }

        await db.SaveChangesAsync(ct);
    }

    private static Call NewCall(string title, Guid? owner, Guid needId, Guid bureauId, DateTime publishedAt, DateTime deadline)
    {
        var call = new Call
        {
            Title = title.Length > 300 ? title[..300] : title, OwnerOrganisationId = owner, State = CallState.Open, PublishedAt = publishedAt, Deadline = deadline,
            Problem = "现有工艺无法稳定达到量化指标，面向高校院所公开征集解决方案，揭榜成功方与发榜方签订技术开发合同。",
            Targets = [new CallTarget { Name = "关键指标提升", Value = "≥30", Unit = "%" }, new CallTarget { Name = "中试验证周期", Value = "≤12", Unit = "月" }],
            Reward = 1_500_000m, RegionPrefix = "2102", EligibleKinds = [OrganisationKind.Institution],
            Criteria = [new CallCriterion { Name = "技术方案", Weight = 50 }, new CallCriterion { Name = "团队能力", Weight = 30 }, new CallCriterion { Name = "报价", Weight = 20 }],
        };
        call.Needs.Add(new CallNeed { CallId = call.Id, NeedId = needId, Status = CallNeedStatus.Accepted, ScreenedBy = bureauId, ScreenedAt = publishedAt.AddDays(-1) });
        return call;
    }

    private static CallProposal Proposal(Call call, Guid organisation, Guid by, decimal price, List<Guid> achievements, DateTime at)
    {
        call.ProposalCount++;
        return new CallProposal
        {
            CallId = call.Id, OrganisationId = organisation, SubmittedBy = by, Price = price, AchievementIds = achievements, CreatedAt = at,
            Approach = "依托已有成果，分小试、中试、现场验证三个阶段推进，每阶段形成测试报告。", Team = "教授 2 名、副教授 3 名、博士研究生 5 名",
            Milestones = [new CallMilestone { Title = "小试验证", Month = 3 }, new CallMilestone { Title = "中试线验证", Month = 8 }, new CallMilestone { Title = "现场应用", Month = 12 }],
        };
    }

    private static CallScore Score(Call call, CallProposal proposal, Guid reviewer, int[] scores, string remarks) => new()
    {
        CallId = call.Id, ProposalId = proposal.Id, ReviewerUserId = reviewer, Remarks = remarks,
        Scores = [.. scores.Select((s, i) => new CriterionScore { Criterion = i, Score = s })],
    };
}
