using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Features.Needs;
using TechTransfer.Match.Web.Infrastructure;

namespace TechTransfer.Match.Tests.Foundation;

/// <summary>Use cases sent through the mediator, without HTTP; run once per database provider.</summary>
public abstract class SliceTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private static NeedInput Input(string title, decimal? budgetMin = 100_000m) => new(
        title, "某港口企业需要对集装箱起重机关键焊缝进行在线监测，以便提前发现疲劳裂纹、减少停机检修。", [new NeedIndicatorInput("裂纹检出尺寸", "≤1", "mm")],
        "港口起重机", budgetMin, 900_000m, CooperationMode.CommissionedDevelopment, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(90)),
        TechnicalField.AdvancedManufacturing, 5, Visibility.Public, null);

    [Fact]
    public async Task Invalid_commands_return_field_errors_and_write_nothing()
    {
        var member = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var userId = await UserIdAsync(member.Email);
        var before = await app.WithDbAsync(db => db.Needs.CountAsync());

        var result = await app.SendAsync<Result<NeedView>>(new DraftNeed(Input("", budgetMin: -5m)), userId, Roles.EnterpriseMember);

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Kind.ShouldBe(ErrorKind.Invalid);
        result.Error.Fields!.Keys.ShouldBe(["title", "budgetMin"], ignoreOrder: true);
        (await app.WithDbAsync(db => db.Needs.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Commands_stamp_who_and_when_and_bump_the_version()
    {
        var member = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var userId = await UserIdAsync(member.Email);
        var created = await app.SendAsync<Result<NeedView>>(new DraftNeed(Input("起重机焊缝在线监测")), userId, Roles.EnterpriseMember);
        created.IsSuccess.ShouldBeTrue();
        var revised = await app.SendAsync<Result<NeedView>>(new ReviseNeed(created.Value!.Id, Input("起重机焊缝疲劳裂纹在线监测"), created.Value.Version), userId, Roles.EnterpriseMember);
        revised.IsSuccess.ShouldBeTrue();
        revised.Value!.Version.ShouldBe(created.Value.Version + 1);

        var stored = await app.WithDbAsync(db => db.Needs.AsNoTracking().FirstAsync(n => n.Id == created.Value.Id));
        stored.CreatedBy.ShouldBe(userId);
        stored.UpdatedBy.ShouldBe(userId);
        stored.UpdatedAt.ShouldBeGreaterThanOrEqualTo(stored.CreatedAt);
        stored.SearchText.ShouldContain("疲劳裂纹");
    }

    [Fact]
    public async Task Two_simultaneous_edits_of_one_version_leave_exactly_one_winner()
    {
        var member = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var need = await member.Client.DraftAsync("needs", Listings.Need());
        var edits = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            member.Client.PutAsJsonAsync($"/api/needs/{need.Id}", new { need = Listings.Need($"并发修改{i}"), version = need.Version })));
        edits.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        edits.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(3);
        var stored = await app.WithDbAsync(db => db.Needs.AsNoTracking().FirstAsync(n => n.Id == need.Id));
        stored.Version.ShouldBe(need.Version + 1);
    }

    private Task<Guid> UserIdAsync(string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync());
}

public sealed class SqliteSliceTests(SqliteApp app) : SliceTests<SqliteApp>(app);

public sealed class PostgresSliceTests(PostgresApp app) : SliceTests<PostgresApp>(app);
