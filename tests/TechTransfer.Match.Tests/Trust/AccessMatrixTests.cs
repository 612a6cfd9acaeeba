using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using Xunit.Abstractions;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>
/// The access matrix: every endpoint the application maps (read from its endpoint data source, so a new
/// endpoint without a rule fails) times every kind of user, including a freshly self-registered account and a
/// technology-manager applicant, against one world of records owned by others. A user outside the rule's
/// allowed set gets 401 (no session), 403 or 404 and changes nothing; list endpoints do not show them the
/// world's records; the rule's actor then succeeds, so no rule passes on a wrong id.
/// </summary>
public abstract partial class AccessMatrixTests<TApp>(TApp app, ITestOutputHelper output) : IClassFixture<TApp>
    where TApp : TestApp
{
    private const string Anon = "anonymous", Fresh = "self-registered", Applicant = "manager applicant", OutEnt = "other enterprise",
        OutInst = "other institution", Mgr = "verified manager", Bureau = "bureau", Admin = "administrator", Res = "owner institution",
        Ent = "owner enterprise", AMgr = "assigned manager";

    private static readonly string[] Everyone = [Anon, Fresh, Applicant, OutEnt, OutInst, Mgr, Bureau, Admin, Res, Ent, AMgr];
    private static readonly string[] SignedIn = [.. Everyone.Where(p => p != Anon)];

    private sealed record Probe(HttpMethod Method, string Url, object? Body = null, HttpStatusCode Expected = HttpStatusCode.OK, string? MustNotShow = null, string[]? HiddenFrom = null)
    {
        /// <summary>Who performs the actor's request when it must not be one of the personas (it ends their session).</summary>
        public HttpClient? ActorClient { get; init; }
    }

    private sealed record Rule(string Name, string[] Allowed, string Actor, Func<Ctx, Task<Probe>> Make);

    private sealed class Ctx
    {
        public required TestApp App { get; init; }
        public required Dictionary<string, HttpClient> Clients { get; init; }
        public required World World { get; init; }
        public required Guid ContractId { get; init; }
        public required Guid ProposalId { get; init; }
        public required Guid FreshId { get; init; }
        public required Guid ApplicantId { get; init; }
        public required Guid ResId { get; init; }
        public required JsonElement Joint { get; init; }
        public required JsonElement SpinOff { get; init; }
        public required JsonElement Validation { get; init; }
        public required Guid ContractProposalId { get; init; }
        public required Guid NotificationId { get; init; }
        public required Guid SavedSearchId { get; init; }
        public required Guid ImportJobId { get; init; }

        public Guid OrgA => World.Researcher.OrganisationId!.Value;
        public Guid OrgB => World.Enterprise.OrganisationId!.Value;
    }

    private static Probe Get(string url, string? mustNotShow = null, params string[] hiddenFrom) => new(HttpMethod.Get, url, null, HttpStatusCode.OK, mustNotShow, hiddenFrom);

    private static Probe Post(string url, object? body, HttpStatusCode expected = HttpStatusCode.OK) => new(HttpMethod.Post, url, body ?? new { }, expected);

    private static Probe Put(string url, object body, HttpStatusCode expected = HttpStatusCode.OK) => new(HttpMethod.Put, url, body, expected);

    private static Probe Delete(string url, HttpStatusCode expected = HttpStatusCode.NoContent) => new(HttpMethod.Delete, url, null, expected);

    private static async Task<long> VersionAsync(HttpClient reader, string url) =>
        (await (await reader.GetAsync(url)).JsonAsync()).GetProperty("version").GetInt64();

    [Fact]
    public async Task Every_endpoint_answers_every_kind_of_user_as_its_rule_says_and_leaks_nothing()
    {
        var world = await app.WorldAsync();
        var signed = await world.SignAsync();
        var contract = await (await world.Manager.Client.PostAsJsonAsync("/api/contracts", await world.ContractBodyAsync(world.Manager.Client))).JsonAsync(HttpStatusCode.Created);
        var fresh = await app.CreateUserAsync(Roles.EnterpriseMember);
        var applicant = await app.CreateUserAsync(Roles.TechnologyManager, verifyManager: false);
        var clients = new Dictionary<string, HttpClient>
        {
            [Anon] = app.CreateClient(), [Fresh] = fresh.Client, [Applicant] = applicant.Client,
            [OutEnt] = (await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise)).Client,
            [OutInst] = (await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution)).Client,
            [Mgr] = (await app.CreateUserAsync(Roles.TechnologyManager)).Client, [Bureau] = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client,
            [Admin] = app.Admin, [Res] = world.Researcher.Client, [Ent] = world.Enterprise.Client, [AMgr] = world.Manager.Client,
        };
        _ = signed;

        // Records of the owners that the rules act on.
        var resId = await world.Researcher.Client.UserIdAsync();
        var proposalId = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.MatchProposals.Where(p => p.AchievementId == world.Achievement.Id && p.NeedId == world.Need.Id).Select(p => p.Id)));
        await app.WithDbAsync(async db =>
        {
            if (proposalId == Guid.Empty)
            {
                proposalId = Guid.CreateVersion7();
                db.MatchProposals.Add(new MatchProposal { Id = proposalId, AchievementId = world.Achievement.Id, NeedId = world.Need.Id, Score = 0.5, Status = ProposalStatus.Proposed });
            }

            db.Notifications.Add(new Notification { UserId = resId, Kind = NotificationKind.InterestReceived, Data = "{}", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            db.ImportJobs.Add(new ImportJob { FileName = "matrix.csv", Status = ImportJobStatus.Succeeded });
            return await db.SaveChangesAsync();
        });
        var notificationId = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.Notifications.Where(n => n.UserId == resId).Select(n => n.Id)));
        var importJobId = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.ImportJobs.Where(j => j.FileName == "matrix.csv").Select(j => j.Id)));
        var orgA = world.Researcher.OrganisationId!.Value;
        var orgB = world.Enterprise.OrganisationId!.Value;
        var ctx = new Ctx
        {
            App = app, Clients = clients, World = world, ContractId = contract.GetProperty("id").GetGuid(), ProposalId = proposalId,
            FreshId = await fresh.Client.UserIdAsync(), ApplicantId = await applicant.Client.UserIdAsync(), ResId = resId,
            Joint = await (await world.Researcher.Client.PostAsJsonAsync("/api/collaboration/joint-institutions",
                new { name = "矩阵联合研究院", institutionId = orgA, partnerOrganisationIds = new[] { orgB }, establishedOn = "2021-03-01", status = "Active" })).JsonAsync(HttpStatusCode.Created),
            SpinOff = await (await world.Researcher.Client.PostAsJsonAsync("/api/collaboration/spin-offs",
                new { enterpriseId = orgB, institutionId = orgA, relation = "Created", date = "2021-05-01" })).JsonAsync(HttpStatusCode.Created),
            Validation = await (await world.Researcher.Client.PostAsJsonAsync("/api/collaboration/validation-projects",
                new { achievementId = world.Achievement.Id, name = "矩阵验证", kind = "ConceptValidation", trlBefore = 3, startedOn = "2022-01-01", status = "Running" })).JsonAsync(HttpStatusCode.Created),
            ContractProposalId = Guid.Empty,
            NotificationId = notificationId,
            SavedSearchId = (await (await world.Researcher.Client.PostAsJsonAsync("/api/saved-searches", new { name = "我的订阅", achievements = false, text = "轧辊" }))
                .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid(),
            ImportJobId = importJobId,
        };

        ctx = new Ctx
        {
            App = ctx.App, Clients = ctx.Clients, World = ctx.World, ContractId = ctx.ContractId, ProposalId = ctx.ProposalId, FreshId = ctx.FreshId,
            ApplicantId = ctx.ApplicantId, ResId = ctx.ResId, Joint = ctx.Joint, SpinOff = ctx.SpinOff, Validation = ctx.Validation,
            ContractProposalId = await PendingProposalAsync(ctx), NotificationId = ctx.NotificationId, SavedSearchId = ctx.SavedSearchId, ImportJobId = ctx.ImportJobId,
        };

        // Every mapped endpoint has a rule (the hub and the documentation aside).
        var rules = Rules().ToDictionary(r => r.Name);
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? e.RoutePattern.RawText!)
            .Distinct().ToList();
        mapped.Where(n => !rules.ContainsKey(n)).ShouldBeEmpty("endpoints without an access rule");
        // Endpoints open to anonymous readers answer a record they may not see with 404, not 401.
        var open = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null || e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is null)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName).OfType<string>().ToHashSet();

        var problems = new List<string>();
        var checks = 0;
        foreach (var rule in rules.Values.Where(r => mapped.Contains(r.Name)))
        {
            var probe = await rule.Make(ctx);
            foreach (var persona in Everyone.Where(p => p != rule.Actor))
            {
                var allowed = rule.Allowed.Contains(persona);
                if (allowed && probe.Method != HttpMethod.Get)
                {
                    // Allowed writes are not repeated for every persona: the actor's succeeds below.
                    continue;
                }

                var (status, body) = await SendAsync(ctx.Clients[persona], probe);
                checks++;
                if (!allowed && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                {
                    problems.Add($"{rule.Name}: {persona} got {(int)status} ({Cut(body)})");
                }
                else if (!allowed && persona == Anon && status != HttpStatusCode.Unauthorized && !open.Contains(rule.Name))
                {
                    problems.Add($"{rule.Name}: anonymous got {(int)status}, expected 401");
                }
                else if (allowed && (int)status >= 300)
                {
                    problems.Add($"{rule.Name}: {persona} may read but got {(int)status} ({Cut(body)})");
                }
                else if (allowed && probe.MustNotShow is { } secret && probe.HiddenFrom?.Contains(persona) == true && body.Contains(secret, StringComparison.Ordinal))
                {
                    problems.Add($"{rule.Name}: {persona} was shown {secret}");
                }
            }

            var (actorStatus, actorBody) = await SendAsync(probe.ActorClient ?? ctx.Clients[rule.Actor], probe);
            checks++;
            if (actorStatus != probe.Expected)
            {
                problems.Add($"{rule.Name}: the actor {rule.Actor} got {(int)actorStatus}, expected {(int)probe.Expected} ({Cut(actorBody)})");
            }
        }

        output.WriteLine($"{mapped.Count} endpoints x {Everyone.Length} kinds of user: {checks} requests, {problems.Count} problems");
        problems.ShouldBeEmpty(string.Join('\n', problems));
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] : text;

    private async Task<(HttpStatusCode, string)> SendAsync(HttpClient client, Probe probe)
    {
        using var request = new HttpRequestMessage(probe.Method, probe.Url);
        if (probe.Body is "upload")
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent([0x50, 0x4b, 1, 2]), "file", "broken.xlsx" } };
            request.Content = form;
        }
        else if (probe.Body is not null)
        {
            request.Content = JsonContent.Create(probe.Body, options: Json.Options);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

public sealed class SqliteAccessMatrixTests(SqliteApp app, ITestOutputHelper output) : AccessMatrixTests<SqliteApp>(app, output);

public sealed class PostgresAccessMatrixTests(PostgresApp app, ITestOutputHelper output) : AccessMatrixTests<PostgresApp>(app, output);
