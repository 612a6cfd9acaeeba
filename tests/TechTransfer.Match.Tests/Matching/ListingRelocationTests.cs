using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Matching;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Matching;

namespace TechTransfer.Match.Tests.Matching;

/// <summary>
/// The matching index keeps each listing's organisation and region: when a merge moves a published achievement from a
/// Beijing institution to a Dalian one, or the institution moves region, its matches with a Dalian firm score locality
/// from the new place at once, not after the next restart.
/// </summary>
public abstract class ListingRelocationTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task Listings_are_re_indexed_when_their_organisation_is_merged_or_moves_region()
    {
        var beijing = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "110108");
        var dalian = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210211");
        var firm = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210213");
        var tag = Listings.Tag();
        var achievement = await beijing.Client.DraftAsync("achievements", Listings.Achievement($"{tag}焊缝视觉跟踪技术"));
        await beijing.Client.PublishAsync("achievements", achievement);
        var need = await firm.Client.DraftAsync("needs", Listings.Need($"{tag}焊接机器人视觉引导需求"));
        await firm.Client.PublishAsync("needs", need);
        var engine = app.Services.GetRequiredService<MatchingIndex>().Engine;
        double Locality() => engine.FindMatches(need.Id, new MatchQuery(Top: 100)).Single(m => m.Id == achievement.Id)
            .Explanation.Components.Single(c => c.Name == "locality").Value;
        Locality().ShouldBe(0); // Beijing for a Dalian firm

        async Task<long> VersionAsync(Guid id) => (await (await app.Admin.GetAsync($"/api/organisations/{id}")).JsonAsync()).GetProperty("version").GetInt64();
        await (await app.Admin.PostAsJsonAsync($"/api/organisations/{dalian.OrganisationId}/merge", new
        {
            sourceId = beijing.OrganisationId, sourceVersion = await VersionAsync(beijing.OrganisationId!.Value), targetVersion = await VersionAsync(dalian.OrganisationId!.Value),
        })).JsonAsync();

        // Re-read after the merge's commit: same city now.
        for (var i = 0; i < 100 && Locality() == 0; i++)
        {
            await Task.Delay(100);
        }

        Locality().ShouldBe(1);
        engine.FindMatches(achievement.Id, new MatchQuery(Top: 100)).ShouldContain(m => m.Id == need.Id);

        // The institution moves to Shenyang (same province): its listings follow without being edited.
        var organisation = await (await app.Admin.GetAsync($"/api/organisations/{dalian.OrganisationId}")).JsonAsync();
        await (await dalian.Client.PutAsJsonAsync($"/api/organisations/{dalian.OrganisationId}", new
        {
            organisation = new
            {
                kind = "Institution", institutionType = organisation.GetProperty("institutionType").GetString(), nameZh = organisation.GetProperty("nameZh").GetString(),
                regionCode = "210112", regionName = "辽宁省沈阳市浑南区",
            },
            version = organisation.GetProperty("version").GetInt64(),
        })).JsonAsync();
        for (var i = 0; i < 100 && Locality() == 1; i++)
        {
            await Task.Delay(100);
        }

        Locality().ShouldBe(0.5);
    }
}

public sealed class SqliteListingRelocationTests(SqliteApp app) : ListingRelocationTests<SqliteApp>(app);

public sealed class PostgresListingRelocationTests(PostgresApp app) : ListingRelocationTests<PostgresApp>(app);
