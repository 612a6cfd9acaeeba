namespace TechTransfer.Match.Web.Infrastructure;

/// <summary>A sweep that sends what has fallen due; its claims keep it single when every node runs it.</summary>
public interface ISweep
{
    /// <summary>Sends what is due by now; returns how many this call sent.</summary>
    Task<int> SweepAsync(CancellationToken ct);
}

/// <summary>Runs <typeparamref name="TSweep"/> every hour on every node, in a scope of its own per run.</summary>
public sealed class HourlySweep<TSweep>(IServiceProvider services, TimeProvider clock, ILogger<HourlySweep<TSweep>> logger) : BackgroundService
    where TSweep : ISweep
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
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
}
