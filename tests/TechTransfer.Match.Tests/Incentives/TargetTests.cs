using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Incentives;
using TechTransfer.Match.Web.Features.Targets;
using static TechTransfer.Match.Tests.Incentives.IncentiveData;

namespace TechTransfer.Match.Tests.Incentives;

/// <summary>Institution targets: set by the bureau (409 on a clash or a stale version), progress month by month, who reads whose; per provider.</summary>
public abstract class TargetTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task The_bureau_sets_targets_and_each_institution_reads_its_own_progress_month_by_month()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var member = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var institution = member.OrganisationId!.Value;
        var other = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var (firm, far) = (await OrganisationAsync(app, OrganisationKind.Enterprise), await OrganisationAsync(app, OrganisationKind.Enterprise, Far));
        await ContractAsync(app, institution, firm, Local, new(2015, 3, 10), 100_000m);
        await ContractAsync(app, institution, far, Far, new(2015, 6, 10), 50_000m);
        await ContractAsync(app, institution, firm, Local, new(2016, 2, 1), 200_000m);
        await ContractAsync(app, institution, far, Far, new(2016, 2, 20), 100_000m);
        await ContractAsync(app, institution, firm, Local, new(2016, 11, 5), 50_000m);

        var url = $"/api/institution-targets/{institution}/2016";
        var set = await (await bureau.PutAsJsonAsync(url, new { localContracts = 4, localAmount = 500_000m, localRatePct = 60m })).JsonAsync();
        (await (await bureau.PutAsJsonAsync(url, new { localContracts = 9, localAmount = 1m, localRatePct = 1m })).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("target_exists");
        var version = set.GetProperty("version").GetInt64();
        (await (await bureau.PutAsJsonAsync(url, new { localContracts = 5, localAmount = 500_000m, localRatePct = 60m, version })).JsonAsync())
            .GetProperty("localContracts").GetInt32().ShouldBe(5);
        (await (await bureau.PutAsJsonAsync(url, new { localContracts = 6, localAmount = 500_000m, localRatePct = 60m, version })).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("stale_version");
        var bad = await (await bureau.PutAsJsonAsync(url, new { localContracts = -1, localAmount = 0m, localRatePct = 120m })).ProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").EnumerateObject().Select(e => e.Name.ToLowerInvariant()).ShouldBe(["localcontracts", "localratepct"], ignoreOrder: true);
        await (await bureau.PutAsJsonAsync($"/api/institution-targets/{firm}/2016", new { localContracts = 1, localAmount = 0m, localRatePct = 0m })).ProblemAsync(HttpStatusCode.NotFound);
        await (await member.Client.PutAsJsonAsync(url, new { localContracts = 99, localAmount = 0m, localRatePct = 0m, version = version + 1 })).ProblemAsync(HttpStatusCode.Forbidden);

        var progress = await (await member.Client.GetAsync($"{url}/progress?baselineYear=2015")).JsonAsync();
        progress.GetProperty("target").GetProperty("localContracts").GetInt32().ShouldBe(5);
        var months = progress.GetProperty("months");
        months.GetArrayLength().ShouldBe(12);
        months[0].GetProperty("actual").GetProperty("contracts").GetDecimal().ShouldBe(0m);
        months[1].GetProperty("actual").GetProperty("localContracts").GetDecimal().ShouldBe(1m);
        months[1].GetProperty("actual").GetProperty("countRatePct").GetDecimal().ShouldBe(50m);
        months[10].GetProperty("actual").GetProperty("localAmount").GetDecimal().ShouldBe(250_000m);
        months[2].GetProperty("baseline").GetProperty("localContracts").GetDecimal().ShouldBe(1m);
        months[5].GetProperty("baseline").GetProperty("contracts").GetDecimal().ShouldBe(2m);
        progress.GetProperty("actual").GetProperty("localContracts").GetDecimal().ShouldBe(2m);
        progress.GetProperty("actual").GetProperty("countRatePct").GetDecimal().ShouldBe(66.6667m);
        // A past year has run its course: the forecast is what happened.
        progress.GetProperty("forecast").GetProperty("localAmount").GetDecimal().ShouldBe(250_000m);
        progress.GetProperty("baseline").GetProperty("localAmount").GetDecimal().ShouldBe(100_000m);

        await (await other.Client.GetAsync($"{url}/progress")).ProblemAsync(HttpStatusCode.Forbidden);
        (await (await other.Client.GetAsync("/api/institution-targets?year=2016")).JsonAsync()).GetArrayLength().ShouldBe(0);
        var own = await (await member.Client.GetAsync("/api/institution-targets?year=2016")).JsonAsync();
        own.EnumerateArray().Select(t => t.GetProperty("institution").GetProperty("id").GetGuid()).ShouldBe([institution]);
        own[0].GetProperty("actual").GetProperty("localAmount").GetDecimal().ShouldBe(250_000m);
        var all = await (await bureau.GetAsync("/api/institution-targets?year=2016")).JsonAsync();
        all.EnumerateArray().Select(t => t.GetProperty("institution").GetProperty("id").GetGuid()).ShouldContain(institution);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        await (await enterprise.Client.GetAsync("/api/institution-targets?year=2016")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public void The_forecast_is_the_run_rate_to_year_end()
    {
        var elapsed = TargetProgress.ElapsedShare(2024, new DateTimeOffset(2024, 7, 1, 12, 0, 0, TimeSpan.Zero));
        elapsed.ShouldBe(183m / 366m);
        var forecast = TargetProgress.Forecast(LocalRate.Of(10, 5, 1_000m, 500m), 0.5m)!;
        (forecast.Contracts, forecast.LocalContracts, forecast.Amount, forecast.LocalAmount, forecast.CountRatePct).ShouldBe((20m, 10m, 2_000m, 1_000m, 50m));
        TargetProgress.Forecast(LocalRate.Of(0, 0, 0, 0), TargetProgress.ElapsedShare(2030, DateTimeOffset.UtcNow)).ShouldBeNull();
    }
}

public sealed class SqliteTargetTests(SqliteApp app) : TargetTests<SqliteApp>(app);

public sealed class PostgresTargetTests(PostgresApp app) : TargetTests<PostgresApp>(app);
