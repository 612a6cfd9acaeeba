using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace TechTransfer.Match.Web.Realtime;

/// <summary>Configuration section "Realtime".</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>StackExchange.Redis configuration; when set, SignalR and the index change feed go over Redis.</summary>
    public string? Redis { get; set; }

    /// <summary>
    /// Prefix of every Redis channel the nodes use (SignalR backplane, listing change feed), so deployments sharing one
    /// Redis (staging beside production, parallel test runs) never hear each other. Every node of a deployment sets the same.
    /// </summary>
    public string ChannelPrefix { get; set; } = "";

    /// <summary>Hour of the day (UTC, 0-23) at which daily digests are sent; 0 is 08:00 in Beijing.</summary>
    public int DigestHourUtc { get; set; }

    /// <summary>Whether this node runs the daily digest service (every node may: one sends each digest).</summary>
    public bool DigestEnabled { get; set; } = true;

    /// <summary>How often a node closes its hub connections whose sign-in session has ended.</summary>
    public int SessionSweepSeconds { get; set; } = 15;
}

/// <summary>One shared Redis connection per node; it never blocks start-up and reconnects by itself.</summary>
public sealed class RedisConnection(RealtimeOptions options) : IDisposable
{
    /// <summary>The channel of the listing change feed (the connection adds the deployment's prefix).</summary>
    public RedisChannel ListingChanges { get; } = RedisChannel.Literal("ttm:listing-changes");

    private readonly Lazy<ConnectionMultiplexer> _multiplexer = new(() =>
    {
        var configuration = ConfigurationOptions.Parse(options.Redis!);
        configuration.AbortOnConnectFail = false;
        if (options.ChannelPrefix.Length > 0)
        {
            // On the connection, so the backplane's channels and the change feed's carry it alike.
            configuration.ChannelPrefix = RedisChannel.Literal(options.ChannelPrefix);
        }

        configuration.ClientName = "ttm-" + Environment.MachineName;
        return ConnectionMultiplexer.Connect(configuration);
    });

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Redis);

    /// <summary>Identifies this node (not the process: tests run two nodes in one), so it ignores its own messages.</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    public ConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }
}

/// <summary>Degraded, not unhealthy, without Redis: the node keeps serving the API on its own.</summary>
public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.Enabled)
        {
            return HealthCheckResult.Healthy("Single node: no Redis configured.");
        }

        try
        {
            if (!redis.Multiplexer.IsConnected)
            {
                return HealthCheckResult.Degraded("Redis is unreachable: live messages and index changes reach only this node's clients.");
            }

            await redis.Multiplexer.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy("Redis connected.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis is unreachable: " + ex.Message);
        }
    }
}

public static class RealtimeRegistration
{
    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RealtimeOptions.Section).Get<RealtimeOptions>() ?? new RealtimeOptions();
        var services = builder.Services;
        if (options.DigestHourUtc is < 0 or > 23)
        {
            throw new InvalidOperationException($"Realtime:DigestHourUtc must be an hour from 0 to 23, not {options.DigestHourUtc}.");
        }

        services.AddSingleton(options);
        var redis = new RedisConnection(options);
        services.AddSingleton(redis);
        var signalR = services.AddSignalR();
        if (redis.Enabled)
        {
            // The backplane and the listing change feed share the node's one Redis connection.
            signalR.AddStackExchangeRedis(o => o.ConnectionFactory = _ => Task.FromResult<IConnectionMultiplexer>(redis.Multiplexer));
            services.AddHostedService<ListingChangeFeed>();
        }

        services.AddScoped<NotificationDispatcher>();
        services.AddScoped<DailyDigestSender>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddHostedService<DailyDigestService>();
        services.AddScoped<ListingChangePublisher>();
        services.AddSingleton<HubSessions>();
        services.AddHostedService<HubSessionSweeper>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");

        // Browsers cannot set headers on WebSocket requests: the hub also accepts ?access_token=.
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o =>
        {
            var previous = o.Events.OnMessageReceived;
            o.Events.OnMessageReceived = async context =>
            {
                await previous(context);
                if (context.Token is null && context.HttpContext.Request.Path.StartsWithSegments("/hubs") &&
                    context.Request.Query["access_token"] is { Count: > 0 } token)
                {
                    context.Token = token.ToString();
                }
            };
        });
        return builder;
    }
}
