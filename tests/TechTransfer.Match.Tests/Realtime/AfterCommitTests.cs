using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Outbox;

namespace TechTransfer.Match.Tests.Realtime;

/// <summary>
/// Domain events are stored in the command's transaction (the outbox) and delivered after the commit: a
/// rolled-back change stores and sends nothing; a committed one is delivered to every handler once.
/// </summary>
public abstract class AfterCommitTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task A_failed_command_writes_nothing_and_stores_no_event()
    {
        var name = "回滚测试" + Guid.NewGuid().ToString("N")[..8];
        Guid organisationId = default;
        var result = await RunAsync(db =>
        {
            organisationId = AddOrganisationRaisingEvent(db, name);
            return Result<Done>.Failure(Error.Conflict("test", "The use case decided against the change."));
        });

        result.IsSuccess.ShouldBeFalse();
        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh == name))).ShouldBe(0);
        (await StoredEventsAsync(organisationId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_command_that_throws_after_saving_is_rolled_back_with_its_events()
    {
        var name = "异常回滚" + Guid.NewGuid().ToString("N")[..8];
        Guid organisationId = default;
        await Should.ThrowAsync<InvalidOperationException>(() => RunAsync(db =>
        {
            organisationId = AddOrganisationRaisingEvent(db, name);
            db.SaveChanges();
            throw new InvalidOperationException("fault after the save");
        }));

        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh == name))).ShouldBe(0);
        (await StoredEventsAsync(organisationId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_successful_command_stores_its_event_with_the_change_and_every_handler_takes_it_once()
    {
        var name = "提交后发布" + Guid.NewGuid().ToString("N")[..8];
        Guid organisationId = default;
        var result = await RunAsync(db =>
        {
            organisationId = AddOrganisationRaisingEvent(db, name);
            return Result<Done>.Success(Done.Value);
        });

        result.IsSuccess.ShouldBeTrue();
        var message = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Payload.Contains(organisationId.ToString())));
        message.Type.ShouldBe(typeof(ListingPublished).FullName);
        // Delivered right after the commit, by the request or, when the background sweep claimed it first, by the sweep.
        for (var i = 0; i < 50 && message.ProcessedAt is null; i++)
        {
            await Task.Delay(100);
            message = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id));
        }

        message.ProcessedAt.ShouldNotBeNull("delivered within moments of the commit");
        var handlers = await app.WithDbAsync(db => db.OutboxDeliveries.Where(d => d.MessageId == message.Id).Select(d => d.Handler).ToListAsync());
        // Matching, the saved-search alerts and the cross-node feed each take a published listing once.
        handlers.ShouldBe(
            ["TechTransfer.Match.Web.Features.Matching.ProposeMatches", "TechTransfer.Match.Web.Realtime.ListingChangePublisher", "TechTransfer.Match.Web.Realtime.SavedSearchAlerts"],
            ignoreOrder: true);

        // Delivering the message again (a node that thought it failed) changes nothing: it is done.
        await app.Services.GetRequiredService<OutboxDispatcher>().DeliverAsync([message.Id], CancellationToken.None);
        (await app.WithDbAsync(db => db.OutboxDeliveries.CountAsync(d => d.MessageId == message.Id))).ShouldBe(3);
    }

    private static Guid AddOrganisationRaisingEvent(AppDbContext db, string name)
    {
        var organisation = new Organisation { Kind = OrganisationKind.Enterprise, NameZh = name, RegionCode = "210211", RegionName = "大连市甘井子区" };
        organisation.Raise(new ListingPublished(organisation.Id, IsAchievement: false));
        db.Organisations.Add(organisation);
        return organisation.Id;
    }

    private Task<int> StoredEventsAsync(Guid id) =>
        app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Payload.Contains(id.ToString())));

    [Fact]
    public async Task A_push_announced_in_a_transaction_goes_out_after_the_commit_and_never_for_a_rolled_back_change()
    {
        // What a live push announces must be readable by whoever reloads on it, from another connection.
        foreach (var succeeds in new[] { true, false })
        {
            var name = "推送测试" + Guid.NewGuid().ToString("N")[..8];
            bool? visibleAtPush = null;
            await RunAsync((db, afterCommit) =>
            {
                var id = AddOrganisationRaisingEvent(db, name);
                afterCommit.RunAsync(async () =>
                    visibleAtPush = await app.WithDbAsync(other => other.Organisations.AnyAsync(o => o.Id == id))).GetAwaiter().GetResult();
                return succeeds ? Result<Done>.Success(Done.Value) : Result<Done>.Failure(Error.Conflict("test", "The use case decided against the change."));
            });
            visibleAtPush.ShouldBe(succeeds ? true : null);
        }
    }

    private Task<Result<Done>> RunAsync(Func<AppDbContext, Result<Done>> handler) => RunAsync((db, _) => handler(db));

    private async Task<Result<Done>> RunAsync(Func<AppDbContext, AfterCommit, Result<Done>> handler)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var behaviour = new TransactionBehaviour<ProbeCommand, Result<Done>>(db, services.GetRequiredService<OutboxDispatcher>(),
            services.GetRequiredService<IOptions<OutboxOptions>>(), services.GetRequiredService<OutboxSignal>(), services.GetRequiredService<AfterCommit>());
        return await behaviour.Handle(new ProbeCommand(), (_, _) => ValueTask.FromResult(handler(db, services.GetRequiredService<AfterCommit>())), CancellationToken.None);
    }

    public sealed record ProbeCommand : ICommand<Result<Done>>;
}

public sealed class SqliteAfterCommitTests(SqliteApp app) : AfterCommitTests<SqliteApp>(app);

public sealed class PostgresAfterCommitTests(PostgresApp app) : AfterCommitTests<PostgresApp>(app);
