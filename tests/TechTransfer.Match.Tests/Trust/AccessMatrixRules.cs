using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using Xunit.Abstractions;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>The rules of the access matrix: who may call each endpoint, who acts, and the records each probe needs.</summary>
public abstract partial class AccessMatrixTests<TApp>
    where TApp : TestApp
{
    private static Rule[] Rules() =>
    [
        // Sign-in plumbing: open to anyone (rate limited), each acts on the caller's own account.
        new("Register", Everyone, Anon, _ => Task.FromResult(Post("/api/auth/register",
            new { email = $"m-{Guid.NewGuid():N}@tests.local", password = TestApp.Password, displayName = "矩阵", role = "EnterpriseMember" }, HttpStatusCode.Accepted))),
        new("Login", Everyone, Anon, c => Task.FromResult(Post("/api/auth/login", new { email = c.World.Researcher.Email, password = TestApp.Password }))),
        new("RefreshToken", Everyone, Anon, _ => Task.FromResult(Post("/api/auth/refresh", new { refreshToken = "forged" }, HttpStatusCode.Unauthorized))),
        new("ConfirmEmail", Everyone, Anon, c => Task.FromResult(Post("/api/auth/confirm-email", new { userId = c.FreshId, token = "x" }, HttpStatusCode.NoContent))),
        new("ResendConfirmation", Everyone, Anon, _ => Task.FromResult(Post("/api/auth/resend-confirmation", new { email = "x@tests.local" }, HttpStatusCode.Accepted))),
        new("RequestPasswordReset", Everyone, Anon, _ => Task.FromResult(Post("/api/auth/forgot-password", new { email = "x@tests.local" }, HttpStatusCode.Accepted))),
        new("ResetPassword", Everyone, Anon, c => Task.FromResult(Post("/api/auth/reset-password", new { email = "x@tests.local", token = "x", newPassword = "Brand#New9x" }, HttpStatusCode.BadRequest))),
        new("Logout", SignedIn, Fresh, async c => Post("/api/auth/logout", null, HttpStatusCode.NoContent) with { ActorClient = (await c.App.CreateUserAsync(Roles.EnterpriseMember)).Client }),
        new("ChangePassword", SignedIn, Fresh, _ => Task.FromResult(Post("/api/auth/change-password", new { currentPassword = "Wrong#Pass1", newPassword = "Brand#New9x" }, HttpStatusCode.BadRequest))),
        new("GetMe", SignedIn, Fresh, _ => Task.FromResult(Get("/api/auth/me"))),
        new("ListMySessions", SignedIn, Fresh, _ => Task.FromResult(Get("/api/auth/me/sessions"))),
        new("EndMySession", [], Res, async c => Delete($"/api/auth/me/sessions/{await SecondSessionAsync(c)}")),
        new("ExportMyData", SignedIn, Fresh, c => Task.FromResult(Get("/api/auth/me/export", c.World.Researcher.Email, [.. SignedIn.Where(p => p != Res)]))),
        new("EraseMyAccount", SignedIn, Fresh, _ => Task.FromResult(Post("/api/auth/me/erase", new { password = "Wrong#Pass1" }, HttpStatusCode.BadRequest))),

        // The site's own details (footer): public.
        new("GetPortal", Everyone, Anon, _ => Task.FromResult(Get("/api/portal"))),

        // Accounts and the audit log.
        new("SearchAccounts", [Admin], Admin, _ => Task.FromResult(Get("/api/accounts"))),
        new("GetAccount", [Admin], Admin, c => Task.FromResult(Get($"/api/accounts/{c.FreshId}"))),
        new("GrantRole", [Admin], Admin, c => Task.FromResult(Post($"/api/accounts/{c.FreshId}/roles", new { role = "Reviewer" }))),
        new("RevokeRole", [Admin], Admin, async c =>
        {
            await c.Clients[Admin].PostAsJsonAsync($"/api/accounts/{c.ApplicantId}/roles", new { role = "Reviewer" });
            return Delete($"/api/accounts/{c.ApplicantId}/roles/Reviewer", HttpStatusCode.OK);
        }),
        new("DeactivateAccount", [Admin], Admin, async c => Post($"/api/accounts/{await ThrowawayAsync(c)}/deactivate", new { reason = "矩阵测试" })),
        new("ReactivateAccount", [Admin], Admin, async c =>
        {
            var id = await ThrowawayAsync(c);
            await c.Clients[Admin].PostAsJsonAsync($"/api/accounts/{id}/deactivate", new { reason = "矩阵测试" });
            return Post($"/api/accounts/{id}/reactivate", null);
        }),
        new("SearchAuditLog", [Admin, Bureau], Bureau, _ => Task.FromResult(Get("/api/audit"))),
        new("ExportAuditLog", [Admin, Bureau], Bureau, _ => Task.FromResult(Get("/api/audit/export"))),

        // Organisations and membership.
        new("SearchOrganisations", Everyone, Anon, _ => Task.FromResult(Get("/api/organisations"))),
        new("GetOrganisation", Everyone, Anon, c => Task.FromResult(Get($"/api/organisations/{c.OrgA}"))),
        // Allowed writes are performed by a throwaway account of the same kind when they would change the persona itself.
        new("RegisterOrganisation", [Fresh, Admin, Res, Ent, OutEnt, OutInst], Fresh, async c => Post("/api/organisations",
            new { kind = "Enterprise", nameZh = $"矩阵企业{Guid.NewGuid():N}"[..10], regionCode = "210211", regionName = "大连市" }, HttpStatusCode.Created)
            with { ActorClient = (await c.App.CreateUserAsync(Roles.EnterpriseMember)).Client }),
        new("UpdateOrganisation", [Res, Admin], Res, async c => Put($"/api/organisations/{c.OrgA}", new
        {
            organisation = new { kind = "Institution", institutionType = "University", nameZh = $"矩阵大学{Guid.NewGuid():N}"[..10], regionCode = "210202", regionName = "大连市" },
            version = await VersionAsync(c.Clients[Res], $"/api/organisations/{c.OrgA}"),
        })),
        new("VerifyOrganisation", [Admin], Admin, async c => Post($"/api/organisations/{c.OrgA}/verification",
            new { status = "Verified", version = await VersionAsync(c.Clients[Res], $"/api/organisations/{c.OrgA}") })),
        // Anyone without an organisation may ask to join one (members of another get 409); the organisation decides.
        // Organisation identity: the drafts queue, confirming, correcting a kind, merging. Administrators only.
        new("ListDraftOrganisations", [Admin], Admin, _ => Task.FromResult(Get("/api/organisations/drafts"))),
        new("ConfirmDraftOrganisation", [Admin], Admin, async c =>
        {
            var (id, version) = await DraftOrganisationAsync(c);
            return Post($"/api/organisations/{id}/confirm", new { kind = "Enterprise", regionCode = "210211", version });
        }),
        new("CorrectOrganisationKind", [Admin], Admin, async c =>
        {
            var (id, version) = await DraftOrganisationAsync(c);
            return Put($"/api/organisations/{id}/kind", new { kind = "Institution", institutionType = "ResearchInstitute", version });
        }),
        new("PreviewOrganisationMerge", [Admin], Admin, async c => Get($"/api/organisations/{c.OrgA}/merge?source={(await DraftOrganisationAsync(c)).Id}")),
        new("MergeOrganisations", [Admin], Admin, async c =>
        {
            var (target, targetVersion) = await DraftOrganisationAsync(c);
            var (source, sourceVersion) = await DraftOrganisationAsync(c);
            return Post($"/api/organisations/{target}/merge", new { sourceId = source, sourceVersion, targetVersion });
        }),
        new("RequestMembership", SignedIn, Fresh, async c => Post($"/api/organisations/{c.OrgA}/membership-requests", new { message = "加入" }, HttpStatusCode.Created)
            with { ActorClient = (await c.App.CreateUserAsync(Roles.InstitutionMember)).Client }),
        new("ListMembershipRequests", [Res, Admin], Res, c => Task.FromResult(Get($"/api/organisations/{c.OrgA}/membership-requests"))),
        new("ApproveMembership", [Res, Admin], Res, async c => Post($"/api/organisations/{c.OrgA}/membership-requests/{await MembershipRequestAsync(c)}/approve", null)),
        new("RejectMembership", [Res, Admin], Res, async c => Post($"/api/organisations/{c.OrgA}/membership-requests/{await MembershipRequestAsync(c)}/reject", null)),
        new("ListDisclosures", [Res, Ent, OutEnt, OutInst], Res, c => Task.FromResult(Get("/api/organisations/mine/disclosures", c.World.Achievement.Id.ToString(),
            [OutEnt, OutInst, Ent]))),

        // Achievements and needs.
        new("SearchAchievements", Everyone, Anon, _ => Task.FromResult(Get("/api/achievements"))),
        new("GetAchievement", Everyone, Anon, c => Task.FromResult(Get($"/api/achievements/{c.World.Achievement.Id}", "ZL2023",
            [Anon, Fresh, Applicant, OutEnt, OutInst, Mgr, Bureau]))),
        new("MyAchievements", [Res, Ent, OutEnt, OutInst], Res, _ => Task.FromResult(Get("/api/achievements/mine"))),
        new("DraftAchievement", [Res, OutInst], Res, _ => Task.FromResult(Post("/api/achievements", Listings.Achievement("矩阵成果"), HttpStatusCode.Created))),
        new("ReviseAchievement", [Res, Admin], Res, async c => Put($"/api/achievements/{c.World.Achievement.Id}",
            new { achievement = Listings.Achievement("矩阵修订", b => b["visibility"] = "AfterConsent"), version = await VersionAsync(c.Clients[Res], $"/api/achievements/{c.World.Achievement.Id}") })),
        new("PublishAchievement", [Res, Admin], Res, async c =>
        {
            var draft = await c.Clients[Res].DraftAsync("achievements", Listings.Achievement("矩阵发布"));
            return Post($"/api/achievements/{draft.Id}/publish", new { version = draft.Version });
        }),
        new("ArchiveAchievement", [Res, Admin], Res, async c =>
        {
            var draft = await c.Clients[Res].DraftAsync("achievements", Listings.Achievement("矩阵下架"));
            var published = await c.Clients[Res].PublishAsync("achievements", draft);
            return Post($"/api/achievements/{draft.Id}/archive", new { version = published.GetProperty("achievement").GetProperty("version").GetInt64() });
        }),
        new("UnpublishAchievement", [Admin], Admin, async c =>
        {
            var draft = await c.Clients[Res].DraftAsync("achievements", Listings.Achievement("矩阵管理员下架"));
            var published = await c.Clients[Res].PublishAsync("achievements", draft);
            return Post($"/api/achievements/{draft.Id}/unpublish",
                new { reason = "矩阵测试：信息不实，请核对后再发布", version = published.GetProperty("achievement").GetProperty("version").GetInt64() });
        }),
        new("DiscardAchievementDraft", [Res, Admin], Res, async c =>
        {
            var draft = await c.Clients[Res].DraftAsync("achievements", Listings.Achievement("矩阵删除"));
            return Delete($"/api/achievements/{draft.Id}?version={draft.Version}");
        }),
        new("GetAchievementMatches", [Res, Mgr, AMgr, Bureau, Admin], Res, c => Task.FromResult(Get($"/api/achievements/{c.World.Achievement.Id}/matches"))),
        new("SearchNeeds", Everyone, Anon, _ => Task.FromResult(Get("/api/needs"))),
        new("GetNeed", Everyone, Anon, c => Task.FromResult(Get($"/api/needs/{c.World.Need.Id}"))),
        new("MyNeeds", [Res, Ent, OutEnt, OutInst], Ent, _ => Task.FromResult(Get("/api/needs/mine"))),
        new("DraftNeed", [Ent, OutEnt], Ent, _ => Task.FromResult(Post("/api/needs", Listings.Need("矩阵需求"), HttpStatusCode.Created))),
        new("ReviseNeed", [Ent, Admin], Ent, async c => Put($"/api/needs/{c.World.Need.Id}",
            new { need = Listings.Need("矩阵修订需求", b => b["visibility"] = "AfterConsent"), version = await VersionAsync(c.Clients[Ent], $"/api/needs/{c.World.Need.Id}") })),
        new("PublishNeed", [Ent, Admin], Ent, async c =>
        {
            var draft = await c.Clients[Ent].DraftAsync("needs", Listings.Need("矩阵发布需求"));
            return Post($"/api/needs/{draft.Id}/publish", new { version = draft.Version });
        }),
        new("ArchiveNeed", [Ent, Admin], Ent, async c =>
        {
            var draft = await c.Clients[Ent].DraftAsync("needs", Listings.Need("矩阵下架需求"));
            var published = await c.Clients[Ent].PublishAsync("needs", draft);
            return Post($"/api/needs/{draft.Id}/archive", new { version = published.GetProperty("need").GetProperty("version").GetInt64() });
        }),
        new("UnpublishNeed", [Admin], Admin, async c =>
        {
            var draft = await c.Clients[Ent].DraftAsync("needs", Listings.Need("矩阵管理员下架需求"));
            var published = await c.Clients[Ent].PublishAsync("needs", draft);
            return Post($"/api/needs/{draft.Id}/unpublish",
                new { reason = "矩阵测试：信息不实，请核对后再发布", version = published.GetProperty("need").GetProperty("version").GetInt64() });
        }),
        new("DiscardNeedDraft", [Ent, Admin], Ent, async c =>
        {
            var draft = await c.Clients[Ent].DraftAsync("needs", Listings.Need("矩阵删除需求"));
            return Delete($"/api/needs/{draft.Id}?version={draft.Version}");
        }),
        new("GetNeedMatches", [Ent, Mgr, AMgr, Bureau, Admin], Ent, c => Task.FromResult(Get($"/api/needs/{c.World.Need.Id}/matches"))),

        // Matching.
        new("PreviewMatches", SignedIn, Res, _ => Task.FromResult(Post("/api/matches/preview", new { kind = "Need", title = "激光熔覆 轧辊", text = "修复" }))),
        // Why the other side dismissed a listing's proposals: its organisation only.
        new("GetAchievementDismissals", [Res], Res, c => Task.FromResult(Get($"/api/achievements/{c.World.Achievement.Id}/dismissals"))),
        new("GetNeedDismissals", [Ent], Ent, c => Task.FromResult(Get($"/api/needs/{c.World.Need.Id}/dismissals"))),
        new("DismissMatch", [Res, Ent], Ent, c => Task.FromResult(Post($"/api/matches/{c.ProposalId}/dismiss", new { reason = "NotOurField" }))),
        // The learned ranker: the matrix's few outcomes are too few to train on (409), which still passes the role gate.
        new("GetRankerModels", [Admin], Admin, _ => Task.FromResult(Get("/api/admin/matching/ranker"))),
        new("RetrainRanker", [Admin], Admin, _ => Task.FromResult(Post("/api/admin/matching/ranker/retrain", null, HttpStatusCode.Conflict))),

        // Interests.
        new("ExpressInterest", [OutEnt, OutInst, Res, Ent], OutEnt, c => Task.FromResult(Post("/api/interests", new { achievementId = c.World.Achievement.Id, message = "矩阵意向" }, HttpStatusCode.Created))),
        new("ListInterests", [Res, Ent, OutEnt, OutInst], Res, c => Task.FromResult(Get("/api/interests", c.World.InterestId.ToString(), [OutEnt, OutInst]))),
        new("GetInterest", [Res, Ent, Bureau, Admin], Ent, c => Task.FromResult(Get($"/api/interests/{c.World.InterestId}"))),
        new("AcceptInterest", [Ent], Ent, async c =>
        {
            var sender = await c.App.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
            var sent = await (await sender.Client.PostAsJsonAsync("/api/interests", new { needId = c.World.Need.Id, message = "矩阵接受" })).JsonAsync(HttpStatusCode.Created);
            return Post($"/api/interests/{sent.GetProperty("id").GetGuid()}/accept", new { version = sent.GetProperty("version").GetInt64() });
        }),
        new("DeclineInterest", [Res], Res, async c =>
        {
            var sender = await c.App.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
            var interest = await (await sender.Client.PostAsJsonAsync("/api/interests", new { achievementId = c.World.Achievement.Id, message = "矩阵拒绝" })).JsonAsync(HttpStatusCode.Created);
            return Post($"/api/interests/{interest.GetProperty("id").GetGuid()}/decline", new { reason = "NotRelevant", version = interest.GetProperty("version").GetInt64() });
        }),
        new("RevealInterest", [Res, Ent], Ent, c => Task.FromResult(Post($"/api/interests/{c.World.InterestId}/reveal", null))),

        // Deals.
        new("GetWorkbench", [Mgr, AMgr], AMgr, _ => Task.FromResult(Get("/api/deals/workbench"))),
        new("GetDeal", [Res, Ent, AMgr, Bureau, Admin], AMgr, c => Task.FromResult(Get($"/api/deals/{c.World.DealId}"))),
        new("ListMyDeals", [Res, Ent, OutEnt, OutInst], Ent, c => Task.FromResult(Get("/api/deals/mine", c.World.DealId.ToString(), [OutEnt, OutInst]))),
        new("OpenDeal", [Ent, Mgr, AMgr, Admin], Mgr, async c =>
        {
            // An accepted interest between the owner enterprise and another institution.
            var sender = await c.App.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
            var interest = await (await sender.Client.PostAsJsonAsync("/api/interests", new { needId = c.World.Need.Id, message = "矩阵对接" })).JsonAsync(HttpStatusCode.Created);
            var id = interest.GetProperty("id").GetGuid();
            await (await c.Clients[Ent].PostAsJsonAsync($"/api/interests/{id}/accept", new { version = interest.GetProperty("version").GetInt64() })).ShouldBeAsync(HttpStatusCode.OK);
            return Post("/api/deals", new { interestId = id }, HttpStatusCode.Created);
        }),
        new("AssignDeal", [AMgr, Admin], AMgr, async c =>
        {
            var deal = await OpenDealAsync(c);
            return Post($"/api/deals/{deal}/assign", new { managerUserId = await c.Clients[Mgr].UserIdAsync(), version = await VersionAsync(c.Clients[Admin], $"/api/deals/{deal}") });
        }),
        new("MoveDealStage", [Res, Ent, AMgr, Admin], AMgr, async c =>
        {
            var deal = await OpenDealAsync(c);
            return Post($"/api/deals/{deal}/stage", new { stage = "Contacted", note = "矩阵", version = await VersionAsync(c.Clients[Admin], $"/api/deals/{deal}") });
        }),
        new("AddDealNote", [Res, Ent, AMgr, Admin], AMgr, async c =>
        {
            var deal = await OpenDealAsync(c);
            return Post($"/api/deals/{deal}/notes", new { note = "矩阵备注", version = await VersionAsync(c.Clients[Admin], $"/api/deals/{deal}") });
        }),
        new("DraftContractFromDeal", [Res, Ent, AMgr, Bureau], AMgr, c => Task.FromResult(Get($"/api/deals/{c.World.DealId}/contract-draft"))),
        new("ProposeContract", [Res, Ent], Ent, async c =>
        {
            var deal = await SignedDealAsync(c);
            return Post($"/api/deals/{deal}/contract-proposal", await ContractBodyAsync(c, deal), HttpStatusCode.Created);
        }),

        // Contracts.
        new("SearchContracts", SignedIn, Bureau, c => Task.FromResult(Get("/api/contracts", c.ContractId.ToString(), [Fresh, Applicant, OutEnt, OutInst, Mgr]))),
        new("GetContract", [Res, Ent, AMgr, Bureau, Admin], Ent, c => Task.FromResult(Get($"/api/contracts/{c.ContractId}"))),
        new("RecordContract", [Bureau], Bureau, c => Task.FromResult(Post("/api/contracts", new
        {
            projectName = "矩阵合同", category = "Transfer", transformationMode = "Transfer", sellerOrganisationId = c.OrgA, buyerOrganisationId = c.OrgB,
            field = "NewMaterials", totalAmount = 100_000m, technologyIncome = 100_000m, signedOn = "2024-05-01", registeredOn = "2024-05-02",
        }, HttpStatusCode.Created))),
        // The parties' members add the registration; the assigned manager (broker) reads the contract but does not change it.
        new("ReviseContract", [Res, Ent, Bureau, Admin], Ent, async c => Put($"/api/contracts/{c.ContractId}", new
        {
            version = await VersionAsync(c.Clients[Ent], $"/api/contracts/{c.ContractId}"),
            registeredOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd"),
        })),
        new("GetRegistrationForm", [Res, Ent, AMgr, Bureau, Admin], Ent, c => Task.FromResult(Get($"/api/contracts/{c.ContractId}/registration-form"))),
        new("ListContractChanges", [Res, Ent, AMgr, Bureau, Admin], Ent, c => Task.FromResult(Get($"/api/contracts/{c.ContractId}/changes"))),
        // No import row carries this number: the bureau's decision answers 404 once the role gate let it through.
        new("DecideReconciliation", [Bureau, Admin], Bureau, _ => Task.FromResult(Post("/api/contracts/reconciliation",
            new { registrationNumber = "9999999999999999", confirm = false }, HttpStatusCode.NotFound))),
        new("GetContractQuality", [Bureau, Admin], Bureau, _ => Task.FromResult(Get("/api/contracts/quality"))),
        // The data-quality actions: probes that change nothing (an unknown contract or dismissal, a contract not marked).
        new("ExportContractQuality", [Bureau, Admin], Bureau, _ => Task.FromResult(Get("/api/contracts/quality/export"))),
        new("DismissQualityFinding", [Bureau, Admin], Bureau, _ => Task.FromResult(Post("/api/contracts/quality/dismissals",
            new { code = "probable_duplicate", contractIds = new[] { Guid.NewGuid() }, reason = "矩阵" }, HttpStatusCode.NotFound))),
        new("RestoreQualityFinding", [Bureau, Admin], Bureau, _ => Task.FromResult(Delete($"/api/contracts/quality/dismissals/{Guid.NewGuid()}", HttpStatusCode.NotFound))),
        new("MarkDuplicateContract", [Bureau, Admin], Bureau, c => Task.FromResult(Post($"/api/contracts/{c.ContractId}/duplicate",
            new { version = 0, duplicateOfContractId = Guid.NewGuid(), reason = "矩阵" }, HttpStatusCode.NotFound))),
        new("UndoDuplicateContract", [Bureau, Admin], Bureau, c => Task.FromResult(Post($"/api/contracts/{c.ContractId}/duplicate/undo", new { version = 0 }, HttpStatusCode.Conflict))),
        new("ExportContracts", [Bureau, Admin], Bureau, _ => Task.FromResult(Get("/api/contracts/export"))),
        new("ImportContracts", [Bureau, Admin], Bureau, _ => Task.FromResult(new Probe(HttpMethod.Post, "/api/contracts/imports", "upload", HttpStatusCode.BadRequest))),
        new("GetImportJob", [Bureau, Admin], Bureau, c => Task.FromResult(Get($"/api/contracts/imports/{c.ImportJobId}"))),
        // The matrix's job has finished: only a preview can be committed or cancelled (409), for the bureau and administrators.
        new("CommitImportPreview", [Bureau, Admin], Bureau, c => Task.FromResult(Post($"/api/contracts/imports/{c.ImportJobId}/commit", null, HttpStatusCode.Conflict))),
        new("CancelImportPreview", [Bureau, Admin], Bureau, c => Task.FromResult(Delete($"/api/contracts/imports/{c.ImportJobId}", HttpStatusCode.Conflict))),
        new("ListContractProposals", [Res, Ent, OutEnt, OutInst], Ent, c => Task.FromResult(Get("/api/contracts/proposals", c.ContractProposalId.ToString(), [OutEnt, OutInst]))),
        new("ConfirmContract", [Res], Res, async c => Post($"/api/contracts/proposals/{await PendingProposalAsync(c)}/confirm", new { version = 0 })),
        new("RejectContract", [Res], Res, async c => Post($"/api/contracts/proposals/{await PendingProposalAsync(c)}/reject", new { version = 0, reason = "矩阵" })),

        // Collaboration.
        new("ListCollaboration", [Res, Bureau, Admin], Res, c => Task.FromResult(Get($"/api/collaboration?institutionId={c.OrgA}"))),
        new("RecordJointRdInstitution", [Res, Bureau, Admin], Res, c => Task.FromResult(Post("/api/collaboration/joint-institutions",
            new { name = $"矩阵研究院{Guid.NewGuid():N}"[..10], institutionId = c.OrgA, partnerOrganisationIds = new[] { c.OrgB }, establishedOn = "2022-03-01", status = "Active" }, HttpStatusCode.Created))),
        new("ReviseJointRdInstitution", [Res, Bureau, Admin], Res, c => Task.FromResult(Put($"/api/collaboration/joint-institutions/{c.Joint.GetProperty("id").GetGuid()}",
            new { institution = new { name = "矩阵研究院改", institutionId = c.OrgA, partnerOrganisationIds = new[] { c.OrgB }, establishedOn = "2022-03-01", status = "Active" }, version = c.Joint.GetProperty("version").GetInt64() }))),
        new("ImportCollaboration", [Bureau, Admin], Bureau, _ => Task.FromResult(new Probe(HttpMethod.Post, "/api/collaboration/imports?kind=spin-offs", "upload", HttpStatusCode.BadRequest))),
        new("RecordSpinOff", [Res, Bureau, Admin], Res, async c => Post("/api/collaboration/spin-offs", // one record per institution and enterprise: a new enterprise each time
            new { enterpriseId = (await DraftOrganisationAsync(c, OrganisationKind.Enterprise)).Id, institutionId = c.OrgA, relation = "Invested", date = "2022-05-01" }, HttpStatusCode.Created)),
        new("ReviseSpinOff", [Res, Bureau, Admin], Res, c => Task.FromResult(Put($"/api/collaboration/spin-offs/{c.SpinOff.GetProperty("id").GetGuid()}",
            new { spinOff = new { enterpriseId = c.OrgB, institutionId = c.OrgA, relation = "Invested", date = "2022-06-01" }, version = c.SpinOff.GetProperty("version").GetInt64() }))),
        new("RecordValidationProject", [Res, Bureau, Admin], Res, c => Task.FromResult(Post("/api/collaboration/validation-projects",
            new { achievementId = c.World.Achievement.Id, name = "矩阵中试", kind = "Pilot", trlBefore = 4, startedOn = "2023-01-01", status = "Running" }, HttpStatusCode.Created))),
        new("ReviseValidationProject", [Res, Bureau, Admin], Res, c => Task.FromResult(Put($"/api/collaboration/validation-projects/{c.Validation.GetProperty("id").GetGuid()}",
            new { project = new { achievementId = c.World.Achievement.Id, name = "矩阵中试改", kind = "Pilot", trlBefore = 4, startedOn = "2023-01-01", status = "Running" }, version = c.Validation.GetProperty("version").GetInt64() }))),

        // Intermediaries and technology managers.
        new("ListIntermediaries", Everyone, Anon, _ => Task.FromResult(Get("/api/intermediaries"))),
        new("GetIntermediary", Everyone, Anon, async c => Get($"/api/intermediaries/{await IntermediaryWithServicesAsync(c)}")),
        new("SaveIntermediaryServices", [Admin], Admin, async c =>
        {
            var intermediary = await c.App.CreateUserAsync(Roles.TechnologyManager, OrganisationKind.Intermediary);
            return Put($"/api/intermediaries/{intermediary.OrganisationId}", new { services = new[] { "IntellectualProperty" }, description = "矩阵" });
        }),
        new("ListTechnologyManagers", Everyone, Anon, c => Task.FromResult(Get("/api/technology-managers?verification=Pending", c.ApplicantId.ToString(),
            [Anon, Fresh, OutEnt, OutInst, Mgr, Res, Ent, AMgr]))),
        new("GetTechnologyManager", [Applicant, Bureau, Admin], Applicant, c => Task.FromResult(Get($"/api/technology-managers/{c.ApplicantId}"))),
        new("SaveTechnologyManagerProfile", SignedIn, Fresh, async c => Put("/api/technology-managers/me", new { bio = "申请" })
            with { ActorClient = (await c.App.CreateUserAsync(Roles.EnterpriseMember)).Client }),
        new("VerifyTechnologyManager", [Bureau, Admin], Bureau, async c => Post($"/api/technology-managers/{c.ApplicantId}/verification",
            new { status = "Rejected", reason = "矩阵", version = await VersionAsync(c.Clients[Admin], $"/api/technology-managers/{c.ApplicantId}") })),

        // Indicators: the bureau and administrators for the city; institution members for their own institution.
        .. new[] { "turnover", "fields", "localization", "contract-amounts", "collaboration", "funnel", "unmet-demand", "leakage", "platform-share" }.Select(path =>
            new Rule(IndicatorName(path), IndicatorAllowed(path), Bureau, _ => Task.FromResult(Get($"/api/indicators/{path}?year=2023")))),
        new("GetInstitutionSeriesIndicator", [Res, Bureau, Admin], Res, c => Task.FromResult(Get($"/api/indicators/institutions/{c.OrgA}/series?from=2020&to=2024"))),

        // Incentive schemes and institution targets: AccessMatrixIncentiveRules.cs.
        .. IncentiveRules(),

        // Notifications and saved searches: each person's own.
        new("ListNotifications", SignedIn, Res, c => Task.FromResult(Get("/api/notifications", c.NotificationId.ToString(), [.. SignedIn.Where(p => p != Res)]))),
        new("ListNotificationGroups", SignedIn, Res, c => Task.FromResult(Get("/api/notifications/groups", c.NotificationId.ToString(), [.. SignedIn.Where(p => p != Res)]))),
        new("ListNotificationGroupItems", [Res], Res, c => Task.FromResult(Get($"/api/notifications/{c.NotificationId}/group"))),
        new("MarkNotificationGroupRead", [Res], Res, c => Task.FromResult(Post($"/api/notifications/{c.NotificationId}/read-group", null))),
        // A mail's one-click unsubscribe: anyone holding a signed token (a forged one is refused).
        new("UnsubscribeByMail", Everyone, Anon, _ => Task.FromResult(Post("/api/notifications/unsubscribe?token=forged", null, HttpStatusCode.BadRequest))),
        new("GetUnreadCount", SignedIn, Res, _ => Task.FromResult(Get("/api/notifications/unread-count"))),
        new("MarkNotificationRead", [Res], Res, c => Task.FromResult(Post($"/api/notifications/{c.NotificationId}/read", null))),
        new("MarkAllNotificationsRead", SignedIn, Res, _ => Task.FromResult(Post("/api/notifications/read-all", null))),
        new("GetNotificationPreferences", SignedIn, Res, _ => Task.FromResult(Get("/api/notifications/preferences"))),
        new("SetNotificationPreferences", SignedIn, Res, _ => Task.FromResult(Put("/api/notifications/preferences", new { minMatchScore = 0.3, delivery = "Instant" }))),
        new("ListSavedSearches", SignedIn, Res, c => Task.FromResult(Get("/api/saved-searches", c.SavedSearchId.ToString(), [.. SignedIn.Where(p => p != Res)]))),
        new("SaveSearch", SignedIn, Res, _ => Task.FromResult(Post("/api/saved-searches", new { name = "矩阵", achievements = true, text = "激光" }, HttpStatusCode.Created))),
        new("DeleteSavedSearch", [Res], Res, c => Task.FromResult(Delete($"/api/saved-searches/{c.SavedSearchId}"))),

        // Open calls (揭榜挂帅): AccessMatrixCallRules.cs.
        .. CallRules(),
        .. TrialRules(),
        .. RiskPoolRules(),
        .. ValidationRules(),
        // Intermediary filing, training, performance: AccessMatrixFilingRules.cs.
        .. FilingRules(),
    ];
}
