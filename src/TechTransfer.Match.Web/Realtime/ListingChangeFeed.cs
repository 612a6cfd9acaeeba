using Mediator;
using StackExchange.Redis;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Matching;

namespace TechTransfer.Match.Web.Realtime;

/// <summary>
/// Tells the other nodes that a listing was published, edited or withdrawn, so every node's
/// matching index reflects it within moments. Sent after the commit, over the node's Redis.
/// </summary>
public sealed class ListingChangePublisher(RedisConnection redis, ILogger<ListingChangePublisher> logger)
    : INotificationHandler<ListingPublished>, INotificationHandler<ListingWithdrawn>, INotificationHandler<ListingRelocated>
{
    public ValueTask Handle(ListingPublished notification, CancellationToken cancellationToken) =>
        PublishAsync(notification.ListingId, notification.IsAchievement);

    public ValueTask Handle(ListingWithdrawn notification, CancellationToken cancellationToken) =>
        PublishAsync(notification.ListingId, notification.IsAchievement);

    public ValueTask Handle(ListingRelocated notification, CancellationToken cancellationToken) =>
        PublishAsync(notification.ListingId, notification.IsAchievement);

    private async ValueTask PublishAsync(Guid listingId, bool isAchievement)
    {
        if (!redis.Enabled)
        {
            return;
        }

        try
        {
            await redis.Multiplexer.GetSubscriber().PublishAsync(redis.ListingChanges, $"{redis.NodeId}|{listingId}|{(isAchievement ? 'A' : 'N')}");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The other nodes catch up at their next start-up rebuild; this node stays correct.
            logger.LogWarning(ex, "Could not announce the change of listing {ListingId} to the other nodes", listingId);
        }
    }
}

/// <summary>Applies other nodes' listing changes to this node's index.</summary>
public sealed class ListingChangeFeed(RedisConnection redis, IServiceProvider services, MatchingIndex index, ILogger<ListingChangeFeed> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Redis went away: keep serving, listen again shortly.
                logger.LogWarning(ex, "Listing change feed interrupted; resubscribing");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(redis.ListingChanges);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var message = await queue.ReadAsync(stoppingToken);
                var parts = ((string?)message.Message ?? "").Split('|');
                if (parts.Length != 3 || parts[0] == redis.NodeId || !Guid.TryParse(parts[1], out var listingId))
                {
                    continue;
                }

                try
                {
                    await using var scope = services.CreateAsyncScope();
                    await index.SyncAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), listingId, parts[2] == "A", stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Could not apply the change of listing {ListingId} from another node", listingId);
                }
            }
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }
}
