using Microsoft.Extensions.Options;

namespace TechTransfer.Match.Web.Infrastructure;

/// <summary>When the hourly sweeps first run after a start (section <c>Sweeps</c>).</summary>
public sealed class SweepOptions
{
    public const string Section = "Sweeps";

    /// <summary>
    /// The first run after a start, then hourly. Without it a node restarted more often than hourly (deploys, scaling)
    /// would never send a reminder or retrain; the wait lets start-up work (migrations, index, backfill) go first.
    /// An hour or more: no early run.
    /// </summary>
    public TimeSpan FirstRunAfter { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>A sweep that sends what has fallen due; its claims keep it single when every node runs it.</summary>
public interface ISweep
{
    /// <summary>Sends what is due by now; returns how many this call sent.</summary>
    Task<int> SweepAsync(CancellationToken ct);
}

/// <summary>
/// Runs <typeparamref name="TSweep"/> once shortly after start (<see cref="SweepOptions.FirstRunAfter"/>), then every
/// hour, on every node, in a scope of its own per run.
/// </summary>
public sealed class HourlySweep<TSweep>(IServiceProvider services, IOptions<SweepOptions> options, TimeProvider clock, ILogger<HourlySweep<TSweep>> logger) : BackgroundService
    where TSweep : ISweep
{
    private static readonly TimeSpan Period = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var first = options.Value.FirstRunAfter;
        if (first < Period)
        {
            await Task.Delay(first < TimeSpan.Zero ? TimeSpan.Zero : first, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            await RunAsync(stoppingToken);
        }

        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunAsync(stoppingToken);
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TSweep>().SweepAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next tick tries again; claims made before the fault stay sent, the rest are still unsent.
            logger.LogWarning(e, "Could not run the sweep {Sweep}", typeof(TSweep).Name);
        }
    }
}
