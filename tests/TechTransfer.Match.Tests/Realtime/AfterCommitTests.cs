using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Tests.Realtime;

/// <summary>Domain events leave the transaction behaviour only after a commit; a rolled-back change sends nothing.</summary>
public abstract class AfterCommitTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task A_failed_command_writes_nothing_and_publishes_nothing()
    {
        var (publisher, name) = (new RecordingPublisher(), "回滚测试" + Guid.NewGuid().ToString("N")[..8]);
        var result = await RunAsync(publisher, db =>
        {
            AddOrganisationRaisingEvent(db, name);
            return Result<Done>.Failure(Error.Conflict("test", "The use case decided against the change."));
        });

        result.IsSuccess.ShouldBeFalse();
        publisher.Published.ShouldBeEmpty();
        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh == name))).ShouldBe(0);
    }

    [Fact]
    public async Task A_command_that_throws_after_saving_is_rolled_back_and_publishes_nothing()
    {
        var (publisher, name) = (new RecordingPublisher(), "异常回滚" + Guid.NewGuid().ToString("N")[..8]);
        await Should.ThrowAsync<InvalidOperationException>(() => RunAsync(publisher, db =>
        {
            AddOrganisationRaisingEvent(db, name);
            db.SaveChanges();
            throw new InvalidOperationException("fault after the save");
        }));

        publisher.Published.ShouldBeEmpty();
        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh == name))).ShouldBe(0);
    }

    [Fact]
    public async Task A_successful_command_publishes_its_events_once_the_change_is_visible_to_others()
    {
        var name = "提交后发布" + Guid.NewGuid().ToString("N")[..8];
        var visibleWhenPublished = new List<bool>();
        var publisher = new RecordingPublisher(async _ =>
            visibleWhenPublished.Add(await app.WithDbAsync(db => db.Organisations.AnyAsync(o => o.NameZh == name))));
        var result = await RunAsync(publisher, db =>
        {
            AddOrganisationRaisingEvent(db, name);
            return Result<Done>.Success(Done.Value);
        });

        result.IsSuccess.ShouldBeTrue();
        publisher.Published.Count.ShouldBe(1);
        visibleWhenPublished.ShouldBe([true]);
    }

    private static void AddOrganisationRaisingEvent(AppDbContext db, string name)
    {
        var organisation = new Organisation { Kind = OrganisationKind.Enterprise, NameZh = name, RegionCode = "210211", RegionName = "大连市甘井子区" };
        organisation.Raise(new ListingPublished(organisation.Id, IsAchievement: false));
        db.Organisations.Add(organisation);
    }

    private async Task<Result<Done>> RunAsync(RecordingPublisher publisher, Func<AppDbContext, Result<Done>> handler)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var behaviour = new TransactionBehaviour<ProbeCommand, Result<Done>>(db, publisher, NullLogger<TransactionBehaviour<ProbeCommand, Result<Done>>>.Instance);
        return await behaviour.Handle(new ProbeCommand(), (_, _) => ValueTask.FromResult(handler(db)), CancellationToken.None);
    }

    public sealed record ProbeCommand : ICommand<Result<Done>>;

    private sealed class RecordingPublisher(Func<object, Task>? onPublish = null) : IPublisher
    {
        public List<object> Published { get; } = [];

        public async ValueTask Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
            where TNotification : INotification
        {
            Published.Add(notification!);
            if (onPublish is not null)
            {
                await onPublish(notification!);
            }
        }

        public ValueTask Publish(object notification, CancellationToken cancellationToken = default) =>
            Publish((INotification)notification, cancellationToken);
    }
}

public sealed class SqliteAfterCommitTests(SqliteApp app) : AfterCommitTests<SqliteApp>(app);

public sealed class PostgresAfterCommitTests(PostgresApp app) : AfterCommitTests<PostgresApp>(app);
