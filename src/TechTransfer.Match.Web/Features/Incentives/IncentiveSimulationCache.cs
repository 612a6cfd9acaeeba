using Microsoft.Extensions.Caching.Memory;

namespace TechTransfer.Match.Web.Features.Incentives;

/// <summary>
/// A node's simulations by scheme revision, year, requested scenario share and the year's contract stamps
/// (<see cref="Infrastructure.Data.ContractYearStamps"/>): a write to the year, on any node, bumps a stamp in its
/// transaction, so the next request looks under a new key and an older result is never served; old keys age out.
/// </summary>
public sealed class IncentiveSimulationCache
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 256 });

    public readonly record struct Key(Guid SchemeId, int Revision, int Year, decimal? SwitchSharePct, long YearStamp, long AllYearsStamp);

    public IncentiveSimulation? Find(Key key) => _cache.TryGetValue(key, out IncentiveSimulation? found) ? found : null;

    public IncentiveSimulation Keep(Key key, IncentiveSimulation simulation) =>
        _cache.Set(key, simulation, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
}
