using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Infrastructure;

namespace TechTransfer.Match.Tests.Foundation;

/// <summary>
/// The hourly sweeps (trial and filing reminders, the ranker's retrain) run once soon after a start, so a node
/// restarted more often than hourly still sends reminders and retrains; an hour or more turns the early run off.
/// </summary>
public sealed class HourlySweepTests
{
    private sealed class CountingSweep : ISweep
    {
        public int Runs;

        public Task<int> SweepAsync(CancellationToken ct) => Task.FromResult(Interlocked.Increment(ref Runs));
    }

    private static async Task<int> RunsAfterStartAsync(TimeSpan firstRunAfter, TimeSpan watch)
    {
        var sweep = new CountingSweep();
        await using var services = new ServiceCollection().AddSingleton(sweep).BuildServiceProvider();
        using var host = new HourlySweep<CountingSweep>(services, Options.Create(new SweepOptions { FirstRunAfter = firstRunAfter }), TimeProvider.System,
            NullLogger<HourlySweep<CountingSweep>>.Instance);
        await host.StartAsync(CancellationToken.None);
        try
        {
            // wait for the first run (if any), then a while longer to see that it does not repeat before the hour
            var until = DateTime.UtcNow + watch;
            while (DateTime.UtcNow < until && Volatile.Read(ref sweep.Runs) == 0)
            {
                await Task.Delay(20);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300));
            return Volatile.Read(ref sweep.Runs);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_sweep_runs_once_soon_after_start_and_not_again_within_the_hour() =>
        (await RunsAfterStartAsync(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10))).ShouldBe(1);

    [Fact]
    public async Task An_hour_or_more_turns_the_early_run_off() =>
        (await RunsAfterStartAsync(TimeSpan.FromHours(1), TimeSpan.FromSeconds(1))).ShouldBe(0);
}
