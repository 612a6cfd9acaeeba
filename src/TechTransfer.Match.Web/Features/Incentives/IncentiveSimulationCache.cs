using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace TechTransfer.Match.Web.Features.Incentives;

/// <summary>
/// A node's simulations by scheme revision, year, requested scenario share and the year's contract stamps
/// (<see cref="Infrastructure.Data.ContractYearStamps"/>): a write to the year, on any node, bumps a stamp in its
/// transaction, so the next request looks under a new key and an older result is never served; old keys age out.
/// </summary>
public sealed class IncentiveSimulationCache(ILogger<IncentiveSimulationCache> logger)
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 256 });
    private readonly ConcurrentDictionary<Key, Lazy<Task>> _warming = new();

    public readonly record struct Key(Guid SchemeId, int Revision, int Year, decimal? SwitchSharePct, long YearStamp, long AllYearsStamp);

    public IncentiveSimulation? Find(Key key) => _cache.TryGetValue(key, out IncentiveSimulation? found) ? found : null;

    public IncentiveSimulation Keep(Key key, IncentiveSimulation simulation) =>
        _cache.Set(key, simulation, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });

    /// <summary>Computes a missing entry in the background, once per key however many readers ask meanwhile.</summary>
    public void Warm(Key key, Func<Task<IncentiveSimulation>> compute) =>
        _ = _warming.GetOrAdd(key, k => new Lazy<Task>(() => Task.Run(async () =>
        {
            try
            {
                Keep(k, await compute());
            }
            catch (Exception e)
            {
                // A fault here has no request to answer: logged, and the next reader starts it again.
                logger.LogWarning(e, "Computing incentive simulation {Scheme} r{Revision} for {Year} failed", k.SchemeId, k.Revision, k.Year);
            }
            finally
            {
                _warming.TryRemove(k, out _);
            }
        }))).Value;
}
